#!/usr/bin/env python3
"""Read a dotenv file with python-dotenv and print its variables as one JSON object.

Usage: dotenv_python_check.py FILE [--no-interpolate]

This checks that files written by tresor's `export --format dotenv` (src/dotenv.rs,
`format_dotenv`) read back exactly in python-dotenv (`pip install python-dotenv`).

Output on stdout: `{"KEY": "value", ...}` in file order (ASCII JSON, `null` for a bare `KEY` line).
By default, values are read as `dotenv_values()` and `load_dotenv()` read them: `${NAME}` and
`${NAME:-default}` are expanded in every quoting form, and no escape prevents that. With
`--no-interpolate` they are read literally, and every value written by tresor reads back exactly.

Exit status: 0 on success; 1 when python-dotenv could not parse some statement (it would
silently skip it, so the lines it reported go to stderr); 2 on a usage error or a missing
file; 3 when python-dotenv is not installed.
"""

import json
import logging
import os
import sys


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def main(argv):
    args = argv[1:]
    interpolate = True
    if "--no-interpolate" in args:
        args.remove("--no-interpolate")
        interpolate = False
    if len(args) != 1:
        print("usage: dotenv_python_check.py FILE [--no-interpolate]", file=sys.stderr)
        return 2
    path = args[0]
    if not os.path.isfile(path):
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    try:
        from dotenv import dotenv_values
    except ImportError:
        print("python-dotenv is not installed (pip install python-dotenv)", file=sys.stderr)
        return 3

    problems = _Collect()
    logger = logging.getLogger("dotenv.main")
    logger.addHandler(problems)
    logger.propagate = False
    values = dotenv_values(path, interpolate=interpolate)
    json.dump(values, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    if problems.messages:
        for message in problems.messages:
            print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
