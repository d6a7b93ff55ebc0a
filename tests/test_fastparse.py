"""The fast line scanner and the LALR parser build the same document.

Whenever perflang/syntax/scanner.py returns a document, it must equal the LALR parser's to the last
span and comment (spans are eq=False on the nodes, so they are compared here explicitly), and
it must never return one for a text the LALR parser reports a problem in.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from perfdocs import documents
from strategies import valid_documents

from perflang.source import decode
from perflang.syntax import lalr
from perflang.syntax import scanner as fastparse

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.perf"))


def same(a, b, where="document") -> None:
    """Structural equality including every field that node equality leaves out (spans)."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), f"{where}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def agree(text: str) -> bool:
    """The two paths agree on text; True when the fast path took it."""
    if not text.endswith("\n"):
        text += "\n"
    fast = fastparse.parse(text)
    slow, diags = lalr.parse(text)
    if fast is None:
        return False
    assert not diags, [d.code for d in diags]
    same(fast, slow)
    return True


def _text(path: Path) -> str:
    decoded = decode(path.read_bytes())
    assert decoded.problem is None
    return decoded.text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_agree(path):
    agree(_text(path))


def test_the_fast_path_takes_every_example():
    assert [p.name for p in EXAMPLES if not agree(_text(p))] == []


LANGUAGE_MD = ROOT / "docs" / "language.md"
LANGUAGE_BLOCKS = re.findall(r"^```perf\n(.*?)^```$", LANGUAGE_MD.read_text(encoding="utf-8"), re.S | re.M)


@pytest.mark.parametrize("text", LANGUAGE_BLOCKS)
def test_the_examples_of_the_language_reference_agree_and_are_taken(text):
    assert agree(text)


def test_comments_everywhere_agree():
    text = (
        "# 第一行注释   \n  # 缩进的注释\n申报单位 某局 # 行尾\n\n项目 甲 { # 开\n  预算 10  # 预算\n"
        '  # 目标前\n  长期目标 1 "文字" {\n    产出 / 数量 { #组\n      人数: ≥3人 # 值后\n'
        "    }\n  } # 关\n  年度目标 1 同 长期目标 1 # 共用\n} \n# 文末\n"
    )
    assert agree(text)


def test_attributes_on_one_line_and_on_several_agree():
    text = (
        "项目 甲 {\n  预算 10\n  长期目标 1 {\n    产出 / 数量 {\n"
        "      人数: ≥3人 { 依据 历史标准; 分值 10 }  # 行尾\n"
        '      次数: 5次 {\n        # 属性前\n        weight 5;;\n        解释 "说明; 含分号"  # 注\n'
        "        上年值\n      }\n      空: 1个 { }\n    }\n  }\n}\n"
    )
    assert agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "项目 甲 {\n  预算 10\n",  # a missing }
        "项目 甲 {\n  预算 10\n}\n}\n",  # an extra }
        "项目 甲 ｛\n  预算 10\n｝\n",  # full-width braces
        "项目 甲 {\n  长期目标 1 {\n    产出 / 数量 {\n      人数 ≥3人\n    }\n  }\n}\n",  # no colon
        '项目 甲 {\n  长期目标 1 {\n    产出 / 数量 {\n      人数: "≥3人\n    }\n  }\n}\n',  # a quote
        '项目 甲 {\n  长期目标 1 {\n    产出 / 数量 {\n      人数: 3 { 解释 "x" 分值 10 }\n    }\n  }\n}\n',  # two attributes unseparated
        "项目 甲 {\n  负责人 张三\n}\n",  # unknown statement
        "预算\n",  # a keyword alone
    ],
)
def test_what_the_scanner_is_not_sure_of_goes_the_lalr_way(text):
    assert fastparse.parse(text) is None


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(valid_documents())
def test_generated_documents_agree(drawn):
    agree(drawn.text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_messy_layouts_agree(drawn):
    text, _comments = drawn
    agree(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(valid_documents(max_projects=2), st.data())
def test_damaged_documents_never_diverge(drawn, data):
    text = drawn.text
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["delete", "insert", "duplicate-line"]))
        if op == "delete":
            text = text[:i] + text[i + 1 :]
        elif op == "insert":
            text = text[:i] + data.draw(st.sampled_from(list('{}":：/#; \n\t　同1a'))) + text[i:]
        else:
            lines = text.split("\n")
            k = min(i, len(lines) - 1)
            lines.insert(k, lines[k])
            text = "\n".join(lines)
    agree(text)


def test_blocks_carry_where_they_close_on_both_paths():
    """Every project, goal, group and attribute block knows the line and column of its '}'
    (the formatter reads them instead of parsing the text a second time)."""
    text = (
        '项目 甲 {\n  预算 10\n  年度目标 1 "x" {\n    产出 / 数量 {\n      人数: ≥3人 {\n'
        "        依据 计划标准\n      }\n    }\n  }\n}\n"
    )
    fast = fastparse.parse(text)
    slow, diags = lalr.parse(text)
    assert fast is not None and not diags
    for doc in (fast, slow):
        project = doc.items[0]
        goal = project.goals[0]
        group = goal.groups[0]
        indicator = group.indicators[0]
        assert project.end_span[:2] == (10, 1)
        assert goal.end_span[:2] == (9, 3)
        assert group.end_span[:2] == (8, 5)
        assert indicator.end_span[:2] == (7, 7)


