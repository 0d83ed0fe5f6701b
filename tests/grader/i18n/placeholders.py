#!/usr/bin/env python3
"""Every translation keeps its message's fmt placeholders ({}, {0}, {:g}).

The grader formats a translated message with fmt::runtime: a translation
with a placeholder too few, too many or misspelt throws at run time, in
front of a student. msgfmt --check does not know fmt's syntax; this does.
  placeholders.py PO_FILE...   (exit 1 and one line per bad entry)
"""
import re
import sys

FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def unquote(text):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def entries(path):
    """Each entry as {field: text}, in file order (the header too)."""
    entry, field = {}, None
    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.rstrip("\n")
            match = FIELD.match(line)
            if match and match.group(1) in ("msgctxt", "msgid") and any(
                    k.startswith("msgstr") for k in entry):
                yield entry
                entry = {}
            if match:
                field = match.group(1)
                entry[field] = unquote(match.group(2))
            elif line.startswith('"') and field:
                entry[field] += unquote(line[1:-1])
            else:
                field = None
    if entry:
        yield entry


def problems(path):
    for entry in entries(path):
        english = entry.get("msgid", "")
        if not english:
            continue
        wanted = sorted(PLACEHOLDER.findall(english))
        for field, text in entry.items():
            if field.startswith("msgstr") and text and sorted(PLACEHOLDER.findall(text)) != wanted:
                yield f"{path}: {english!r}: {field} has {sorted(PLACEHOLDER.findall(text))}, " \
                      f"the message {wanted}: keep every placeholder"


def main(paths):
    found = [line for path in paths for line in problems(path)]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
