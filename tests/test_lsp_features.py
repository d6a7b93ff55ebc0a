"""perflang lsp's features beyond checking (issue 27), each driven through a real LSP client
(pytest-lsp, the server on stdio pipes): range formatting, rename, completion with text edits,
semantic tokens delta and range, workspace symbols, inlay hints with the profile, document links,
code actions for syntax errors and source.fixAll, settings that take effect (perflang.toml edited,
perflang.profile changed), and a syntax error that leaves the other projects' diagnostics.
Expected values come from perflang's library (compile_text, format_text, the scoring plan) or
from the seed text read here."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lspclient import ROOT, SEED, SERVER, diagnostics_for, init_params, open_doc, utf16
from lsprotocol import types as T
from pytest_lsp import LanguageClient
from test_lsp_server import apply, line_of

from perflang.api import compile_text
from perflang.errors import PerflangError
from perflang.lsp.rename import RenameRefused
from perflang.scoring.plan import project_weights
from perflang.scoring.spec import load_profile, spec_of
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


def ident(uri: str = URI) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)


def pos(line: int, character: int) -> T.Position:
    return T.Position(line=line, character=character)


async def next_diagnostics(client, uri: str, timeout: float = 60) -> list[T.Diagnostic]:
    """The next diagnostics published for uri (whatever their version)."""

    async def wait():
        while True:
            params = await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params.diagnostics

    return await asyncio.wait_for(wait(), timeout)


# -- formatting ----------------------------------------------------------------------------------


async def test_range_formatting_formats_the_lines_asked_for(client):
    messy = TEXT.replace("      群众满意度: ≥95%", "  群众满意度:≥95%", 2)
    open_doc(client, URI, messy)
    rows = messy.split("\n")
    first, second = [i for i, line in enumerate(rows) if line == "  群众满意度:≥95%"]
    edits = await client.text_document_range_formatting_async(
        T.DocumentRangeFormattingParams(
            text_document=ident(),
            range=T.Range(start=pos(second, 0), end=pos(second, 5)),
            options=T.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert [(e.range.start.line, e.range.end.line, e.new_text) for e in edits] == [
        (second, second + 1, "      群众满意度: ≥95%\n")
    ]
    done = apply(messy, edits).split("\n")
    assert done[first] == "  群众满意度:≥95%" and done[second] == "      群众满意度: ≥95%"
    whole = await client.text_document_formatting_async(
        T.DocumentFormattingParams(text_document=ident(), options=T.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert len(whole) == 2 and apply(messy, whole) == format_text(messy)[0] == TEXT


# -- rename --------------------------------------------------------------------------------------


async def test_rename_a_goal_renumbers_it_and_every_same_as(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    goal = line_of(TEXT, '长期目标 1 "以')
    same = line_of(TEXT, "年度目标 1 同 长期目标 1")
    prepared = await client.text_document_prepare_rename_async(
        T.PrepareRenameParams(text_document=ident(), position=pos(same, LINES[same].index("长期") + 1))
    )
    assert prepared.placeholder == "长期目标 1"
    assert prepared.range.start == pos(same, LINES[same].index("长期目标 1"))
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=ident(), position=pos(goal, 3), new_name="长期目标 2")
    )
    renamed = apply(TEXT, edit.changes[URI])
    rows = renamed.split("\n")
    assert rows[goal].startswith('  长期目标 2 "以') and rows[same] == "  年度目标 1 同 长期目标 2"
    assert sum(a != b for a, b in zip(rows, LINES)) == 2  # those two lines, nothing else
    same_checks = [(d.code, d.span) for d in compile_text(renamed).diagnostics]
    assert same_checks == [(d.code, d.span) for d in compile_text(TEXT).diagnostics]  # the goal still shared
    # from the reference, with a number alone
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=ident(), position=pos(same, LINES[same].index("长期") + 1), new_name="3")
    )
    assert apply(TEXT, edit.changes[URI]).split("\n")[same] == "  年度目标 1 同 长期目标 3"


async def test_rename_an_indicator_and_the_names_that_are_taken(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    no = line_of(TEXT, "服务窗口工作人员数量")
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=ident(), position=pos(no, 8), new_name="窗口人员: 人数")
    )
    renamed = apply(TEXT, edit.changes[URI])
    assert renamed.split("\n")[no] == '      "窗口人员: 人数":         =35人'  # a colon in a name: quoted
    model = compile_text(renamed).model
    names = [i.name for g in model.projects[0].goals for i in g.indicators]
    assert names.count("窗口人员: 人数") == 2  # the annual goal shares it (同 长期目标 1): renamed there too
    with pytest.raises(Exception, match="已有名为“群众满意度”的三级指标"):
        await client.text_document_rename_async(
            T.RenameParams(text_document=ident(), position=pos(no, 8), new_name="群众满意度")
        )
    with pytest.raises(Exception, match="重命名不改变目标的种类"):
        await client.text_document_rename_async(
            T.RenameParams(
                text_document=ident(), position=pos(line_of(TEXT, '长期目标 1 "以'), 3), new_name="年度目标 2"
            )
        )
    two = TEXT.replace("  年度目标 1 同 长期目标 1\n", "  年度目标 1 同 长期目标 1\n  年度目标 2 同 长期目标 1\n", 1)
    open_doc(client, URI + "2", two)
    await diagnostics_for(client, URI + "2", 1)
    with pytest.raises(Exception, match="项目中已有年度目标 1"):
        await client.text_document_rename_async(
            T.RenameParams(text_document=ident(URI + "2"), position=pos(line_of(two, "年度目标 2"), 3), new_name="1")
        )


async def test_rename_a_project_and_a_name_that_is_taken(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    no = line_of(TEXT, "项目 法律顾问 {")
    prepared = await client.text_document_prepare_rename_async(
        T.PrepareRenameParams(text_document=ident(), position=pos(no, 4))
    )
    assert prepared.placeholder == "法律顾问" and prepared.range.start == pos(no, 3)
    edit = await client.text_document_rename_async(
        T.RenameParams(text_document=ident(), position=pos(no, 4), new_name="法律顾问 服务")
    )
    renamed = apply(TEXT, edit.changes[URI])
    assert renamed.split("\n")[no] == "项目 法律顾问 服务 {" and format_text(renamed)[0] == renamed  # as fmt writes it
    assert sum(a != b for a, b in zip(renamed.split("\n"), LINES)) == 1
    assert "法律顾问 服务" in [p.name for p in compile_text(renamed).model.projects]
    with pytest.raises(Exception, match="无法重命名：文件中已有名为“政务服务工作”的项目"):
        await client.text_document_rename_async(
            T.RenameParams(text_document=ident(), position=pos(no, 4), new_name="政务服务工作")
        )
    with pytest.raises(Exception, match="这里没有可以重命名的内容"):
        await client.text_document_rename_async(
            T.RenameParams(text_document=ident(), position=pos(line_of(TEXT, "表样 批复表"), 1), new_name="x")
        )


async def test_a_refused_rename_is_the_one_error_type():
    """RenameRefused is a PerflangError (PF933) whose reason is a rename.* phrase of the catalog,
    said in the editor's language."""
    refused = RenameRefused("rename.project_taken", name="政务服务工作")
    assert isinstance(refused, PerflangError) and refused.code == "PF933"
    assert refused.text("zh") == "无法重命名：文件中已有名为“政务服务工作”的项目"
    assert refused.text("en") == "cannot rename: the file has a project named '政务服务工作' already"


