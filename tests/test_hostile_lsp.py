"""perflang lsp against a hostile or broken client (issue 24, "The audit", item 5): a broken
header drops one message, not the stream; a 1 MiB header line does not end the server; changes
to documents never opened are not kept; a form file that is a FIFO does not block the server;
`perflang lsp </dev/null` ends at once; a flood of opened documents is capped.

Each test drives `python -m perflang lsp` on pipes, as an editor does, and reads what it wrote.
They ran against the main branch before the fix (see the commit message): the requests after
`Content-Length: abc` and after the long header got no answer, the FIFO blocked every request,
the never-opened changes grew the server past the memory bound, and </dev/null hung."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest
from hostile import run
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/null are POSIX")

INIT = {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}


def body(message: dict) -> bytes:
    return json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")


def frame(message: dict, length: bytes | None = None) -> bytes:
    data = body(message)
    return b"Content-Length: " + (str(len(data)).encode() if length is None else length) + b"\r\n\r\n" + data


def probe(n: int) -> bytes:
    """A request every server answers (the outline of a document it does not know: empty)."""
    params = {"textDocument": {"uri": "file:///nowhere/probe.perf"}}
    return frame({"id": n, "method": "textDocument/documentSymbol", "params": params})


def session(*middle: bytes, end_id: int = 99) -> list[bytes]:
    """initialize, the blocks given, a shutdown request (end_id) and exit."""
    return [
        frame(INIT),
        frame({"method": "initialized", "params": {}}),
        *middle,
        frame({"id": end_id, "method": "shutdown", "params": None}),
        frame({"method": "exit", "params": None}),
    ]


def frames(data: bytes) -> list[dict]:
    """The messages the server wrote."""
    out = []
    while data:
        head, sep, data = data.partition(b"\r\n\r\n")
        if not sep:
            break
        length = int(next(x for x in head.split(b"\r\n") if x.lower().startswith(b"content-length")).split(b":")[1])
        out.append(json.loads(data[:length]))
        data = data[length:]
    return out


def serve(blocks, timeout: float = 120, cwd=None):
    got = run("lsp", feed=blocks, timeout=timeout, cwd=cwd)
    stdout = got.stdout.encode("utf-8")
    return got, frames(stdout)


def answered(messages: list[dict]) -> dict:
    return {m["id"]: m for m in messages if "id" in m and ("result" in m or "error" in m)}


def _ended(got) -> None:
    assert not got.timed_out, f"still running after {got.seconds:.0f} s"
    assert "Traceback" not in got.stderr, got.stderr[-2000:]


# -- framing --------------------------------------------------------------------------------------


def test_a_content_length_that_is_no_number_drops_one_message_only():
    bad = frame({"id": 2, "method": "textDocument/documentSymbol", "params": {}}, length=b"abc")
    got, messages = serve(session(bad, probe(3), end_id=4))
    _ended(got)
    answers = answered(messages)
    assert 3 in answers and 4 in answers, messages  # before: every later request lost
    assert answers[2]["error"]["code"] == -32600  # the dropped request is answered, as invalid
    assert got.returncode == 0


@pytest.mark.parametrize("size", [2**20, 8 * 2**20])
def test_a_huge_header_line_does_not_end_the_server(size):
    junk = b"X-Junk: " + b"x" * size + b"\r\n"
    got, messages = serve(session(junk, probe(5), end_id=6))
    _ended(got)
    assert got.peak_mb < 200, got.peak_mb
    answers = answered(messages)
    assert 5 in answers and 6 in answers, messages  # before: the server ended at the long line


def test_a_header_line_without_its_end_does_not_grow_the_server():
    got, messages = serve([frame(INIT), *([b"y" * 2**20] * 64)], timeout=120)  # 64 MiB, no line break
    _ended(got)
    assert got.returncode == 0 and got.peak_mb < 200, (got.returncode, got.peak_mb)


def test_a_body_beyond_the_limit_is_skipped_not_held():
    from perflang.lsp.framing import MAX_BODY

    head = b"Content-Length: %d\r\n\r\n" % (MAX_BODY + 1)
    blocks = [frame(INIT), head, *([b" " * 2**20] * 64), b" ", probe(7)]
    got, messages = serve(blocks)
    _ended(got)
    assert got.peak_mb < 200, got.peak_mb
    assert 7 in answered(messages)


MESSAGES = st.lists(
    st.dictionaries(st.sampled_from(["id", "method", "x"]), st.text(max_size=30) | st.integers()), max_size=6
)


@settings(max_examples=200, deadline=None)
@given(before=MESSAGES, after=MESSAGES, junk=st.sampled_from([b"abc", b"-1", b"", b"12 34", b"9" * 20]), data=st.data())
def test_framer_recovers_after_a_broken_header_however_the_stream_is_cut(before, after, junk, data):
    """Property: the messages before a broken header and every message after it come out whole,
    whatever blocks the stream arrives in."""
    from perflang.lsp.framing import Dropped, Framer

    stream = b"".join(frame(m) for m in before) + frame({"id": 0}, length=junk) + b"".join(frame(m) for m in after)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=12)))
    framer = Framer()
    got = []
    for a, b in zip([0, *cuts], [*cuts, len(stream)]):
        got += framer.feed(stream[a:b])
    got += framer.end()
    bodies = [g for g in got if not isinstance(g, Dropped)]
    assert bodies == [body(m) for m in before + after]
    assert len(got) - len(bodies) == 1


# -- documents never opened -----------------------------------------------------------------------


def test_changes_to_documents_never_opened_are_not_kept():
    text = "# " + "x" * 200_000 + "\n"  # 200 kB, quick to check: a comment

    def changes():
        yield frame(INIT)
        yield frame({"method": "initialized", "params": {}})
        for n in range(500):
            params = {
                "textDocument": {"uri": f"file:///never/opened/{n}.perf", "version": 2},
                "contentChanges": [{"text": text}],
            }
            yield frame({"method": "textDocument/didChange", "params": params})
        yield probe(8)
        yield frame({"id": 9, "method": "shutdown", "params": None})
        yield frame({"method": "exit", "params": None})

    got, messages = serve(changes(), timeout=300)
    assert not got.timed_out
    # before: every text kept (500 × 200 kB grew the server to 341 MB; 2,000 to 1.25 GB)
    assert got.peak_mb < 150, got.peak_mb
    _ended(got)
    assert 8 in answered(messages)
    assert not [m for m in messages if m.get("method") == "textDocument/publishDiagnostics"]


# -- a form file that is a FIFO -------------------------------------------------------------------


def test_a_form_file_that_is_a_fifo_does_not_block_the_server(tmp_path):
    os.mkfifo(tmp_path / "form.toml")
    uri = (tmp_path / "x.perf").as_uri()
    text = (
        '表样 "form.toml"\n项目 x {\n  预算 1\n  年度目标 1 "x" {\n    产出 / 数量 {\n      人数: ≥3人\n    }\n  }\n}\n'
    )
    opened = frame(
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "perf", "version": 1, "text": text}},
        }
    )
    symbols = frame({"id": 9, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})

    def blocks():
        messages = session(opened, symbols)
        yield b"".join(messages[:3])  # initialize, initialized, didOpen
        time.sleep(1)  # the editor's next request comes a moment later
        yield b"".join(messages[3:])

    got, messages = serve(blocks(), timeout=60)
    _ended(got)
    assert 9 in answered(messages) and 99 in answered(messages)  # before: blocked in open()
    published = [m for m in messages if m.get("method") == "textDocument/publishDiagnostics"]
    assert published and "PF108" in [d["code"] for d in published[-1]["params"]["diagnostics"]]


# -- no client -------------------------------------------------------------------------------------


def test_lsp_with_stdin_from_dev_null_ends_at_once():
    with open(os.devnull, "rb") as null:
        got = run("lsp", stdin=null, timeout=60)
    _ended(got)  # before: a traceback (epoll refuses /dev/null), then no end
    assert got.returncode == 0 and got.stderr == "", got.stderr[-500:]


def test_lsp_with_an_empty_pipe_ends_at_once():
    got = run("lsp", stdin=subprocess_closed(), timeout=60)
    _ended(got)
    assert got.returncode == 0, got.stderr[-500:]


def subprocess_closed():
    """A stdin whose writing end is already closed: an empty pipe."""
    r, w = os.pipe()
    os.close(w)
    return os.fdopen(r, "rb")


# -- a flood of opened documents ------------------------------------------------------------------


def test_a_flood_of_opened_documents_is_capped():
    """1,000 didOpen of 200 kB (200 MB of text): the open documents' texts are capped together
    (MAX_OPEN_TEXT), the documents beyond it are refused with one window message, the server
    answers on."""
    from perflang.lsp.server import MAX_OPEN_TEXT

    text = "# " + "x" * 200_000 + "\n"  # quick to check: a comment
    kept = MAX_OPEN_TEXT // len(text)

    def opens():
        yield frame(INIT)
        yield frame({"method": "initialized", "params": {}})
        for n in range(1000):
            document = {"uri": f"file:///flood/{n}.perf", "languageId": "perf", "version": 1, "text": text}
            yield frame({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        yield probe(8)
        yield frame({"id": 9, "method": "shutdown", "params": None})
        yield frame({"method": "exit", "params": None})

    got, messages = serve(opens(), timeout=300)
    assert not got.timed_out
    # before: every text kept and checked, twice (pygls's workspace too): 626 MB; now 148 MB
    assert got.peak_mb < 200, got.peak_mb
    _ended(got)
    assert 8 in answered(messages)
    published = {m["params"]["uri"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"}
    assert published == {f"file:///flood/{n}.perf" for n in range(kept)}, len(published)
    shown = [m for m in messages if m.get("method") == "window/showMessage"]
    assert len(shown) == 1 and "MB" in shown[0]["params"]["message"], shown


class _Server:
    """PerfServer in this process, what it would send collected instead (no client)."""

    def __init__(self, monkeypatch, limit: int):
        from perflang.lsp import server as module

        monkeypatch.setattr(module, "MAX_OPEN_TEXT", limit)
        self.server = module.PerfServer()
        self.published: dict[str, list] = {}
        self.shown: list[str] = []
        self.logged: list[str] = []
        self.server.text_document_publish_diagnostics = lambda p: self.published.setdefault(p.uri, []).append(
            p.diagnostics
        )
        self.server.window_show_message = lambda p: self.shown.append(p.message)
        self.server.window_log_message = lambda p: self.logged.append(p.message)
        self.server.protocol.notify_raw = self._raw  # the checks' diagnostics are sent as JSON text

    def _raw(self, method: str, params: str) -> None:
        from types import SimpleNamespace

        data = json.loads(params)
        self.published.setdefault(data["uri"], []).append([SimpleNamespace(**d) for d in data["diagnostics"]])

    def open(self, uri: str, text: str):
        doc = self.server.open(uri, text, 1)
        if doc is not None:
            self.server.schedule(uri)
        return doc

    def close(self, uri: str) -> None:
        self.server.forget(uri)

    def change(self, uri: str, text: str, version: int = 2) -> None:
        self.server.change({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})


DOC_TEXT = '项目 x {\n  预算 1\n  年度目标 1 "x" {\n    产出 / 数量 {\n      人数: ≥3\n    }\n  }\n}\n'


def test_a_document_beyond_the_cap_is_refused_and_kept_after_a_close(monkeypatch):
    s = _Server(monkeypatch, limit=3 * len(DOC_TEXT))
    for n in range(3):
        assert s.open(f"file:///d/{n}.perf", DOC_TEXT) is not None
    assert s.open("file:///d/3.perf", DOC_TEXT) is None  # a fourth would pass the cap
    assert s.open("file:///d/4.perf", DOC_TEXT) is None
    assert "file:///d/3.perf" not in s.server.docs and len(s.shown) == 1 and len(s.logged) == 2
    assert "PF402" in [d.code for d in s.published["file:///d/0.perf"][-1]]
    assert "file:///d/3.perf" not in s.published
    s.close("file:///d/0.perf")
    assert s.open("file:///d/3.perf", DOC_TEXT) is not None  # room again
    assert "PF402" in [d.code for d in s.published["file:///d/3.perf"][-1]]
    assert s.server.kept == 3 * len(DOC_TEXT)
    s.server.open("file:///d/3.perf", DOC_TEXT, 2)  # opened again: replaces, not adds
    assert s.server.kept == 3 * len(DOC_TEXT) and len(s.shown) == 1


def test_a_change_that_grows_past_the_cap_forgets_the_document(monkeypatch):
    s = _Server(monkeypatch, limit=2 * len(DOC_TEXT))
    s.open("file:///d/a.perf", DOC_TEXT)
    s.open("file:///d/b.perf", DOC_TEXT)
    s.change("file:///d/a.perf", DOC_TEXT + "# 注释\n")  # one document longer: past the cap
    assert "file:///d/a.perf" not in s.server.docs and s.server.kept == len(DOC_TEXT)
    assert s.published["file:///d/a.perf"][-1] == [] and len(s.shown) == 1  # its diagnostics cleared
    s.change("file:///d/a.perf", DOC_TEXT)  # not open any more: ignored, as any unknown document
    assert "file:///d/a.perf" not in s.server.docs
    s.change("file:///d/b.perf", DOC_TEXT.replace("≥3", "≥3人"))  # within the cap: applied
    assert "PF402" not in [d.code for d in s.published["file:///d/b.perf"][-1]]
    assert s.server.kept == len(DOC_TEXT) + 1


def test_pygls_keeps_no_copy_of_the_texts():
    """pygls's workspace kept every opened text a second time, uncapped (half of the flood's
    memory); through pygls's own dispatch the documents still open, change and close."""
    from lsprotocol import types as T

    from perflang.lsp.server import make_server

    server = make_server()
    published = []
    server.text_document_publish_diagnostics = lambda p: published.append((p.uri, [d.code for d in p.diagnostics]))
    server.protocol.notify_raw = lambda method, params: published.append(  # the checks' diagnostics: JSON text
        (json.loads(params)["uri"], [d["code"] for d in json.loads(params)["diagnostics"]])
    )
    for _ in server.protocol.lsp_initialize(T.InitializeParams(capabilities=T.ClientCapabilities())):
        pass

    def send(method, params):
        message = server.protocol.structure_message({"jsonrpc": "2.0", "method": method, "params": params})
        server.protocol.handle_message(message)

    uri = "file:///d/a.perf"
    send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "perf", "version": 1, "text": DOC_TEXT}})
    assert server.workspace.text_documents == {} and list(server.docs) == [uri]
    change = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": DOC_TEXT.replace("≥3", "≥3人")}]}
    send("textDocument/didChange", change)
    assert server.docs[uri].version == 2 and server.workspace.text_documents == {}
    assert "PF402" in published[0][1] and "PF402" not in published[-1][1]
    send("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.docs == {} and server.kept == 0 and published[-1] == (uri, [])
