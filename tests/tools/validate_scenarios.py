#!/usr/bin/env python3
"""Validates scenario files against docs/scenario.schema.json with the jsonschema module
(Debian: python3-jsonschema), independently of dayafter's own reader.

    validate_scenarios.py SCHEMA PATH...            each file (or every *.json in a folder) valid
    validate_scenarios.py --expect-invalid SCHEMA FILE...   each file refused by the schema

Prints one line per file and the schema's reasons; exits 0 when every file is as expected,
1 otherwise, 2 for bad usage (no file found, the schema itself broken).
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator


def files_in(paths):
    found = []
    for path in map(pathlib.Path, paths):
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return found


def main(argv):
    expect_valid = True
    if argv and argv[0] == "--expect-invalid":
        expect_valid = False
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema = json.loads(pathlib.Path(argv[0]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = files_in(argv[1:])
    if not files:
        print("validate_scenarios: no scenario files in " + " ".join(argv[1:]), file=sys.stderr)
        return 2
    failures = 0
    for file in files:
        document = json.loads(file.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if bool(errors) == expect_valid:
            failures += 1
        state = "invalid" if errors else "valid"
        print(f"{file}: {state}")
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"  {where}: {error.message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
