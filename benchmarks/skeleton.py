"""The least a build of province.perf could do in Python, to show how far the throughput
target (≤ 0.5× tomllib.loads, issue 6) is from what CPython can do at all.

A skeleton, not a compiler: it splits the text into lines, reads each indicator line with one
regular expression, keeps the target text unparsed (one shared dict per distinct text), makes
one small dict per indicator and writes the lot with json's C encoder, compact.  No spans, no
units, no checks, no diagnostics, a quarter of the keys of the real output.  run.py times it
in-process beside tomllib.loads and prints the ratio under the throughput figure.
"""

from __future__ import annotations

import json
import re

_INDICATOR = re.compile(r"[ \t]*([^:：{}#]+?)[ \t]*[:：][ \t]*([^{}#]*?)[ \t]*(?:\{(.*)\})?[ \t]*$")


def skeleton_build(text: str) -> str:
    """The JSON text of the projects and their indicators in text, by the skeleton."""
    projects: list[dict] = []
    targets: dict[str, dict] = {}
    group = ("", "")
    current: dict = {"indicators": []}
    for no, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if not s or s[0] in "#}":
            continue
        if s.startswith("项目 "):
            current = {"name": s[3:-1].strip(), "indicators": []}
            projects.append(current)
        elif s.endswith("{") and " / " in s:
            level1, level2 = s[:-1].split(" / ")
            group = (level1.strip(), level2.strip())
        elif ":" in s and (m := _INDICATOR.match(line)):
            name, value, attrs = m.groups()
            target = targets.get(value) or targets.setdefault(value, {"text": value})
            current["indicators"].append(
                {"level1": group[0], "level2": group[1], "name": name, "target": target, "attrs": attrs, "line": no}
            )
    return json.dumps(projects, ensure_ascii=False)
