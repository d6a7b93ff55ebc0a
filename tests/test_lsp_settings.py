"""perflang lsp: the message language (client locale, initializationOptions, settings) and a
client that sends nonsense; over stdio with pytest-lsp."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
import pytest_lsp
from lspclient import SEED, SERVER, diagnostics_for, init_params, open_doc
from lsprotocol import types as T
from pytest_lsp import LanguageClient

from perflang.api import compile_text

pytestmark = pytest.mark.asyncio
URI = SEED.as_uri()
TEXT = SEED.read_text(encoding="utf-8")
BAD = TEXT.replace("产出 / 数量", "产处 / 数量", 1)


@pytest_lsp.fixture(config=SERVER)
async def english(lsp_client: LanguageClient):
    await lsp_client.initialize_session(init_params(locale="en-US"))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def chinese_option(lsp_client: LanguageClient):
    # the option wins over the client's English locale
    await lsp_client.initialize_session(init_params(locale="en", options={"language": "zh"}))
    yield
    await lsp_client.shutdown_session()


def raw(client, body: str) -> None:
    """Write one framed message as it is, whatever it holds."""
    data = body.encode("utf-8")
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)


def first_lines(diags) -> list[str]:
    return [d.message.split("\n")[0] for d in diags]


async def test_english_from_the_client_locale(english):
    open_doc(english, URI, BAD)
    got = await diagnostics_for(english, URI, 1)
    assert first_lines(got) == [d.message("en") for d in compile_text(BAD).diagnostics]
    assert any(m.startswith("unknown") or "level" in m for m in first_lines(got))


async def test_option_and_setting_choose_the_language(chinese_option):
    client = chinese_option
    open_doc(client, URI, BAD)
    got = await diagnostics_for(client, URI, 1)
    expected = compile_text(BAD).diagnostics
    assert first_lines(got) == [d.message("zh") for d in expected]
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"perflang": {"language": "en"}}))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert first_lines(client.diagnostics[URI]) == [d.message("en") for d in expected]


async def test_nonsense_requests_get_empty_answers_and_the_server_lives_on(english):
    client = english
    unknown = "file:///nowhere/gone.perf"
    pos = T.Position(line=10**6, character=10**6)
    ident = T.TextDocumentIdentifier(uri=unknown)
    assert await client.text_document_hover_async(T.HoverParams(text_document=ident, position=pos)) is None
    assert await client.text_document_document_symbol_async(T.DocumentSymbolParams(text_document=ident)) in (None, [])
    open_doc(client, URI, "项目 x {\n\u0000\ufffd}}}{{{\n")
    await diagnostics_for(client, URI, 1)
    doc = T.TextDocumentIdentifier(uri=URI)
    for line, ch in ((10**6, 10**6), (0, 10**6), (1, 3)):
        p = T.Position(line=line, character=ch)
        await client.text_document_hover_async(T.HoverParams(text_document=doc, position=p))
        await client.text_document_completion_async(T.CompletionParams(text_document=doc, position=p))
        await client.text_document_definition_async(T.DefinitionParams(text_document=doc, position=p))
    backwards = T.Range(start=T.Position(line=5, character=3), end=T.Position(line=0, character=0))
    await client.text_document_code_action_async(
        T.CodeActionParams(text_document=doc, range=backwards, context=T.CodeActionContext(diagnostics=[]))
    )
    # a request the server does not know, and a notification with parameters of the wrong shape
    with pytest.raises(Exception):  # noqa: B017 (any error answer: the server is still alive below)
        await asyncio.wait_for(client.protocol.send_request_async("perflang/nonsense", {"x": 1}), 10)
    for body in (
        '{"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": [1, "two", null]}}',
        '{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": 5}}}',
        '{"jsonrpc": "2.0", "id": 991, "method": "textDocument/hover", "params": {"position": "here"}}',
        '{"jsonrpc": "2.0", "id": 992, "method": "textDocument/completion", "params": null}',
        '{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {}}}',
        "this is not json {{{",
        "[1, 2, 3]",
        "{}",
        *(  # didChange, which the server applies itself (not through pygls): wrong shapes
            json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": params})
            for params in (
                [1],
                {"textDocument": {"uri": URI, "version": 7}, "contentChanges": "x"},
                {"textDocument": {"uri": URI, "version": 7}, "contentChanges": [{"text": 5}]},
                {"textDocument": {"uri": URI}, "contentChanges": [{"range": {"start": {"line": "a"}}, "text": ""}]},
                {"textDocument": {"uri": URI}, "contentChanges": [{"range": {"start": {}, "end": {}}, "text": ""}]},
            )
        ),
    ):
        raw(client, body)
    # the open document is as it was: a whole-text change replaces it, and it is checked
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=URI, version=8),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=TEXT)],
        )
    )
    got = await diagnostics_for(client, URI, 8)
    assert [d.code for d in got] == [d.code for d in compile_text(TEXT).diagnostics]
    # still answering, the document still checked
    symbols = await client.text_document_document_symbol_async(T.DocumentSymbolParams(text_document=doc))
    assert symbols is not None
    open_doc(client, URI + "x", TEXT)
    got = await diagnostics_for(client, URI + "x", 1)
    assert [d.code for d in got] == [d.code for d in compile_text(TEXT).diagnostics]


async def test_a_file_that_disappears(english, tmp_path):
    """The server works on the editor's text: a file deleted under it changes nothing."""
    client = english
    path = tmp_path / "gone.perf"
    path.write_text(BAD, encoding="utf-8")
    uri = path.as_uri()
    open_doc(client, uri, BAD)
    first = await diagnostics_for(client, uri, 1)
    path.unlink()
    tmp_path.rmdir()
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=BAD + "\n")],
        )
    )
    second = await diagnostics_for(client, uri, 2)
    assert [d.code for d in second] == [d.code for d in first]
    symbols = await client.text_document_document_symbol_async(
        T.DocumentSymbolParams(text_document=T.TextDocumentIdentifier(uri=uri))
    )
    assert len(symbols) == 5