# -- completion ------------------------------------------------------------------------------------


async def test_completion_items_carry_the_range_they_replace(client):
    """After `≥95` the units replace nothing (they go at the cursor), so a client that takes the
    word from its own idea of a word (Neovim: `≥95`) still shows them; after `产出 / 数` the 二级
    names replace `数`."""
    lines = list(LINES)
    no = line_of(TEXT, "项目成本: ≤571万元")
    lines[no] = "      项目成本: ≤95"
    assert lines[no + 2] == "    产出 / 数量 {"
    lines[no + 2] = "    产出 / 数"
    text = "\n".join(lines)
    open_doc(client, URI, text)
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=ident(), position=pos(no, utf16(lines[no])))
    )
    units = {i.label: i for i in got.items}
    assert {"万元", "%", "人"} <= set(units)
    edit = units["万元"].text_edit
    assert edit.new_text == "万元" and edit.range.start == edit.range.end == pos(no, utf16(lines[no]))
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=ident(), position=pos(no + 2, utf16(lines[no + 2])))
    )
    item = next(i for i in got.items if i.label == "数量")
    assert item.text_edit.range.start == pos(no + 2, utf16("    产出 / "))
    assert item.text_edit.range.end == pos(no + 2, utf16(lines[no + 2]))


@pytest.mark.parametrize(
    ("needle", "typed"),
    [
        ("项目成本: ≤571万元", "      项目成本: ≤95"),  # units at the cursor
        ("项目成本: ≤571万元", "      𠀀成本: ≥9"),  # a character of two UTF-16 units before
        ("项目成本: ≤571万元", "      项目成本: ≤95万"),  # a unit begun
        ("产出 / 数量", "    产出 / 数"),
        ("效益 / 社会效益", "    效"),
        ("年度目标 1 同 长期目标 1", "  年度目标 1 同 "),
        ("默认依据 计划标准", "默认依据 计"),
        ("  预算 571", "  预"),
    ],
)
async def test_the_web_page_replaces_the_range_the_server_replaces(client, needle, typed):
    """The page's completion (perflang.web.bridge.complete, as its worker calls it) offers the
    server's items and says where the text they replace begins (`from`): the start of the
    server's text edits, in the same UTF-16 columns; what lies between it and the cursor is of
    keywords.json's `word` characters (the page's validFor), so the list stays open on it."""
    import re

    from perflang.lsp.completion import WORD_CHAR
    from perflang.web import bridge

    lines = list(LINES)
    no = line_of(TEXT, needle)
    lines[no] = typed
    text = "\n".join(lines)
    uri = URI + "#" + typed
    open_doc(client, uri, text)
    at = utf16(typed)
    got = await client.text_document_completion_async(
        T.CompletionParams(text_document=ident(uri), position=pos(no, at))
    )
    assert got.items
    starts = {(i.text_edit.range.start.line, i.text_edit.range.start.character) for i in got.items}
    assert len(starts) == 1 and starts.pop()[0] == no  # one range for every item
    page = bridge.complete(text, no + 1, at)
    assert [i["label"] for i in page["items"]] == [i.label for i in got.items]
    assert page["from"] == got.items[0].text_edit.range.start.character
    replaced = typed.encode("utf-16-le")[2 * page["from"] :].decode("utf-16-le")
    assert re.fullmatch(WORD_CHAR + "*", replaced), replaced


