"""The VS Code extension (editors/vscode): its TextMate grammar, held to the compiler.

- the syntax tests (editors/vscode/tests/*.test.perf, real lines of examples/ and docs/ with
  `#   ^^ scope` assertions) pass under vscode-tmgrammar-test, and fail with a broken grammar;
- every keyword of the compiler's grammar (perf.lark's *_KW terminals, which the builder's tables
  match), every comparator of perflang/values.py and every unit of perflang/units.py is
  highlighted as one, so the two cannot drift apart;
- on every indicator of examples/, the grammar calls a value quantitative exactly when
  parse_target does, with the same comparator, number and unit;

(The extension itself, its package and its client: tests/test_vscode_extension.py.)  The node
tests run `npm ci` in editors/vscode when node_modules is missing or older than
package-lock.json; without node/npm they skip, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from vscodetools import VSCODE

from perflang.api import compile_text
from perflang.syntax.builder import ATTR_KEYS, SETTING_KEYS
from perflang.syntax.grammar import grammar_path
from perflang.syntax.nodes import GOAL_KINDS
from perflang.units import KNOWN_UNITS
from perflang.values import _PREFIX, _SUFFIX, _normal, parse_target

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = VSCODE / "syntaxes" / "perf.tmLanguage.json"
SYNTAX_TESTS = sorted((VSCODE / "tests").glob("*.test.perf"))
EXAMPLES = sorted((ROOT / "examples").glob("*.perf"))

KW_SCOPES = {
    "PROJECT_KW": "keyword.declaration.project.perf",
    "GOAL_KW": "keyword.declaration.goal.perf",
    "SAME_KW": "keyword.other.same-as.perf",
    "SETTING_KW": "keyword.other.setting.perf",
    "FIELD_KW": "keyword.other.field.perf",
    "FUNDING_KW": "keyword.other.field.perf",
    "ATTR_KW": "keyword.other.attribute.perf",
}
COMPARATOR = "keyword.operator.comparison.perf"
NUMBER = "constant.numeric.perf"
UNIT = "keyword.other.unit.perf"
QUALITATIVE = "string.unquoted.qualitative.perf"


def _lark_grammar() -> Path:
    return grammar_path()


def lark_keywords() -> dict[str, list[str]]:
    """terminal -> its spellings, read from the *_KW regexes of perf.lark: /(?:项目|project)(?=…)/."""
    found = {}
    for m in re.finditer(r"^([A-Z_]+_KW): /\(\?:([^)]*)\)", _lark_grammar().read_text(encoding="utf-8"), re.M):
        found[m.group(1)] = m.group(2).split("|")
    return found


def _tmgrammar_test(cwd: Path, node_modules: Path) -> subprocess.CompletedProcess:
    tool = node_modules / "vscode-tmgrammar-test" / "dist" / "unit.js"
    return subprocess.run(
        ["node", str(tool), "--compact", "tests/*.test.perf"], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def tokenize(node_modules: Path, documents: list[list[str]], grammar: Path | None = None) -> list:
    """Per document, per line, the tokens [{text, scopes}] VS Code's engine gives."""
    env = dict(os.environ, PERF_GRAMMAR=str(grammar or GRAMMAR))
    run = subprocess.run(
        ["node", str(VSCODE / "tests" / "tokenize.js")],
        input=json.dumps({"documents": documents}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def scopes_of(line_tokens: list, text: str, start: int = 0) -> list[str]:
    """The scopes of the token that is exactly `text`, the first at or after column start."""
    col = 0
    for tok in line_tokens:
        if col >= start and tok["text"] == text:
            return tok["scopes"]
        col += len(tok["text"])
    raise AssertionError(f"no token {text!r} in {[t['text'] for t in line_tokens]}")


# -- the syntax tests ----------------------------------------------------------------------------


def test_syntax_tests_pass(node_modules):
    assert len(SYNTAX_TESTS) >= 4
    run = _tmgrammar_test(VSCODE, node_modules)
    assert run.returncode == 0, run.stdout + run.stderr
    for path in SYNTAX_TESTS:
        assert path.name in run.stdout  # each file was run


@pytest.mark.parametrize(
    "break_it",
    [
        ("keyword.declaration.goal.perf", "keyword.other.goal.perf"),  # a scope renamed
        ("长期目标|", ""),  # a keyword dropped
        ("不少于|", ""),  # a comparator dropped
    ],
    ids=["scope", "keyword", "comparator"],
)
def test_syntax_tests_fail_with_a_broken_grammar(node_modules, tmp_path, break_it):
    """The assertions have teeth: the same tests against a grammar with one thing broken fail."""
    old, new = break_it
    text = GRAMMAR.read_text(encoding="utf-8")
    assert old in text
    shutil.copy(VSCODE / "package.json", tmp_path / "package.json")
    (tmp_path / "syntaxes").mkdir()
    (tmp_path / "syntaxes" / GRAMMAR.name).write_text(text.replace(old, new), encoding="utf-8")
    shutil.copytree(VSCODE / "tests", tmp_path / "tests")
    run = _tmgrammar_test(tmp_path, node_modules)
    assert run.returncode != 0, run.stdout
    assert "missing required scopes" in (run.stdout + run.stderr).lower()


def _assertion(line: str) -> bool:
    return bool(re.match(r"#\s*(\^|<[~-])", line))


@pytest.mark.parametrize("path", SYNTAX_TESTS, ids=lambda p: p.name)
def test_syntax_test_lines_are_real(path):
    """Every line a syntax test asserts on is a line of the file(s) its header names, verbatim
    (`# lines from: examples/x.perf …`), or holds a value quoted there (`# values from: …`)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith('# SYNTAX TEST "source.perf"')
    if re.search(r"^# made up: .{20,}$", text, re.M):
        return  # a file of mistakes says what it shows instead
    m = re.search(r"^# (lines|values) from: (.+)$", text, re.M)
    assert m, f"{path.name}: no '# lines from:' / '# values from:' / '# made up:' line"
    sources = [(ROOT / name).read_text(encoding="utf-8") for name in m.group(2).split()]
    source_lines = {ln for s in sources for ln in s.splitlines()}
    tested = [ln for ln, nxt in zip(lines, lines[1:] + [""]) if _assertion(nxt) and not _assertion(ln)]
    assert tested
    for ln in tested:
        if m.group(1) == "lines":
            assert ln in source_lines, f"{path.name}: {ln!r} is not a line of {m.group(2)}"
        elif ":" in ln and not ln.lstrip().startswith("#"):
            value = ln.split(":", 1)[1].split("{")[0].split("#")[0].strip()
            assert any(value in s for s in sources), f"{path.name}: the value {value!r} is not in {m.group(2)}"


@pytest.mark.parametrize("path", SYNTAX_TESTS, ids=lambda p: p.name)
def test_syntax_test_files_are_perf(path):
    """The assertion lines are comments, so a syntax test is a .perf file: it compiles without
    errors, except the file of mistakes, which must give exactly the errors it shows."""
    result = compile_text(path.read_text(encoding="utf-8"), path.name)
    errors = sorted({d.code for d in result.diagnostics if d.level.name == "ERROR"})
    m = re.search(r"^# errors: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert errors == (sorted(m.group(1).split()) if m else []), [str(d) for d in result.diagnostics]


# -- the grammar against the compiler's tables ------------------------------------------------


def test_keyword_tables_agree():
    """The builder's tables and perf.lark spell the same keywords (the list tested below)."""
    kw = lark_keywords()
    assert set(kw) == set(KW_SCOPES), "a new *_KW terminal: give it a scope in KW_SCOPES and a line below"
    assert set(kw["SETTING_KW"]) == set(SETTING_KEYS)
    assert set(kw["ATTR_KW"]) == set(ATTR_KEYS)
    assert set(kw["GOAL_KW"]) == set(GOAL_KINDS)


def _keyword_documents() -> list[tuple[str, str, list[str], int]]:
    """(terminal, keyword, a document using it, the line it is on)."""
    kw = lark_keywords()
    docs = []
    for k in kw["PROJECT_KW"]:
        docs.append(("PROJECT_KW", k, [f"{k} 甲 {{", "}"], 0))
    for k in kw["SETTING_KW"]:
        docs.append(("SETTING_KW", k, [f"{k} 1"], 0))
        docs.append(("SETTING_KW", k, ["项目 甲 {", f"  {k} 计划标准", "}"], 1))
    for k in kw["FIELD_KW"] + kw["FUNDING_KW"]:
        terminal = "FIELD_KW" if k in kw["FIELD_KW"] else "FUNDING_KW"
        docs.append((terminal, k, [f"{k} 名称: 1"], 0))
        docs.append((terminal, k, ["项目 甲 {", f"  {k} 名称: 值", "}"], 1))
    for k in kw["GOAL_KW"]:
        docs.append(("GOAL_KW", k, ["项目 甲 {", f'  {k} 1 "目标" {{', "  }", "}"], 1))
        docs.append(("GOAL_KW", k, ["项目 甲 {", f"  {k} {{", "  }", "}"], 1))
        docs.append(("GOAL_KW", k, ["项目 甲 {", f"  年度目标 2 同 {k} 1", "}"], 1))
    for k in kw["SAME_KW"]:
        docs.append(("SAME_KW", k, ["项目 甲 {", f"  年度目标 2 {k} 长期目标 1", "}"], 1))
    for k in kw["ATTR_KW"]:
        group = ["项目 甲 {", "  年度目标 1 {", "    产出 / 数量 {"]
        docs.append(("ATTR_KW", k, group + [f"      人数: ≥3人 {{ {k} 10 }}", "    }", "  }", "}"], 3))
        docs.append(
            ("ATTR_KW", k, group + ["      人数: ≥3人 {", f"        {k} 计划标准", "      }", "    }", "  }", "}"], 4)
        )
    return docs


def test_every_keyword_is_highlighted(node_modules):
    docs = _keyword_documents()
    tokens = tokenize(node_modules, [d for _, _, d, _ in docs])
    wrong = []
    for (terminal, keyword, doc, line), toks in zip(docs, tokens):
        start = doc[line].index(keyword, doc[line].index("同") if terminal == "GOAL_KW" and "同" in doc[line] else 0)
        scopes = scopes_of(toks[line], keyword, start)
        if KW_SCOPES[terminal] not in scopes:
            wrong.append(f"{doc[line]!r}: {keyword} has {scopes}")
    assert not wrong, "\n".join(wrong)


def test_a_keyword_run_into_a_name_is_no_keyword(node_modules):
    """项目成本: ≤571万元 is an indicator named 项目成本 (a keyword needs a space after it), and an
    indicator line inside a group is never a setting, whatever word it begins with."""
    kw = lark_keywords()
    words = sorted({k for ks in kw.values() for k in ks})
    docs = [
        [
            "项目 甲 {",
            "  年度目标 1 {",
            "    产出 / 数量 {",
            f"      {k}成本: ≤571万元",
            f"      {k} 数: 1人",
            "    }",
            "  }",
            "}",
        ]
        for k in words
    ]
    for k, toks in zip(words, tokenize(node_modules, docs)):
        for line in (3, 4):
            kinds = {s for t in toks[line] for s in t["scopes"]}
            assert not any(s.startswith("keyword.") and s != UNIT and s != COMPARATOR for s in kinds), (k, kinds)
            assert "variable.other.indicator.perf" in scopes_of(toks[line], f"{k} 数" if line == 4 else f"{k}成本")[-1:]


def _value_documents(values: list[str]) -> list[list[str]]:
    return [
        ["项目 甲 {", "  年度目标 1 {", "    产出 / 数量 {", f"      指标: {v}", "    }", "  }", "}"] for v in values
    ]


def test_every_comparator_is_highlighted(node_modules):
    """Each comparator of perflang/values.py, before and after a number, and the full-width forms
    the compiler reads through NFKC."""
    cases = [(f"{w}10个", w, "10") for w, _ in _PREFIX] + [(f"10个{w}", w, "10") for w, _ in _SUFFIX]
    cases += [
        ("＞＝９５％", "＞＝", "９５"),
        ("＜＝5人", "＜＝", "5"),
        ("＝1份", "＝", "1"),
        ("＞1份", "＞", "1"),
        ("＜1份", "＜", "1"),
    ]
    tokens = tokenize(node_modules, _value_documents([v for v, _, _ in cases]))
    for (value, word, digits), toks in zip(cases, tokens):
        assert parse_target(value).kind == "quantitative", value
        assert COMPARATOR in scopes_of(toks[3], word, 8), (value, toks[3])
        assert NUMBER in scopes_of(toks[3], digits, 8), (value, toks[3])


def test_every_unit_is_highlighted(node_modules):
    """Each unit of perflang/units.py after a number, alone and with the magnitude 万."""
    units = sorted(KNOWN_UNITS)
    values = [f"≥3{u}" for u in units] + [f"≥3万{u}" for u in units]
    tokens = tokenize(node_modules, _value_documents(values))
    for value, toks in zip(values, tokens):
        unit = value[2:]
        assert parse_target(value).unit == unit, value
        assert UNIT in scopes_of(toks[3], unit, 8), (value, [(t["text"], t["scopes"][-1]) for t in toks[3]])


def _indicators(doc):
    for project in doc.projects:
        for goal in project.goals:
            for group in goal.groups:
                yield from group.indicators


def _value_tokens(line_tokens: list, start: int, end: int) -> list[tuple[str, str]]:
    """(text, innermost scope) of the tokens inside columns [start, end) of a line."""
    out, col = [], 0
    for tok in line_tokens:
        if col >= start and col + len(tok["text"]) <= end and tok["text"].strip():
            out.append((tok["text"], tok["scopes"][-1]))
        col += len(tok["text"])
    return out


def test_values_are_read_as_the_compiler_reads_them(node_modules):
    """On every indicator of examples/ (in its file, in context), the grammar shows a value as
    quantitative exactly when parse_target reads it so, with the same comparator, number and unit."""
    docs, texts = [], []
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        result = compile_text(text, path.name)
        assert result.document is not None
        docs.append((path, result.document))
        texts.append(text.split("\n"))
    tokens = tokenize(node_modules, texts)
    checked = 0
    for (path, doc), file_tokens in zip(docs, tokens):
        for ind in _indicators(doc):
            span = ind.value_span
            if not ind.value:
                continue
            got = _value_tokens(file_tokens[span.line - 1], span.column - 1, span.end_column - 1)
            target = parse_target(ind.value)
            where = f"{path.name}:{span.line} {ind.name}: {ind.value}"
            if target.kind == "qualitative":
                assert got == [(ind.value, QUALITATIVE)], (where, got)
                continue
            nfkc = [(_normal(t), s) for t, s in got]  # as values.py normalises (NFKC, but ㎡ and m² kept)
            comparators = [t for t, s in nfkc if s == COMPARATOR]
            if target.comparator is None:
                assert comparators == [], (where, got)
            elif target.comparator_text:  # written before the number (and maybe again after it)
                assert comparators[:1] == [target.comparator_text], (where, got)
            else:  # after the number only
                assert len(comparators) == 1 and nfkc[-1] == (comparators[0], COMPARATOR), (where, got)
            assert [t.replace(",", "") for t, s in nfkc if s == NUMBER] == [target.value], (where, got)
            assert [t for t, s in nfkc if s == UNIT] == ([target.unit] if target.unit else []), (where, got)
            checked += 1
    assert checked >= 50  # 53 quantitative values in exam/ when this was written


def test_the_language_configuration():
    """Comments are `#`; Enter after a line that opens a block indents, `}` dedents; a brace
    inside a quoted goal text or in an indicator's one-line attributes does not."""
    conf = json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))
    assert conf["comments"] == {"lineComment": "#"}
    assert ["{", "}"] in conf["brackets"]
    closing = {p["open"]: p["close"] for p in conf["autoClosingPairs"]}
    assert closing["{"] == "}" and closing['"'] == '"' and closing["“"] == "”"
    indent = re.compile(conf["indentationRules"]["increaseIndentPattern"])
    dedent = re.compile(conf["indentationRules"]["decreaseIndentPattern"])
    for line in (
        "项目 政务服务工作 {",
        '  长期目标 1 "以“办事主体好办事”为出发点 {" {',
        "    产出 / 数量 {",
        "      月均消耗电量:     ≤500000度 {",
        "project 甲 {  # 注释",
    ):
        assert indent.search(line), line
    for line in ("      万兆无源光网端口: ≥2.3万个 { 依据 历史标准; 分值 10 }", '  长期目标 1 "{"', "  预算 571", "}"):
        assert not indent.search(line), line
    assert dedent.search("  }") and not dedent.search("  预算 571")


