#!/usr/bin/env python3
"""Measures the functions of C++ sources and fails when one is too long.

    function_length.py [--limit N] [--allow FILE:NAME]... [--report] PATH...

PATH is a file or a folder (its *.cpp and *.hpp, recursively). A function's
length is the number of lines between the lines of its braces (its body, as
clang-tidy's readability-function-size counts them); a lambda counts towards
the function it is written in. Every function over --limit is listed as
"file:line: NAME is N lines (limit L): split it into steps", and the exit code
is 1; --allow names one that is let through for now (a path ending and the
function's name, e.g. exec/child.cpp:spawn). --report prints the count, median
and longest instead.

It reads clang-formatted code (.clang-format): a brace-matching scanner, not a
parser, that skips comments, string and character literals (raw strings too).
"""
import argparse
import pathlib
import re
import statistics
import sys

QUALIFIERS = re.compile(r"(\b(const|noexcept|override|final|mutable)\b|&&|&|\s)+$")
SCOPE_KEYWORDS = re.compile(r"\b(namespace|class|struct|union|enum)\b|\bextern\s+\"C\"")
INIT_LIST = re.compile(r"\)\s*(noexcept\s*)?:(?!:)")


def blank_literals(text):
    """`text` with comments and literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not text[i - 1].isalnum()):
            open_paren = text.find("(", i + 2)
            delimiter = ")" + text[i + 2:open_paren] + '"'
            end = text.find(delimiter, open_paren)
            end = n if end < 0 else end + len(delimiter)
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:end]))
            i = end
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_preprocessor(text):
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.split("\n"))


def opens_function(header):
    """True when `header` (the text before a '{' at namespace or class
    scope) is the signature of a function, constructor or lambda."""
    if "(" not in header:
        return False
    head = header.rstrip()
    if INIT_LIST.search(head):
        return True
    arrow = head.rfind("->")
    if arrow > head.rfind(")"):
        head = head[:arrow].rstrip()
    head = QUALIFIERS.sub("", head)
    return head.endswith(")")


def function_name(header):
    head = header[: header.find("(")].strip()
    words = re.findall(r"[\w:~]+|operator\S+", head)
    return words[-1] if words else "(lambda)"


def functions(text):
    """(name, first line, body lines) of every function in `text`."""
    code = without_preprocessor(blank_literals(text))
    found = []
    stack = []  # 'scope', 'function' or 'other' per open brace
    header_start = 0
    function_open = None  # (name, line, depth) of the function being read
    for i, c in enumerate(code):
        inside = function_open is not None
        if c == ";" and not inside and (not stack or stack[-1] == "scope"):
            header_start = i + 1
        elif c == "{":
            if inside or (stack and stack[-1] == "other"):
                stack.append("other")
                continue
            header = code[header_start:i]
            if opens_function(header):
                stack.append("function")
                line = code.count("\n", 0, i) + 1
                function_open = (function_name(header), line, len(stack))
            elif SCOPE_KEYWORDS.search(header):
                stack.append("scope")
                header_start = i + 1
            else:
                stack.append("other")
        elif c == "}" and stack:
            kind = stack.pop()
            if function_open and kind == "function" and len(stack) + 1 == function_open[2]:
                name, line, _ = function_open
                end = code.count("\n", 0, i) + 1
                found.append((name, line, max(end - line - 1, 0)))
                function_open = None
                header_start = i + 1
            elif kind == "scope":
                header_start = i + 1
    return found


def sources(paths):
    for path in map(pathlib.Path, paths):
        if path.is_file():
            yield path
        else:
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".cpp", ".hpp"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--allow", action="append", default=[])
    parser.add_argument("--report", action="store_true")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    measured = []
    for path in sources(args.paths):
        for name, line, length in functions(path.read_text(encoding="utf-8")):
            measured.append((length, f"{path}:{line}", name))
    if args.report:
        lengths = [m[0] for m in measured]
        print(f"{len(lengths)} functions, median {statistics.median(lengths) if lengths else 0}"
              f" lines, {sum(n > args.limit for n in lengths)} over {args.limit}")
        for length, where, name in sorted(measured, reverse=True)[:15]:
            print(f"  {length:4} {where} {name}")
        return 0
    allowances = [re.match(r"^(.*?\.[ch]pp):(.+)$", a).groups() for a in args.allow]

    def allowed(where, name):
        path = where.rsplit(":", 1)[0]
        return any(path.endswith(file) and name == function for file, function in allowances)

    over = sorted((m for m in measured if m[0] > args.limit and not allowed(m[1], m[2])),
                  key=lambda m: m[1])
    for length, where, name in over:
        print(f"{where}: {name} is {length} lines (limit {args.limit}): split it into steps")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