# the characters that decide how an indicator line splits: colons of both widths, quotes,
# escapes, the white space the value's strip knows (the ideographic space among it)
_LINE_CHARS = '名称率满意度 :："\\\t\u3000≥95%万元9.'


@settings(max_examples=400, suppress_health_check=list(HealthCheck))
@given(st.text(_LINE_CHARS, min_size=1, max_size=16), st.integers(1, 3000), st.integers(1, 40))
def test_the_plain_line_shortcut_builds_what_indicator_builds(text, line, column):
    """Builder.plain, the scanner's common line without a token, is Builder.indicator of that
    token whenever it takes the line (and it takes the common line: one colon, nothing quoted)."""
    from perflang.syntax.builder import Builder

    m = fastparse._terminals()["INDICATOR"].match(text)
    if m is None or m.end() != len(text):
        return
    fast = Builder().plain(text, line, column)
    builder = Builder()
    slow = builder.indicator([fastparse._Tok("INDICATOR", text, line, column)])
    if fast is not None:
        same(fast, slow)
        assert not builder.diagnostics
    colons = re.split("[:：]", text)
    common = not text.startswith('"') and len(colons) == 2 and not colons[1].strip(" \t\u3000").startswith('"')
    assert (fast is not None) == common


# an attributed line's pieces: the keywords and near misses, their look-ahead, braces,
# separators, quotes, comments, the white space skip_ws knows and one it does not (\x0b)
_WS_BITS = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\x0b", "\f"])
_ATTR_TAIL = st.text('标准 ;#"{}\u3000\x0b1:', max_size=6)
_MESSY_ATTRS = st.tuples(
    _WS_BITS,
    st.sampled_from(["{", "{", "", "{{", ";{"]),
    _WS_BITS,
    st.sampled_from(["依据", "分值", "解释", "指标解释", "上年值", "basis", "weight", "指标", "依据x", "bas", ""]),
    st.sampled_from(["", " ", "\u3000", '"', "}", ";", "\x0b"]),
    _ATTR_TAIL,
    _WS_BITS,
    st.sampled_from(["}", "}", "", "};", "}}"]),
    st.sampled_from(["", " ", "\u3000", "# 注", " x", ";"]),
).map("".join)
_SPACE = st.sampled_from(["", " ", "  ", "\t", "\u3000", "\f"])
_ONE_ATTR = st.tuples(
    _SPACE,
    st.just("{"),
    _SPACE,
    st.sampled_from(["依据", "分值", "解释", "指标解释", "上年值", "basis", "weight", "explanation", "last-year"]),
    st.sampled_from([" ", "\u3000", "\t", ""]),
    st.sampled_from(["行业标准", "10", "", "计划 标准", "9:00", "x\u3000", "a\x0bb"]),
    _SPACE,
    st.just("}"),
    _SPACE,
).map("".join)
_ATTRS = st.one_of(_ONE_ATTR, _MESSY_ATTRS)


def _scanned(text: str, quick: bool):
    """The scanner's document, comments and diagnostics for text, the common lines read by
    _one_attr and _plain_line (quick) or the slow way, token by token; None when it gives up."""
    scanner = fastparse._Scanner(text)
    scanner.quick_attrs = scanner.quick_lines = quick
    try:
        doc = scanner.document()
    except fastparse._GiveUp:
        return None
    return doc, scanner.comments, scanner.builder.diagnostics


@settings(max_examples=600, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        st.sampled_from(["人数: ≥3人", "满意度：≥95% ", "率:\u300095%", "金额: 9:00万元"]),
        st.text(_LINE_CHARS, max_size=10),
    ),
    _ATTRS,
    st.sampled_from(["", " ", "\u3000", "\t"]),
)
def test_the_one_attribute_shortcut_builds_what_attrs_builds(indicator, attrs, indent):
    """The common attributed line (`名称: 值 { 依据 行业标准 }`) built without tokens is what
    the scanner's tokens and Builder.indicator build, spans, comments and diagnostics included,
    whatever follows the indicator; and both agree with the LALR parser."""
    line = f"{indent}{indicator}{attrs}"
    _both_ways(f"项目 甲 {{\n  年度目标 {{\n    产出 / 数量 {{\n{line}\n    }}\n  }}\n}}\n")


def test_the_one_attribute_shortcut_takes_the_common_line():
    text = "项目 甲 {\n  年度目标 {\n    产出 / 数量 {\n      人数: ≥3人 { 依据 行业标准 }\n    }\n  }\n}\n"
    scanner = fastparse._Scanner(text)
    scanner.attrs = None  # the slow way would call it
    assert scanner.document().projects[0].goals[0].groups[0].indicators[0].attr("basis").value == "行业标准"
    assert agree(text)


