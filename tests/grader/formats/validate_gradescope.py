#!/usr/bin/env python3
"""Validates Gradescope results.json files against gradescope.schema.json with
the jsonschema library (Debian: python3-jsonschema).

  validate_gradescope.py SCHEMA FILE...          every FILE must be valid
  validate_gradescope.py --reject SCHEMA FILE    FILE must be rejected
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_gradescope: the jsonschema module is missing: apt-get install python3-jsonschema")


def main(args):
    reject = args[:1] == ["--reject"]
    if reject:
        args = args[1:]
    with open(args[0], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    validator.check_schema(schema)
    status = 0
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            errors = list(validator.iter_errors(json.load(f)))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}")
        if bool(errors) != reject:
            print(f"validate_gradescope: {path}: expected {'rejection' if reject else 'a valid document'}",
                  file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