# -- semantic tokens ---------------------------------------------------------------------------------


def _edit_data(data: list[int], edits) -> list[int]:
    out = list(data)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out[e.start : e.start + e.delete_count] = e.data or []
    return out


async def test_semantic_tokens_delta_and_range(client):
    open_doc(client, URI, TEXT)
    full = await client.text_document_semantic_tokens_full_async(T.SemanticTokensParams(text_document=ident()))
    no = line_of(TEXT, "项目成本: ≤571万元")
    edited = TEXT.replace("项目成本: ≤571万元", "项目成本: ≤571万元 { 依据 计划标准 }", 1)
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=edited)],
        )
    )
    delta = await client.text_document_semantic_tokens_full_delta_async(
        T.SemanticTokensDeltaParams(text_document=ident(), previous_result_id=full.result_id)
    )
    again = await client.text_document_semantic_tokens_full_async(T.SemanticTokensParams(text_document=ident()))
    assert isinstance(delta, T.SemanticTokensDelta) and len(delta.edits) == 1
    assert len(delta.edits[0].data) < len(again.data) // 4  # the edited project's part, not the file
    # the delta applied to the first answer is the answer for the new text
    closed = await client.text_document_semantic_tokens_full_async(T.SemanticTokensParams(text_document=ident()))
    assert _edit_data(full.data, delta.edits) == list(closed.data) == list(again.data)
    assert list(again.data) != list(full.data)
    # a range: the tokens of those lines, as the full answer has them
    got = await client.text_document_semantic_tokens_range_async(
        T.SemanticTokensRangeParams(text_document=ident(), range=T.Range(start=pos(no, 0), end=pos(no, 40)))
    )
    assert got.data[0] == no and len(got.data) == 5 * 6  # 项目成本 ≤ 571 万元 依据 计划标准
    start = next(i for i in range(0, len(again.data), 5) if sum(again.data[: i + 1 : 5]) == no)
    assert list(got.data[1:]) == list(again.data[start + 1 : start + 30])


# -- the workspace's symbols ---------------------------------------------------------------------------