async def test_without_pygls_lsp_says_how_to_install_it():
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
        "from perflang.cli import main; main(['lsp'])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    from perflang.errors import install_command

    assert install_command("lsp") in done.stderr and "[lsp]" in done.stderr
    assert "Traceback" not in done.stderr


async def test_a_closed_document_loses_its_diagnostics(english):
    client = english
    open_doc(client, URI, BAD)
    assert await diagnostics_for(client, URI, 1)
    client.text_document_did_close(T.DidCloseTextDocumentParams(text_document=T.TextDocumentIdentifier(uri=URI)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[URI]) == []


def _frames(data: bytes) -> list[dict]:
    out = []
    while data:
        head, _, data = data.partition(b"\r\n\r\n")
        length = int(next(x for x in head.split(b"\r\n") if x.lower().startswith(b"content-length")).split(b":")[1])
        out.append(json.loads(data[:length]))
        data = data[length:]
    return out


async def test_messages_from_a_regular_file_edit_the_same(tmp_path):
    """A stdin the event loop cannot watch (a regular file) is read by a thread: the messages,
    framed as from a pipe, edit the document the same (the didOpen's check and the didChange's,
    read together, are coalesced into one: the newest text is checked)."""
    uri = (tmp_path / "x.perf").as_uri()
    text = "项目 x {\n  年度目标 1 {\n    产出 / 数量 {\n      人数: ≥3人\n    }\n  }\n}\n"
    edit = {"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 6}}, "text": "产处"}
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "perf", "version": 1, "text": text}},
        },
        {
            "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [edit]},
        },
        {"id": 2, "method": "shutdown", "params": None},
        {"method": "exit", "params": None},
    ]
    stdin = tmp_path / "in.bin"
    bodies = [json.dumps({"jsonrpc": "2.0", **m}, ensure_ascii=False).encode("utf-8") for m in messages]
    stdin.write_bytes(b"".join(b"Content-Length: %d\r\n\r\n" % len(b) + b for b in bodies))
    with stdin.open("rb") as f:
        done = subprocess.run([sys.executable, "-m", "perflang", "lsp"], stdin=f, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    published = {
        m["params"]["version"]: [d["code"] for d in m["params"]["diagnostics"]]
        for m in _frames(done.stdout)
        if m.get("method") == "textDocument/publishDiagnostics"
    }
    edited = text.replace("产出 / 数量", "产处 / 数量")
    assert "PF201" in published[2] and "PF201" not in published.get(1, [])
    assert published[2] == [d.code for d in compile_text(edited).diagnostics]