def _read_after(header: str, text: str) -> None:
    """text (starting with header) read with the header's lines kept, and read from the top:
    the same document, or None both ways."""
    if not text.endswith("\n"):
        text += "\n"
    plain = fastparse.parse(text)
    got = fastparse.parse(text, len(header))
    assert (got is None) == (plain is None)
    if plain is not None:
        same(got, plain)


@settings(max_examples=200, suppress_health_check=list(HealthCheck))
@given(valid_documents(), documents(), st.data())
def test_a_header_read_once_reads_as_from_the_top(drawn, messy, data):
    """scanner.parse's head: a text's first lines read once and kept for the texts that start
    with the same lines (a big file's settings before each of its projects) give the document
    read from the top, whatever the lines (settings, comments, a project: not kept)."""
    lines = drawn.text.splitlines(keepends=True)
    header = "".join(lines[: data.draw(st.integers(0, len(lines)))])
    for text in (drawn.text, header + messy[0], drawn.text, header):
        _read_after(header, text)


def test_a_files_settings_are_read_once_for_its_projects():
    header = "# 文件头\n金额单位 万元\n默认依据 计划标准\n"
    projects = [
        f"项目 甲{k} {{\n  预算 {k}\n  年度目标 1 {{\n    产出 / 数量 {{\n      人数: ≥{k}人\n    }}\n  }}\n}}\n"
        for k in (1, 2)
    ]
    for p in projects:
        _read_after(header, header + p)
    assert fastparse._HEAD[0] == header  # kept, and used for the second project
    _read_after(header, header + "项目 丙 {\n  预算 1\n")  # a broken project after it: None both ways
    project_header = "项目 乙 {\n}\n"
    _read_after(project_header, project_header + projects[0])
    assert fastparse._HEAD[0] != project_header  # a header holding a project is not kept


def _both_ways(text: str) -> None:
    """The scanner reads text the same with its whole-line shortcuts (_plain_line: a run of
    `名称: 值` lines with or without `{ 依据 … }`, a bare `}`, a group built from its header) and
    token by token, or gives up both ways; and agrees with the LALR parser."""
    if not text.endswith("\n"):
        text += "\n"
    fast, slow = _scanned(text, True), _scanned(text, False)
    assert (fast is None) == (slow is None)
    if fast is not None:
        same(fast[0], slow[0])
        same(fast[1], slow[1], "comments")
        assert [d.code for d in fast[2]] == [d.code for d in slow[2]]
        agree(text)


@settings(max_examples=150, suppress_health_check=list(HealthCheck))
@given(st.one_of(valid_documents().map(lambda d: d.text), documents().map(lambda d: d[0])))
def test_the_whole_line_shortcuts_read_documents_as_tokens_do(text):
    _both_ways(text)


_GROUP_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["", "  ", "\t", "\u3000", "\f", "\x0b"]),
        st.one_of(
            st.sampled_from(
                [
                    "人数: ≥3人",
                    "满意度：≥95% ",
                    "率:\u300095%\u3000",
                    "金额: 9:00万元",
                    '名: "x"',
                    "名 :\t\f值\x0b",
                    "名:",
                ]
            ),
            st.text(_LINE_CHARS + "{}#;", min_size=1, max_size=14),
        ),
        st.one_of(st.just(""), _ATTRS),
    ).map("".join),
    st.sampled_from(["    }", "}", "  }  ", "\u3000}\t", "  } # 注", "  };", "  }}", "", "   ", "  # 注"]),
)


@settings(max_examples=500, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["产出 / 数量 {", "产出／数量{", "产出 {", "产出 / 数量 { # 注", "效益/社会效益 {\u3000"]),
    st.lists(_GROUP_LINE, max_size=5),
)
def test_the_whole_line_shortcuts_read_any_group_as_tokens_do(header, lines):
    """Whatever the lines of a group (plain, attributed, quoted, with colons, comments, braces
    and white space of every kind), the shortcuts and the tokens read the same document."""
    body = "\n".join(lines)
    _both_ways(f"项目 甲 {{\n  年度目标 {{\n    {header}\n{body}\n    }}\n  }}\n}}\n")


def test_the_whole_line_shortcuts_take_the_common_group():
    text = (
        "项目 甲 {\n  年度目标 {\n    产出 / 数量 {\n      人数: ≥3人\n      率: ≥9% { 依据 行业标准 }\n    }\n  }\n}\n"
    )
    scanner = fastparse._Scanner(text)
    scanner.next_statement = None  # called only outside the group: fails if the group's lines need it
    scanner.builder.group = scanner.builder.indicator = None  # the group is built without them

    calls = []
    lines = iter(["项目 甲 {", "  年度目标 {", "    产出 / 数量 {", "  }", "}", None])

    def next_statement():
        line = next(lines)
        calls.append(line)
        if line is None:
            return None
        scanner.no = text.split("\n").index(line) + 1
        scanner.line = line
        return len(line) - len(line.lstrip())

    scanner.next_statement = next_statement
    doc = scanner.document()
    assert calls == ["项目 甲 {", "  年度目标 {", "    产出 / 数量 {", "  }", "}", None]
    assert [i.name for i in doc.projects[0].goals[0].groups[0].indicators] == ["人数", "率"]
    assert agree(text)