async def test_workspace_symbols_of_open_and_closed_files(client, tmp_path):
    other = tmp_path / "other.perf"
    other.write_text(TEXT.replace("项目 法律顾问 {", "项目 法律顾问（另一文件）{"), encoding="utf-8")
    client.workspace_did_change_workspace_folders(
        T.DidChangeWorkspaceFoldersParams(
            event=T.WorkspaceFoldersChangeEvent(added=[T.WorkspaceFolder(uri=tmp_path.as_uri(), name="t")], removed=[])
        )
    )
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    got = await client.workspace_symbol_async(T.WorkspaceSymbolParams(query="法律顾问"))
    where = {(s.name, s.location.uri) for s in got}
    assert ("法律顾问", URI) in where  # the project of the open file
    assert ("法律顾问费", URI) in where  # its indicator
    assert ("法律顾问（另一文件）", other.as_uri()) in where  # a closed file of the workspace
    fee = next(s for s in got if s.name == "法律顾问费" and s.location.uri == URI)
    assert fee.location.range.start.line == line_of(TEXT, "法律顾问费") and fee.container_name == "长期目标 1"


# -- inlay hints and the profile -----------------------------------------------------------------------


async def _hints(client, first: int, last: int) -> list[T.InlayHint]:
    return await client.text_document_inlay_hint_async(
        T.InlayHintParams(text_document=ident(), range=T.Range(start=pos(first, 0), end=pos(last, 0)))
    )


async def test_inlay_hints_base_values_weights_and_costs_follow_the_profile(client):
    open_doc(client, URI, TEXT)
    await diagnostics_for(client, URI, 1)
    start = line_of(TEXT, "项目 政务服务工作")
    end = line_of(TEXT, "年度目标 1 同 长期目标 1")
    model = compile_text(TEXT).model
    inds = [i for g in model.projects[0].evaluated_goals for i in g.indicators]

    def expected(profile) -> dict[int, str]:
        ws = project_weights(spec_of(model)["projects"][0]["indicators"], profile)
        return {i.node.span.line - 1: f"{w} 分" for i, w in zip(inds, ws)}

    hints = await _hints(client, start, end)
    weights = {h.position.line: h.label.strip() for h in hints if h.label.strip().endswith(" 分")}
    assert weights == expected(load_profile(None))
    social = line_of(TEXT, "优化政务服务环境")
    assert weights[social] == "15.00 分"  # national: 效益 30 points over two indicators
    cost = line_of(TEXT, "项目成本: ≤571万元")
    assert any(h.position.line == cost and h.label.strip() == "= 5,710,000 元" for h in hints)
    goal = line_of(TEXT, '长期目标 1 "以')
    assert any(h.position.line == goal and h.label.strip() == "成本 5,710,000 元，占预算 100.0%" for h in hints)
    # perflang.profile (the editor's setting) changes what the hints say
    client.workspace_did_change_configuration(
        T.DidChangeConfigurationParams(settings={"perflang": {"profile": "hubei"}})
    )
    for _ in range(100):
        if client.inlay_refreshes:
            break
        await asyncio.sleep(0.05)
    assert client.inlay_refreshes == 1
    hints = await _hints(client, start, end)
    weights = {h.position.line: h.label.strip() for h in hints if h.label.strip().endswith(" 分")}
    assert weights == expected(load_profile("hubei")) and weights[social] == "10.00 分"
    hover = await client.text_document_hover_async(T.HoverParams(text_document=ident(), position=pos(social, 8)))
    assert "评分时的分值（湖北省）: 10.00" in hover.contents.value


async def test_a_file_that_names_its_profile_keeps_it(client):
    text = TEXT.replace("默认依据 计划标准", "默认依据 计划标准\n评分方案 湖北", 1)
    open_doc(client, URI, text)
    await diagnostics_for(client, URI, 1)
    social = line_of(text, "优化政务服务环境")
    hints = await _hints(client, social, social)
    assert [h.label.strip() for h in hints if h.label.strip().endswith(" 分")] == ["10.00 分"]


# -- document links --------------------------------------------------------------------------------------


async def test_document_links_to_the_shared_goal_and_the_form_file(client, tmp_path):
    form = tmp_path / "我的表样.toml"
    form.write_text('base = "批复表"\n', encoding="utf-8")
    path = tmp_path / "x.perf"
    text = TEXT.replace("表样 批复表", '表样 "我的表样.toml"', 1)
    uri = path.as_uri()
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, 1)
    links = await client.text_document_document_link_async(T.DocumentLinkParams(text_document=ident(uri)))
    goal = line_of(text, '长期目标 1 "以')
    same = line_of(text, "年度目标 1 同 长期目标 1")
    shared = next(k for k in links if k.range.start.line == same)
    assert shared.target == f"{uri}#L{goal + 1}"
    assert shared.range.start.character == text.split("\n")[same].index("长期目标 1")
    assert "转到长期目标 1" in shared.tooltip
    to_form = next(k for k in links if k.target.endswith(".toml"))
    assert to_form.target == form.resolve().as_uri() and to_form.range.start.line == line_of(text, "表样")
    assert len([k for k in links if "#L" in k.target]) == 5  # one 同 in each of the five projects


