"""Stable ids (docs/json.md, "Ids"): every project, goal and indicator gets an id derived from
its path alone — the project's name; the goal's kind and number; the indicator's 一级 and 二级
(canonical names, so 产出 and 产出指标 are one path) and 三级 name — so that an edit which does
not rename or move a thing (its value, its weight, a comment, the layout, `perflang fmt`) never
changes its id.

    id = prefix + the first 16 hex digits of SHA-256(UTF-8 of the path as a JSON array)

The path array is written as Python's json.dumps(path, ensure_ascii=False, separators=(",",
":")) writes it: ["project","政务服务工作"], ["goal","政务服务工作","annual",1],
["indicator","政务服务工作","annual",1,"产出指标","数量指标","服务窗口工作人员数量",1] — the last
number counts the indicators of the same path in the goal (1 for the first, 2 for a second
indicator written with the same 一级/二级/三级 in that goal)."""

from __future__ import annotations

import hashlib
from json.encoder import encode_basestring  # the C encoder of a JSON string (ensure_ascii=False)

from ..model import GoalModel, IndicatorModel, ProjectModel

__all__ = ["project_id", "goal_id", "indicator_ids", "make_id", "level_key", "PREFIXES"]

PREFIXES = {"project": "p-", "goal": "g-", "indicator": "i-"}


def path_text(path: list) -> str:
    """The path as json.dumps(path, ensure_ascii=False, separators=(",", ":")) writes it (its
    items are strings and integers), without json.dumps's own cost (an id per indicator)."""
    return "[" + ",".join(str(x) if x.__class__ is int else encode_basestring(x) for x in path) + "]"


def make_id(path: list) -> str:
    """The id of a path (its first element names the kind: project, goal, indicator)."""
    return PREFIXES[path[0]] + hashlib.sha256(path_text(path).encode("utf-8")).hexdigest()[:16]


def level_key(ind: IndicatorModel) -> tuple[str, str]:
    """The 一级 and 二级 an id is made of: the canonical names, or the names as shown where
    perflang does not know them."""
    return ind.level1_canonical or ind.level1, ind.level2_canonical or ind.level2


def project_id(project: ProjectModel) -> str:
    return make_id(["project", project.name])


def goal_id(project: ProjectModel, goal: GoalModel) -> str:
    return make_id(["goal", project.name, goal.kind, goal.number])


def indicator_paths(project: ProjectModel, goal: GoalModel) -> list[list]:
    """The id path of each indicator of a goal, in order (see the module's docstring)."""
    seen: dict[tuple, int] = {}
    out = []
    for ind in goal.indicators:
        l1, l2 = level_key(ind)
        key = (l1, l2, ind.name)
        seen[key] = seen.get(key, 0) + 1
        out.append(["indicator", project.name, goal.kind, goal.number, l1, l2, ind.name, seen[key]])
    return out


def indicator_ids(project: ProjectModel, goal: GoalModel) -> list[str]:
    """The id of each indicator of a goal, in order: make_id of each indicator_paths entry,
    with the path's text written directly (an id per indicator: eval and build --to json of a
    province make 80,000 of them; tests/test_json.py holds the two equal)."""
    head = f'["indicator",{encode_basestring(project.name)},{encode_basestring(goal.kind)},{goal.number},'
    seen: dict[tuple, int] = {}
    out = []
    start = hashlib.sha256(head.encode("utf-8"))  # the head hashed once, copied for each
    for ind in goal.indicators:
        l1, l2 = level_key(ind)
        key = (l1, l2, ind.name)
        n = seen[key] = seen.get(key, 0) + 1
        h = start.copy()
        h.update(f"{encode_basestring(l1)},{encode_basestring(l2)},{encode_basestring(ind.name)},{n}]".encode("utf-8"))
        out.append("i-" + h.hexdigest()[:16])
    return out
