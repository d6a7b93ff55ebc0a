"""perflang lsp end to end: pytest-lsp starts the server over stdio, as an editor does, and
drives every feature.  Expected values come from perflang's own library functions (the server
must say what `perflang check` / `perflang fmt` say) or from the seed text read here."""

from __future__ import annotations

import pytest
import pytest_lsp
from lspclient import SEED, SERVER, change, diagnostics_for, init_params, open_doc, utf16
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from perflang.api import compile_text
from perflang.syntax.formatter import format_text

pytestmark = pytest.mark.asyncio
URI = SEED.as_uri()
TEXT = SEED.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(init_params(locale="zh-CN"))
    yield
    await lsp_client.shutdown_session()


def line_of(text: str, needle: str, lines=None) -> int:
    """0-based line of the first line containing needle."""
    lines = lines or text.split("\n")
    return next(i for i, line in enumerate(lines) if needle in line)


async def test_diagnostics_on_open_are_those_of_check(client):
    bad = TEXT.replace("产出 / 数量", "产处 / 数量", 1)
    open_doc(client, URI, bad)
    got = await diagnostics_for(client, URI, 1)
    expected = compile_text(bad, str(SEED)).diagnostics
    assert [d.code for d in got] == [d.code for d in expected]
    assert "PF201" in [d.code for d in got]
    for g, e in zip(got, expected):
        assert g.message.split("\n")[0] == e.message("zh")
        assert g.range.start.line == e.span.line - 1
        if e.hint("zh"):
            assert g.message.endswith("提示: " + e.hint("zh"))
        assert g.severity == (T.DiagnosticSeverity.Error if e.level.value == "error" else T.DiagnosticSeverity.Warning)
    pf201 = next(d for d in got if d.code == "PF201")
    no = line_of(bad, "产处 / 数量")
    assert (pf201.range.start.line, pf201.range.start.character) == (no, LINES[no].index("产出"))


async def test_diagnostics_follow_changes(client):
    open_doc(client, URI, TEXT)
    first = await diagnostics_for(client, URI, 1)
    assert "PF201" not in [d.code for d in first]
    no = line_of(TEXT, "产出 / 数量")
    col = LINES[no].index("出")
    change(client, URI, 2, (no, col), (no, col + 1), "处")
    second = await diagnostics_for(client, URI, 2)
    assert [d.code for d in second].count("PF201") == 1
    change(client, URI, 3, (no, col), (no, col + 1), "出")
    third = await diagnostics_for(client, URI, 3)
    assert [d.message for d in third] == [d.message for d in first]


async def test_noqa_is_honoured(client):
    no = line_of(TEXT, "确保优化")
    lines = list(LINES)
    lines[no] += "  # noqa: PF408"
    open_doc(client, URI, "\n".join(lines))
    got = await diagnostics_for(client, URI, 1)
    assert no not in [d.range.start.line for d in got]
    assert len(got) == len(compile_text(TEXT).diagnostics) - 1