# -- code actions ------------------------------------------------------------------------------------------


async def _actions(client, line: int, only=None):
    return await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=ident(),
            range=T.Range(start=pos(line, 0), end=pos(line, 0)),
            context=T.CodeActionContext(diagnostics=[], only=only),
        )
    )


async def test_syntax_errors_have_quick_fixes(client):
    cases = [
        ("    产出 / 数量 {", "    产出 / 数量", "在这一行的末尾加上“{”"),  # a header without its {
        ("      群众满意度: ≥95%", "      群众满意度 ≥95%", "写成“群众满意度: ≥95%”"),  # no colon
    ]
    for k, (old, new, title) in enumerate(cases):
        text = TEXT.replace(old, new, 1)
        uri = URI + str(k)
        open_doc(client, uri, text)
        await diagnostics_for(client, uri, 1)
        no = line_of(text, new) if new.strip() != new else line_of(text, new)
        acts = await client.text_document_code_action_async(
            T.CodeActionParams(
                text_document=ident(uri),
                range=T.Range(start=pos(no, 0), end=pos(no, 0)),
                context=T.CodeActionContext(diagnostics=[]),
            )
        )
        fix = next(a for a in acts if a.title == title)
        assert apply(text, fix.edit.changes[uri]) == TEXT
    # a block without its "}": the "}" goes before the next project
    lines = list(LINES)
    close = line_of(TEXT, "年度目标 1 同 长期目标 1") + 1
    assert lines[close] == "}"
    del lines[close]
    text = "\n".join(lines)
    open_doc(client, URI + "x", text)
    got = await diagnostics_for(client, URI + "x", 1)
    pf103 = next(d for d in got if d.code == "PF103")
    acts = await client.text_document_code_action_async(
        T.CodeActionParams(
            text_document=ident(URI + "x"),
            range=pf103.range,
            context=T.CodeActionContext(diagnostics=[]),
        )
    )
    fix = next(a for a in acts if "}" in a.title)
    assert compile_text(apply(text, fix.edit.changes[URI + "x"])).ok


async def test_fix_all_applies_what_is_certain(client):
    text = (
        TEXT.replace("    产出 / 质量 {", "    产出 / 质量 ｛", 1)
        .replace("      群众满意度: ≥95%", "      群众满意度 ≥95%", 1)
        .replace("    产出 / 时效 {", "    产出 / 时效", 1)
        .replace("购买专业热线政务服务人员数量: =33人", "购买专业热线政务服务人员数量: 33人", 1)  # PF403: a guess
    )
    open_doc(client, URI, text)
    await diagnostics_for(client, URI, 1)
    acts = await _actions(client, 0, only=[T.CodeActionKind.SourceFixAll])
    (fix,) = acts
    assert fix.kind == T.CodeActionKind.SourceFixAll
    fixed = apply(text, fix.edit.changes[URI])
    assert fixed == TEXT.replace("购买专业热线政务服务人员数量: =33人", "购买专业热线政务服务人员数量: 33人", 1)
    assert [d.code for d in compile_text(fixed).diagnostics if d.level.value == "error"] == []


# -- settings that take effect ------------------------------------------------------------------------------


