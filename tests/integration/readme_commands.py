#!/usr/bin/python3
"""The README's command table against the command schema (yousuctl
schema): every command has a row and every row a command; each row names
the command's arguments as its usage says and exactly the options the
schema gives it (the filters as "[filters]", themselves checked against
the paragraph that lists them)."""
import json
import os
import re
import subprocess
import sys

src = os.environ["YOUSU_SRC"]
schema = json.loads(subprocess.run(
    [os.path.join(os.environ["YOUSU_BIN"], "yousuctl"), "schema"],
    check=True, capture_output=True, text=True).stdout)
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()

failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + what +
          ("" if ok else ": " + detail))
    failures += not ok


def options(cmd):
    out = set()
    for f in cmd["fields"]:
        if "option" in f:
            out.add(f["option"])
        if "option_false" in f:
            out.add(f["option_false"])
    return out


section = readme[readme.index("\n## yousuctl\n"):]
section = section[:section.index("\n### ", 1)]
rows = re.findall(r"^\| `(.+?)` \|", section, re.M)
check("the command table has rows", len(rows) > 40, str(len(rows)))
by_words = {c["words"]: c for c in schema}
filters = options(by_words["list"])
seen = set()
for row in rows:
    cell = row.replace("\\|", "|")
    if cell == "schema":  # yousuctl's own: prints the schema itself
        continue
    words = max((w for w in by_words
                 if cell == w or cell.startswith(w + " ")),
                key=len, default=None)
    if words is None:
        check(f"row '{cell}' names a command", False, "not in the schema")
        continue
    cmd = by_words[words]
    seen.add(words)
    rest = cell[len(words):].strip()
    if cmd["usage"]:
        check(f"{words}: arguments {cmd['usage']}",
              rest.startswith(cmd["usage"]), rest)
    named = set(re.findall(r"--([a-z][a-z-]*)", rest))
    if re.search(r"(^|[ \[])-o FILE", rest):
        named.add("output")  # -o is --output's short form
    want = options(cmd)
    if "[filters]" in rest:
        named |= filters
    check(f"{words}: options", named == want,
          f"README lacks {sorted(want - named)}, "
          f"README has unknown {sorted(named - want)}")
missing = [w for w in by_words if w not in seen]
check("every command of the schema has a row", not missing, str(missing))

para = readme[readme.index("Filters for `list`, `ledger` and `stats`:"):]
para = para[:para.index("\n\n")]
named = set(re.findall(r"--([a-z][a-z-]*)", para))
check("the filters paragraph names exactly list's options",
      named == filters,
      f"lacks {sorted(filters - named)}, unknown {sorted(named - filters)}")
sys.exit(1 if failures else 0)
