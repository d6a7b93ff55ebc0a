"""One message catalog (issue 20): no text a user reads is written in two languages anywhere but
perflang/messages.py.  Code passes data (a catalog code or phrase key and its arguments); the
words are chosen in the language shown.

The guard reads every module's syntax tree (not its lines, so a pair split over lines, built
with an f-string or hidden in a conditional is seen) and reports:
- a Chinese text and an English sentence side by side: in one tuple, list, call, dict, `a if
  … else b` or `a or b` (a (zh, en) pair, `f(zh, en)`, `"中文" if en else "English"`);
- a conditional choosing between a Chinese and a Latin-lettered literal (`'help' if en else
  '提示'`), however short;
- one literal holding both, split by " / " (`"磁盘已满 / disk full"`);
- an `x_en` name: a variable, parameter, keyword argument or dict key (`reason_en=…`,
  {"hint_en": …}), and a dict keyed by both "zh" and "en".
The detector is itself tested on planted examples, so it cannot pass by seeing nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "perflang"
CATALOG = PACKAGE / "messages.py"

# Modules with findings still to move, each with why it is allowed for now.  An entry whose
# module no longer has findings fails the test: the list only shrinks.
PENDING: dict[str, str] = {}


def embedded() -> set[str]:
    """The one exception: the modules a generated evaluator is made of (backends/python.py
    EMBEDDED), which cannot read the catalog.  Their errors name a phrase key, and the texts
    their problems carry in both languages (evaluator.TWINS: reason/reason_en, what/what_en,
    field/field_en) are issue 25's contract, produced the same by the Java and JavaScript
    evaluators; perflang eval shows each pair in one language (evaluator.problem_args)."""
    from perflang.backends.python import EMBEDDED

    return {Path(m.__file__).resolve().relative_to(ROOT).as_posix() for m in EMBEDDED}


_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,']+[A-Za-z]{2,}[ ,']+[A-Za-z]{2,}")  # three English words
_LATIN = re.compile(r"[A-Za-z]{2,}")


def _text(node) -> str | None:
    """The literal text of a string constant or an f-string (its literal parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _zh(s: str) -> bool:
    return bool(_CJK.search(s))


def _en(s: str) -> bool:
    return bool(_SENTENCE.search(s)) and not _zh(s)


def _docstrings(tree) -> set[int]:
    return {
        id(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
    }


def findings(source: str) -> list[tuple[int, str]]:
    """(line, what) of every bilingual text in a module's source."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        groups = []
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            groups.append(node.elts)
        elif isinstance(node, ast.Call):
            groups.append([*node.args, *(k.value for k in node.keywords)])
        elif isinstance(node, ast.Dict):
            groups.append(node.values)
        elif isinstance(node, ast.BoolOp):
            groups.append(node.values)
        elif isinstance(node, ast.IfExp):
            groups.append([node.body, node.orelse])
            a, b = _text(node.body), _text(node.orelse)
            if a is not None and b is not None:
                for x, y in ((a, b), (b, a)):
                    if _zh(x) and _LATIN.search(y) and not _zh(y):
                        out.append((node.lineno, f"a conditional between {x[:20]!r} and {y[:20]!r}"))
                        break
        for group in groups:
            texts = [t for t in map(_text, group) if t]
            if any(map(_zh, texts)) and any(map(_en, texts)):
                out.append((node.lineno, "a Chinese text beside an English sentence"))
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and id(node) not in docs:
            text = _text(node) or ""
            parts = text.split(" / ")
            if len(parts) > 1 and any(map(_zh, parts)) and any(_LATIN.search(x) and not _zh(x) for x in parts):
                out.append((node.lineno, f"one text in both languages: {text[:40]!r}"))
        names = []
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.arg):
            names.append(node.arg)
        elif isinstance(node, ast.keyword) and node.arg:
            names.append(node.arg)
        elif isinstance(node, ast.Dict):
            keys = {_text(k) for k in node.keys if k is not None}
            names.extend(k for k in keys if k)
            if {"zh", "en"} <= keys:
                out.append((node.lineno, "a dict keyed by zh and en"))
        for name in names:
            if name.endswith("_en"):
                out.append((getattr(node, "lineno", 0) or getattr(node.value, "lineno", 0), f"an English twin: {name}"))
    return sorted(set(out))


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != CATALOG:
            yield path.relative_to(ROOT).as_posix(), path


def test_no_bilingual_text_outside_the_catalog():
    found = {}
    for name, path in _modules():
        hits = findings(path.read_text(encoding="utf-8"))
        if hits:
            found[name] = hits
    unexpected = {k: v for k, v in found.items() if k not in PENDING and k not in embedded()}
    assert not unexpected, "move these texts into perflang/messages.py (pass a code or phrase key and args):\n" + (
        "\n".join(f"{k}:{line}: {what}" for k, v in unexpected.items() for line, what in v)
    )
    stale = sorted(set(PENDING) - set(found))
    assert not stale, f"no longer bilingual, drop from PENDING: {stale}"


PLANTED = {
    'PAIR = ("磁盘空间不足", "no space left on the disk")\n': 1,
    'f(zh="文件为空", en="the file is empty")\n': 1,
    'raise E(f"无法读取：{x}", f"cannot read the file: {x}")\n': 1,
    'label = "help" if en else "提示"\n': 1,
    'label = ("提示" if lang != "en" else "help")\n': 1,
    'NOTE = "已截断 / the text was cut here"\n': 1,
    'Item(k, "keyword", "项目 / project")\n': 1,
    'detail = f"第 {no} 行 / line {no}"\n': 1,
    'd = Diagnostic(code="PF1", args={"reason": r, "reason_en": e})\n': 1,
    "def f(what, what_en):\n    return what\n": 1,
    'call(x, hint_en="y")\n': 1,
    'NAMES = {"zh": {"A": "甲"}, "en": {"A": "a"}}\n': 1,
    't = {"k": ("第 {n} 行", "line {n} of the file")}\n': 1,
}
CLEAN = (
    '"""A docstring may say 预算 and explain it in English words."""\n',
    'phrase("hint.colon", fixed=text)\n',
    'UNITS = ("万元", "元")\n',
    'x = entry.hint_en if lang == "en" else entry.hint_zh\n',  # reading the catalog's fields
    'row = ("项目名称", name)\n',
    'group = "产出 / 数量"\n',
)


def test_the_guard_sees_planted_bilingual_texts_and_nothing_in_clean_code():
    for source in PLANTED:
        assert findings(source), source
    for source in CLEAN:
        assert not findings(source), (source, findings(source))


def test_every_invisible_character_has_a_name_in_the_catalog():
    from perflang.messages import PHRASES
    from perflang.source import INVISIBLE

    names = {f"char.{ord(c):04X}" for c in INVISIBLE}
    assert len(names) == len(INVISIBLE) > 20
    assert names == {k for k in PHRASES if k.startswith("char.")}