async def test_editing_perflang_toml_changes_the_open_files_diagnostics(client, tmp_path):
    """The Done-when of issue 27: perflang.toml edited to ignore a code, the open file's
    diagnostics change without the file being reopened (workspace/didChangeWatchedFiles, which
    the server registers dynamically with a client that can)."""
    for _ in range(200):  # the server asks for it when the client says `initialized`
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    (watch,) = [r for r in client.registrations if r.method == T.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert [w["globPattern"] for w in watch.register_options["watchers"]] == ["**/*.toml"]  # as JSON: any options
    config = tmp_path / "perflang.toml"
    config.write_text('ignore = ["PF401"]\n', encoding="utf-8")
    path = tmp_path / "x.perf"
    path.write_text(TEXT, encoding="utf-8")
    uri = path.as_uri()
    open_doc(client, uri, TEXT)
    first = await diagnostics_for(client, uri, 1)
    assert "PF408" in {d.code for d in first}
    config.write_text('ignore = ["PF408"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(changes=[T.FileEvent(uri=config.as_uri(), type=T.FileChangeType.Changed)])
    )
    second = await next_diagnostics(client, uri)
    assert "PF408" not in {d.code for d in second}
    assert [d.code for d in second] == [d.code for d in first if d.code != "PF408"]


async def test_editing_the_form_file_a_document_names_checks_it_again(client, tmp_path):
    """A form file (表样 "f.toml") spoilt on disk: the open file's diagnostics say so without
    the file being reopened; mended, they are as before."""
    form = tmp_path / "f.toml"
    form.write_text('base = "批复表"\n', encoding="utf-8")
    path = tmp_path / "x.perf"
    text = TEXT.replace("表样 批复表", '表样 "f.toml"', 1)
    uri = path.as_uri()
    open_doc(client, uri, text)
    first = await diagnostics_for(client, uri, 1)
    assert "PF108" not in {d.code for d in first}
    form.write_text('base = "不存在的表"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(changes=[T.FileEvent(uri=form.as_uri(), type=T.FileChangeType.Changed)])
    )
    second = await next_diagnostics(client, uri)
    expected = [d.code for d in compile_text(text, str(path)).diagnostics]
    assert [d.code for d in second] == expected and "PF108" in expected
    assert any("不是有效的表样文件" in d.message for d in second if d.code == "PF108")
    form.write_text('base = "批复表"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(changes=[T.FileEvent(uri=form.as_uri(), type=T.FileChangeType.Changed)])
    )
    third = await next_diagnostics(client, uri)
    assert [d.code for d in third] == [d.code for d in first]


async def test_editing_the_profile_file_a_document_names_changes_its_weights(client, tmp_path):
    """评分方案 "mine.toml": the file rewritten from national's rules to Hubei's, the server asks
    the client for its inlay hints again and they show the new weights."""
    mine = tmp_path / "mine.toml"
    mine.write_text('title = "本单位"\n', encoding="utf-8")  # national's rules
    path = tmp_path / "x.perf"
    text = TEXT.replace("默认依据 计划标准", '默认依据 计划标准\n评分方案 "mine.toml"', 1)
    uri = path.as_uri()
    open_doc(client, uri, text)
    await diagnostics_for(client, uri, 1)
    social = line_of(text, "优化政务服务环境")

    async def weight() -> list[str]:
        hints = await client.text_document_inlay_hint_async(
            T.InlayHintParams(text_document=ident(uri), range=T.Range(start=pos(social, 0), end=pos(social + 1, 0)))
        )
        return [h.label.strip() for h in hints if h.label.strip().endswith(" 分")]

    assert await weight() == ["15.00 分"]  # national: 效益 30 points over two indicators
    hubei = (ROOT / "perflang" / "profiles" / "hubei.toml").read_text(encoding="utf-8")
    mine.write_text(hubei.replace('name = "hubei"', 'name = "mine"').replace("aliases = ", "# aliases = "), "utf-8")
    refreshes = client.inlay_refreshes
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(changes=[T.FileEvent(uri=mine.as_uri(), type=T.FileChangeType.Changed)])
    )
    for _ in range(100):
        if client.inlay_refreshes > refreshes:
            break
        await asyncio.sleep(0.05)
    assert client.inlay_refreshes == refreshes + 1
    assert await weight() == ["10.00 分"]  # Hubei: 80 points among the annual goals


async def test_a_syntax_error_leaves_the_other_projects_diagnostics(client):
    bad = TEXT.replace("产出 / 数量 {", "产出 / 数量 {{", 1)  # in the first project
    open_doc(client, URI, bad)
    got = await diagnostics_for(client, URI, 1)
    end = line_of(TEXT, "年度目标 1 同 长期目标 1") + 1  # the first project's "}"
    others = [(d.code, d.span.line - 1) for d in compile_text(TEXT).diagnostics if d.span.line - 1 > end]
    assert others and [(d.code, d.range.start.line) for d in got if d.range.start.line > end] == others
    assert {d.code for d in got if d.range.start.line <= end} <= {d.code for d in compile_text(bad).diagnostics}


async def test_hover_on_a_code_in_noqa_fills_no_template(client):
    text = TEXT.replace("确保优化", "确保优化  # noqa: PF408", 1)
    open_doc(client, URI, text)
    no = line_of(text, "# noqa: PF408")
    line = text.split("\n")[no]
    value = (
        await client.text_document_hover_async(
            T.HoverParams(text_document=ident(), position=pos(no, utf16(line[: line.index("PF408") + 2])))
        )
    ).contents.value
    assert "{" not in value and "指标值“…”用语模糊（“…”）" in value