async def test_formatting_is_perflang_fmt(client):
    messy = TEXT.replace("  预算 571", "预算    571", 1).replace("      群众满意度: ≥95%", "  群众满意度:≥95%", 1)
    assert messy != TEXT
    open_doc(client, URI, messy)
    edits = await client.text_document_formatting_async(
        T.DocumentFormattingParams(
            text_document=T.TextDocumentIdentifier(uri=URI), options=T.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    # the few lines that change, not the whole file
    assert [(e.range.start.line, e.range.end.line) for e in edits] == [(9, 10), (30, 31)]
    assert [e.new_text for e in edits] == ["  预算 571\n", "      群众满意度: ≥95%\n"]
    assert apply(messy, edits) == format_text(messy)[0]
    assert apply(messy, edits) == TEXT  # the seed is formatted: fmt gives it back


async def hover_at(client, uri, line, character):
    return await client.text_document_hover_async(
        T.HoverParams(
            text_document=T.TextDocumentIdentifier(uri=uri), position=T.Position(line=line, character=character)
        )
    )


async def test_hover_indicator_shows_the_unit_conversion(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    no = line_of(TEXT, "项目成本: ≤571万元")
    got = await hover_at(client, URI, no, LINES[no].index("项目成本") + 1)
    value = got.contents.value
    assert "571万元 = 5,710,000 元" in value  # 571 × 10,000
    assert "成本指标 / 经济成本指标" in value
    assert "≤" in value and "越低越好" in value and "计划标准" in value  # the file's 默认依据


async def test_hover_budget_sums_the_costs(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    no = line_of(TEXT, "  预算 3")  # 援疆对口社区帮扶: 社区共建经费 ≤2万元 + 驻村工作经费 ≤1万元
    value = (await hover_at(client, URI, no, 3)).contents.value
    assert "3万元 = 30,000 元" in value
    assert "成本指标合计: 30,000 元 (2 项, 100.0% 占预算)" in value


async def test_hover_noqa_code_shows_its_documentation(client):
    text = TEXT.replace("确保优化", "确保优化  # noqa: PF408", 1)
    open_doc(client, URI, text)
    no = line_of(text, "# noqa: PF408")
    line = text.split("\n")[no]
    value = (await hover_at(client, URI, no, utf16(line[: line.index("PF408") + 2]))).contents.value
    assert value.startswith("**PF408** (警告)")
    assert "用语模糊" in value


async def complete_at(client, uri, line, character):
    got = await client.text_document_completion_async(
        T.CompletionParams(
            text_document=T.TextDocumentIdentifier(uri=uri), position=T.Position(line=line, character=character)
        )
    )
    return [i.label for i in (got.items if isinstance(got, T.CompletionList) else got)]


async def test_completion_of_level2_names_under_their_level1(client):
    no = line_of(TEXT, "产出 / 数量")
    lines = list(LINES)
    lines[no] = "    产出 / "
    text = "\n".join(lines)
    open_doc(client, URI, text)
    labels = await complete_at(client, URI, no, utf16(lines[no]))
    assert {"数量", "质量", "时效", "成本", "进度"} <= set(labels)  # 进度: the alias of 时效
    assert "经济效益" not in labels and "满意度" not in labels


async def test_completion_of_level1_names_keywords_units_bases_and_goals(client):
    async def complete_in(name, needle, replacement, cut=None):
        lines = list(LINES)
        no = line_of(TEXT, needle)
        lines[no] = replacement
        uri = URI + name
        open_doc(client, uri, "\n".join(lines))
        return await complete_at(client, uri, no, utf16(lines[no]) if cut is None else cut)

    level1 = await complete_in("1", "效益 / 社会效益", "    效")
    assert {"产出", "效益", "满意度", "成本", "效果"} <= set(level1)  # 效果: the alias of 效益
    goals = await complete_in("2", "年度目标 1 同 长期目标 1", "  年度目标 1 同 ")
    assert goals == ["长期目标 1"]
    units = await complete_in("3", "项目成本: ≤571万元", "      项目成本: ≤571")
    assert {"万元", "元", "%", "人"} <= set(units)
    top = await complete_in("4", "申报单位", "", 0)
    assert {"项目", "project", "金额单位", "money", "默认依据"} <= set(top)
    assert "预算" not in top  # a project's setting
    inside = await complete_in("5", "  预算 571", "  ")
    assert {"预算", "budget", "长期目标", "年度目标", "annual"} <= set(inside)
    bases = await complete_in("6", "默认依据 计划标准", "默认依据 ")
    assert bases == ["计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准"]
    attrs = await complete_in("7", "项目成本: ≤571万元", "      项目成本: ≤571万元 { 依据 ")
    assert attrs == bases


async def test_outline_lists_the_five_projects(client):
    open_doc(client, URI, TEXT)
    symbols = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(text_document=T.TextDocumentIdentifier(uri=URI))
    )
    names = [s.name for s in symbols]
    assert names == [line.split()[1] for line in LINES if line.startswith("项目 ")]
    assert len(names) == 5
    first = symbols[0]
    assert [g.name for g in first.children] == ["长期目标 1", "年度目标 1 同 长期目标 1"]
    groups = first.children[0].children
    assert groups[0].name == "成本 / 经济成本"
    assert groups[0].children[0].name == "项目成本"
    assert first.range.start.line == line_of(TEXT, "项目 政务服务工作")
    assert first.range.end.line == line_of(TEXT, "年度目标 1 同 长期目标 1") + 1  # the project's "}"


async def test_folding_ranges(client):
    open_doc(client, URI, TEXT)
    got = await client.text_document_folding_range_async(
        T.FoldingRangeParams(text_document=T.TextDocumentIdentifier(uri=URI))
    )
    spans = {(r.start_line, r.end_line) for r in got}
    start = line_of(TEXT, "项目 政务服务工作")
    assert (start, line_of(TEXT, "年度目标 1 同 长期目标 1") + 1) in spans
    assert (0, 1) in spans  # the two comment lines at the top
    group = line_of(TEXT, "产出 / 数量")
    assert (group, group + 3) in spans


async def test_definition_and_references_of_a_shared_goal(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    same = line_of(TEXT, "年度目标 1 同 长期目标 1")
    goal = line_of(TEXT, '长期目标 1 "以')
    got = await client.text_document_definition_async(
        T.DefinitionParams(
            text_document=T.TextDocumentIdentifier(uri=URI), position=T.Position(line=same, character=12)
        )
    )
    loc = got[0] if isinstance(got, list) else got
    assert loc.range.start.line == goal and loc.uri == URI
    refs = await client.text_document_references_async(
        T.ReferenceParams(
            text_document=T.TextDocumentIdentifier(uri=URI),
            position=T.Position(line=goal, character=3),
            context=T.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted(r.range.start.line for r in refs) == [goal, same]


async def actions_at(client, uri, line):
    return await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=T.TextDocumentIdentifier(uri=uri),
            range=T.Range(start=T.Position(line=line, character=0), end=T.Position(line=line, character=0)),
            context=T.CodeActionContext(diagnostics=[]),
        )
    )


def apply(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions) to text."""
    lines = text.split("\n")

    def offset(p):
        line = lines[p.line]
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return sum(len(x) + 1 for x in lines[: p.line]) + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return sum(len(x) + 1 for x in lines[: p.line]) + len(line)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def test_code_action_did_you_mean_fixes_a_mistyped_level1(client):
    bad = TEXT.replace("产出 / 数量", "产处 / 数量", 1)
    open_doc(client, URI, bad)
    no = line_of(bad, "产处 / 数量")
    acts = await actions_at(client, URI, no)
    fix = next(a for a in acts if a.is_preferred)
    assert fix.title == "改为“产出”"
    assert apply(bad, fix.edit.changes[URI]) == TEXT


async def test_code_actions_fullwidth_brace_comparator_and_noqa(client):
    lines = list(LINES)
    g = line_of(TEXT, "产出 / 质量")
    lines[g] = lines[g].replace("{", "｛")
    c = line_of(TEXT, "购买专业热线政务服务人员数量")
    lines[c] = lines[c].replace("=33人", "33人")
    text = "\n".join(lines)
    open_doc(client, URI, text)
    brace = next(a for a in await actions_at(client, URI, g) if "全角" in a.title)
    fixed = apply(text, brace.edit.changes[URI])
    assert fixed.split("\n")[g] == LINES[g]
    open_doc(client, URI + "2", fixed)
    comp = [a for a in await actions_at(client, URI + "2", c) if "比较符号" in a.title]
    assert comp and apply(fixed, comp[0].edit.changes[URI + "2"]).split("\n")[c] == LINES[c].replace("=33人", "≥33人")
    no = line_of(TEXT, "确保优化")
    noqa = next(a for a in await actions_at(client, URI + "2", no) if "noqa" in a.title)
    done = apply(fixed, noqa.edit.changes[URI + "2"])
    assert done.split("\n")[no] == LINES[no] + "  # noqa: PF408"
    assert not [d for d in compile_text(done).diagnostics if d.span.line == no + 1]


async def test_semantic_tokens(client):
    text = "# 注释\n项目 𠀀中心 {\n  预算 5\n  年度目标 {\n    产出 / 数量 {\n      𠀀人数: ≥3人\n    }\n  }\n}\n"
    open_doc(client, URI, text)
    got = await client.text_document_semantic_tokens_full_async(
        T.SemanticTokensParams(text_document=T.TextDocumentIdentifier(uri=URI))
    )
    legend = [
        "keyword",
        "class",
        "namespace",
        "property",
        "operator",
        "number",
        "type",
        "string",
        "comment",
        "enumMember",
    ]
    toks, line, start = [], 0, 0
    data = got.data
    for i in range(0, len(data), 5):
        dl, ds, length, kind, _ = data[i : i + 5]
        line += dl
        start = start + ds if dl == 0 else ds
        toks.append((line, start, length, legend[kind]))
    assert (0, 0, 4, "comment") in toks
    assert (1, 0, 2, "keyword") in toks
    assert (1, 3, 4, "class") in toks  # 𠀀 is two UTF-16 units, 中心 two more
    assert (5, 6, 4, "property") in toks  # 𠀀人数
    assert (5, 12, 1, "operator") in toks and (5, 13, 1, "number") in toks and (5, 14, 1, "type") in toks
    assert (4, 4, 2, "namespace") in toks and (4, 9, 2, "namespace") in toks


async def test_positions_are_utf16_outside_the_bmp(client):
    text = "项目 中心 {\n  预算 5\n  年度目标 {\n    产出 / 数量 {\n      𠀀😀人数: 3人\n    }\n  }\n}\n"
    open_doc(client, URI, text)
    got = await diagnostics_for(client, URI, 1)
    pf403 = next(d for d in got if d.code == "PF403")
    assert pf403.range.start == T.Position(line=4, character=6 + 4 + 2 + 2)  # 2 astral chars, 人数, ": "
    assert pf403.range.end == T.Position(line=4, character=6 + 4 + 2 + 2 + 2)
