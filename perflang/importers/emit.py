"""ImportedDoc -> idiomatic .perf: short 一级/二级 forms, a shared goal where the annual goal
repeats a long-term one, the common basis as 默认依据, values exactly as written, and every
unplaced row as a comment where it stood.  The text is then put in canonical form."""

from __future__ import annotations

from collections import Counter

from ..syntax.builder import quote
from ..syntax.formatter import format_text, name_text, pair_value_text, value_text
from ..syntax.keywords import GOAL_KINDS
from .document import ImportedDoc, ImportedProject, Row

__all__ = ["emit", "short_level", "common_basis"]


def short_level(name: str) -> str:
    """产出指标 -> 产出 (the compiler expands it back)."""
    return name[:-2] if name.endswith("指标") and len(name) > 2 else name


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def common_basis(doc: ImportedDoc) -> str | None:
    """The most frequent basis, when every indicator row has one."""
    bases = [r.basis for p in doc.projects for r in p.rows if r.kind == "indicator"]
    if not bases or not all(bases):
        return None
    return Counter(bases).most_common(1)[0][0]


def _indicator(row: Row, default: str | None) -> str:
    attrs = []
    if row.basis and row.basis != default:
        attrs.append(f"依据 {value_text(row.basis)}")
    if row.weight:
        attrs.append(f"分值 {value_text(row.weight)}")
    line = f"{name_text(row.name)}: {pair_value_text(row.value)}".rstrip()
    return line + (f" {{ {'; '.join(attrs)} }}" if attrs else "")


def _rows(rows: list[Row], default: str | None) -> list[str]:
    out: list[str] = []
    open_levels = None
    for row in rows:
        levels = (row.level1, row.level2)
        if row.kind == "comment":
            if open_levels is not None and levels != open_levels:
                out.append("}")
                open_levels = None
            out.append(_comment(row.comment))
            continue
        if levels != open_levels:
            if open_levels is not None:
                out.append("}")
            out.append(f"{short_level(row.level1)} / {short_level(row.level2)} {{")
            open_levels = levels
        out.append(_indicator(row, default))
    if open_levels is not None:
        out.append("}")
    return out


def _goal_keys(p: ImportedProject) -> list[tuple[str, int]]:
    """The project's goals as every form prints them: the long-term ones, then the annual ones,
    each kind by number (a goal whose text the form did not give comes from its rows)."""
    keys = [(g.keyword, g.number) for g in p.goals]
    for r in p.rows:
        if r.goal not in keys:
            keys.append(r.goal)
    return sorted(keys, key=lambda k: (GOAL_KINDS.get(k[0]) != "long-term", k[1]))


def _shared_with(p: ImportedProject, key, texts, rows_of) -> tuple[str, int] | None:
    """The long-term goal an annual goal repeats word for word and row for row."""
    if key[0] != "年度目标":
        return None
    for other in _goal_keys(p):
        if (
            other[0] != "年度目标"
            and other[1] == key[1]
            and texts.get(other) == texts.get(key)
            and [r.key() for r in rows_of(other)] == [r.key() for r in rows_of(key)]
        ):
            return other
    return None


def _project(p: ImportedProject, default: str | None) -> list[str]:
    out = [f"项目 {value_text(p.name)} {{"]
    if p.budget is not None:
        out.append(f"预算 {value_text(p.budget)}")
    out += [f"{k} {value_text(v)}" for k, v in p.settings]
    out += [f"字段 {name_text(k)}: {pair_value_text(v)}".rstrip() for k, v in p.fields]
    out += [f"资金 {name_text(k)}: {pair_value_text(v)}".rstrip() for k, v in p.funding]
    out += [_comment(c) for c in p.comments]
    texts = {(g.keyword, g.number): g.text for g in p.goals}

    def rows_of(key):
        return [r for r in p.rows if r.goal == key]

    for key in _goal_keys(p):
        shared = _shared_with(p, key, texts, rows_of)
        if shared:
            out.append(f"{key[0]} {key[1]} 同 {shared[0]} {shared[1]}")
            continue
        text = f" {quote(texts[key])}" if key in texts else ""
        out.append(f"{key[0]} {key[1]}{text} {{")
        out += _rows(rows_of(key), default)
        out.append("}")
    out.append("}")
    return out


def emit(doc: ImportedDoc) -> str:
    """The formatted .perf text of an imported document."""
    out = []
    if doc.unit:
        out.append(f"申报单位 {value_text(doc.unit)}")
    if doc.money_unit:
        out.append(f"金额单位 {value_text(doc.money_unit)}")
    if doc.year:
        out.append(f"年度 {value_text(doc.year)}")
    if doc.form:
        out.append(f"表样 {value_text(doc.form)}")
    if doc.profile:
        out.append(f"评分方案 {value_text(doc.profile)}")
    default = common_basis(doc)
    if default:
        out.append(f"默认依据 {value_text(default)}")
    out += [_comment(c) for c in doc.comments]
    for p in doc.projects:
        out += _project(p, default)
    text, diags = format_text("\n".join(out) + "\n")
    if text is None:
        raise RuntimeError("import produced text that does not parse: " + "; ".join(d.message("en") for d in diags))
    return text
