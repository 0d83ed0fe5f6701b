#!/bin/sh
# Validates JUnit XML files against an XML Schema (junit.xsd, the Jenkins
# xUnit junit-10.xsd) with xmllint (libxml2-utils).
#   validate_junit.sh SCHEMA FILE...          every FILE must be valid
#   validate_junit.sh --reject SCHEMA FILE    FILE must be rejected
set -u
expect=valid
if [ "$1" = --reject ]; then expect=invalid; shift; fi
schema=$1; shift
if ! command -v xmllint >/dev/null 2>&1; then
  echo "validate_junit: xmllint is not installed: apt-get install libxml2-utils" >&2
  exit 1
fi
status=0
for file in "$@"; do
  if xmllint --noout --schema "$schema" "$file"; then result=valid; else result=invalid; fi
  if [ "$result" != "$expect" ]; then
    echo "validate_junit: $file is $result against $schema, expected $expect" >&2
    status=1
  fi
done
exit $status