# -- a law: the grammar reads a 指标值 as parse_target does -----------------------------------------

_FULLWIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


@st.composite
def _target_texts(draw):
    """Values as people write them: [comparator] number [unit] [comparator after], with spaces,
    full-width forms, magnitudes, compound and unknown units, or words and dates around numbers."""
    if draw(st.integers(0, 4)) == 0:
        return (
            draw(
                st.text(
                    alphabet="确保优化达标以上内不少于控制在年月日前底完成至-—~.%１0123456789万元人个 ",
                    min_size=1,
                    max_size=12,
                )
            ).strip()
            or "达标"
        )
    digits = draw(st.sampled_from(["0", "7", "95", "100", "571", "2.3", ".5", "1,200", "1346.0088", "12,345.6"]))
    if draw(st.booleans()) and draw(st.booleans()):
        digits = digits.translate(_FULLWIDTH)
    unit = draw(
        st.sampled_from(
            sorted(KNOWN_UNITS)
            + ["", "", "万", "亿", "樽", "粒", "次/月", "万元/年", "元/人·月", "月底完成", "xyz", "abcde", "个以下"]
        )
    )
    if unit and draw(st.integers(0, 5)) == 0:
        unit = draw(st.sampled_from(["万", "亿"])) + unit
    prefix = draw(st.sampled_from([w for w, _ in _PREFIX] + ["＞＝", "＜＝", "＝", "", "", ""]))
    suffix = draw(st.sampled_from([w for w, _ in _SUFFIX] + ["", "", "", ""]))
    gap = lambda: draw(st.sampled_from(["", "", " "]))  # noqa: E731
    return f"{prefix}{gap()}{digits}{gap()}{unit}{gap()}{suffix}".strip()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)  # no shrinking: each step runs node; every mismatch is listed
@given(values=st.lists(_target_texts(), min_size=60, max_size=60))
def test_the_grammar_reads_a_value_as_the_compiler_does(node_modules, values):
    tokens = tokenize(node_modules, _value_documents(values))
    wrong = []
    for value, toks in zip(values, tokens):
        target = parse_target(value)
        got = _value_tokens(toks[3], 10, 10 + len(value))
        if target.kind == "qualitative":
            if got != [(value, QUALITATIVE)]:
                wrong.append(f"{value!r} is qualitative, the grammar shows {got}")
            continue
        parts = [(_normal(t), s) for t, s in got]
        numbers = [t.replace(",", "") for t, s in parts if s == NUMBER]
        units = [t for t, s in parts if s == UNIT]
        has_comparator = any(s == COMPARATOR for _, s in parts)
        if (numbers, units, has_comparator) != (
            [target.value],
            [target.unit] if target.unit else [],
            target.comparator is not None,
        ):
            wrong.append(f"{value!r} is {target.comparator} {target.value} {target.unit!r}, the grammar shows {got}")
    assert not wrong, "\n".join(wrong)
