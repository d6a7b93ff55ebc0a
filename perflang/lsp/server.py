"""The pygls server: each LSP request is a few lines around a function of this package.

Every handler is wrapped by `_safe`: whatever a client sends (a position past the end, an
unknown document, a range backwards), the answer is an empty result and a log message, never a
crash of the server.  Diagnostics are published after each change; changes that arrive while a
check runs are coalesced (only the newest text is checked), and the setting `debounce` (ms, 0 by
default) waits that long for more typing first.

The documents' texts are the server's own (`PerfServer.docs`), not pygls's workspace: a
didChange, the message an editor sends for every key typed, is applied by `PerfServer.change`
straight from its JSON (`_FastChanges`), without pygls's structuring and dispatch, which cost
about as much as re-checking the edited project (benchmarks/lsp.py).
"""

from __future__ import annotations

import asyncio
import functools
import os
import traceback

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import Config, find_config
from ..messages import Severity
from ..syntax.formatter import format_text
from .actions import actions_for
from .analysis import Document
from .completion import complete
from .hover import hover
from .positions import Lines
from .semantic import LEGEND, encode, tokens
from .symbols import definition, folding, outline, references

__all__ = ["PerfServer", "make_server", "serve_stdio"]

_KINDS = {
    "project": T.SymbolKind.Module,
    "goal": T.SymbolKind.Class,
    "group": T.SymbolKind.Namespace,
    "indicator": T.SymbolKind.Field,
}
_ITEM_KINDS = {
    "keyword": T.CompletionItemKind.Keyword,
    "level1": T.CompletionItemKind.Module,
    "level2": T.CompletionItemKind.Class,
    "unit": T.CompletionItemKind.Unit,
    "value": T.CompletionItemKind.EnumMember,
    "goal": T.CompletionItemKind.Reference,
    "operator": T.CompletionItemKind.Operator,
}


class PerfServer(LanguageServer):
    def __init__(self):
        super().__init__("perflang", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.docs: dict[str, Document] = {}
        self.lang_setting: str | None = None
        self.locale: str | None = None
        self.debounce = 0.0  # seconds
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # -- settings ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        for choice in (self.lang_setting, os.environ.get("PERFLANG_LANG"), self.locale):
            if choice:
                return "en" if choice.lower().startswith("en") else "zh"
        return "zh"

    def configure(self, settings) -> None:
        if not isinstance(settings, dict):
            return
        settings = settings.get("perflang", settings)
        if not isinstance(settings, dict):
            return
        lang = settings.get("language")
        if lang is None or isinstance(lang, str):
            self.lang_setting = lang or None
        debounce = settings.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000

    # -- documents --------------------------------------------------------------------------
    def document(self, uri: str) -> Document | None:
        return self.docs.get(uri)

    def change(self, params) -> None:
        """textDocument/didChange as JSON data: apply the edits in order (a range in LSP's
        0-based lines and UTF-16 characters, clamped to the text; none: the whole text), then
        check soon.  A malformed message changes nothing and is logged."""
        try:
            doc = params["textDocument"]
            uri, version, changes = doc["uri"], doc.get("version"), params["contentChanges"]
            if not isinstance(uri, str) or not isinstance(changes, list):
                raise TypeError("textDocument.uri or contentChanges")
            edits = [_edit(c) for c in changes]
        except Exception:  # noqa: BLE001 - nonsense from the client: nothing changes
            self.log("didChange ignored: " + traceback.format_exc())
            return
        document = self.docs.get(uri) or self.open(uri, "", None)
        text = document.text
        for where, new in edits:
            text = (
                new
                if where is None
                else _replaced(Lines(text) if text != document.text else document.lines, where, new)
            )
        document.update(text, version if isinstance(version, int) and not isinstance(version, bool) else None)
        self.schedule(uri)

    def open(self, uri: str, text: str, version: int | None) -> Document:
        path = _path(uri)
        config = Config()
        if path is not None:
            try:
                config = find_config(path)
            except Exception:  # noqa: BLE001 - an unreadable folder: default settings
                config = Config()
        doc = Document(uri, path or uri, config)
        doc.update(text, version)
        self.docs[uri] = doc
        return doc

    def schedule(self, uri: str) -> None:
        """Check and publish soon; a newer change replaces a check not yet run."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.publish(uri)
            return
        self.pending[uri] = (
            loop.call_soon(self.publish, uri)
            if not self.debounce
            else loop.call_later(self.debounce, self.publish, uri)
        )

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            doc = self.document(uri)
            if doc is None:
                return
            version = doc.version
            diags = doc.check()
            lang = self.lang
            out = [lsp_diagnostic(d, doc.lines, uri, lang) for d in diags]
            self.text_document_publish_diagnostics(
                T.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=out)
            )
        except Exception:  # noqa: BLE001 - never take the server down
            self.log(traceback.format_exc())

    def log(self, message: str) -> None:
        try:
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Error, message=message))
        except Exception:  # noqa: BLE001
            pass


def _position(p) -> tuple[int, int]:
    line, character = p["line"], p["character"]
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (line, character)):
        raise TypeError("a position's line and character are integers")
    return line, character


def _edit(change) -> tuple[tuple[tuple[int, int], tuple[int, int]] | None, str]:
    """One content change as ((start, end) or None for the whole text, the new text)."""
    new = change["text"]
    if not isinstance(new, str):
        raise TypeError("a content change's text is a string")
    rng = change.get("range")
    if rng is None:
        return None, new
    start, end = _position(rng["start"]), _position(rng["end"])
    return (min(start, end), max(start, end)), new


def _replaced(lines: Lines, where, new: str) -> str:
    """The text of lines with the LSP range `where` replaced by new."""
    (l0, c0), (l1, c1) = (lines.from_lsp(*where[0]), lines.from_lsp(*where[1]))
    rows = lines.lines
    head = "\n".join(rows[: l0 - 1] + [rows[l0 - 1][: c0 - 1]])
    tail = "\n".join([rows[l1 - 1][c1 - 1 :]] + rows[l1:])
    return head + new + tail


def _path(uri: str) -> str | None:
    try:
        return to_fs_path(uri) if uri.startswith("file:") else None
    except Exception:  # noqa: BLE001
        return None


def _pos(p) -> T.Position:
    return T.Position(line=p[0], character=p[1])


def _range(lines: Lines, span) -> T.Range:
    start, end = lines.span_range(span)
    return T.Range(start=_pos(start), end=_pos(end))


def _range4(lines: Lines, t) -> T.Range:
    start = lines.to_lsp(t[0], t[1])
    end = lines.to_lsp(t[2], t[3])
    return T.Range(start=_pos(start), end=_pos(max(start, end)))


def lsp_diagnostic(d, lines: Lines, uri: str, lang: str) -> T.Diagnostic:
    """perflang's diagnostic as LSP's: the same code and message, its hint and notes."""
    message = d.message(lang)
    related = []
    for note in d.notes:
        if note.span is None:
            message += f"\n{'note' if lang == 'en' else '注'}: {note.message}"
        else:
            related.append(
                T.DiagnosticRelatedInformation(
                    location=T.Location(uri=uri, range=_range(lines, note.span)), message=note.message
                )
            )
    hint = d.hint(lang)
    if hint:
        message += f"\n{'help' if lang == 'en' else '提示'}: {hint}"
    return T.Diagnostic(
        range=_range(lines, d.span),
        message=message,
        code=d.code,
        source="perflang",
        severity=T.DiagnosticSeverity.Error if d.level is Severity.ERROR else T.DiagnosticSeverity.Warning,
        related_information=related or None,
        data={"code": d.code},
    )


def _safe(default):
    def wrap(fn):
        @functools.wraps(fn)
        def run(ls, params):
            try:
                return fn(ls, params)
            except Exception:  # noqa: BLE001 - a bad request gets an empty answer
                ls.log(traceback.format_exc())
                return default() if callable(default) else default

        return run

    return wrap


def _on_document(default, missing=None):
    """_safe for a request about one open document: the handler is called with it,
    (ls, doc, params); an unknown document gets the empty answer (missing, else default)."""

    def wrap(fn):
        @_safe(default)
        @functools.wraps(fn)
        def run(ls, params):
            doc = ls.document(params.text_document.uri)
            if doc is None:
                empty = default if missing is None else missing
                return empty() if callable(empty) else empty
            return fn(ls, doc, params)

        return run

    return wrap


def make_server() -> PerfServer:
    server = PerfServer()

    @server.feature(T.INITIALIZE)
    @_safe(None)
    def initialize(ls: PerfServer, params: T.InitializeParams):
        ls.locale = params.locale if isinstance(params.locale, str) else None
        ls.configure(params.initialization_options)

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @_safe(None)
    def changed_configuration(ls: PerfServer, params: T.DidChangeConfigurationParams):
        ls.configure(params.settings)
        for uri in list(ls.docs):
            ls.schedule(uri)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    @_safe(None)
    def did_open(ls: PerfServer, params: T.DidOpenTextDocumentParams):
        td = params.text_document
        ls.open(td.uri, td.text, td.version)
        ls.schedule(td.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    @_safe(None)
    def did_change(ls: PerfServer, params: T.DidChangeTextDocumentParams):
        # reached only through pygls's own reader (serve_stdio's fallback, tests in-process)
        ls.change(ls.protocol._converter.unstructure(params))

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    @_safe(None)
    def did_close(ls: PerfServer, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.docs.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.TEXT_DOCUMENT_FORMATTING)
    @_on_document(list)
    def formatting(ls: PerfServer, doc: Document, params: T.DocumentFormattingParams):
        new, _ = format_text(doc.text)
        if new is None or new == doc.text:
            return []
        last = len(doc.lines.lines)
        end = doc.lines.to_lsp(last, len(doc.lines.line(last)) + 1)
        return [T.TextEdit(range=T.Range(start=T.Position(line=0, character=0), end=_pos(end)), new_text=new)]

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    @_on_document(None)
    def on_hover(ls: PerfServer, doc: Document, params: T.HoverParams):
        line, column = doc.lines.from_lsp(params.position.line, params.position.character)
        got = hover(doc, line, column, ls.lang)
        if got is None:
            return None
        text, where = got
        return T.Hover(
            contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=text), range=_range4(doc.lines, where)
        )

    @server.feature(
        T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=["/", "／", " ", ":", "：", "{"])
    )
    @_on_document(None)
    def on_completion(ls: PerfServer, doc: Document, params: T.CompletionParams):
        line, column = doc.lines.from_lsp(params.position.line, params.position.character)
        items = complete(doc.lines.lines, line, column)
        return T.CompletionList(
            is_incomplete=False,
            items=[
                T.CompletionItem(label=i.label, kind=_ITEM_KINDS[i.kind], detail=i.detail or None, sort_text=f"{n:04d}")
                for n, i in enumerate(items)
            ],
        )

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_on_document(list)
    def on_symbols(ls: PerfServer, doc: Document, params: T.DocumentSymbolParams):

        def conv(s):
            rng = _range4(doc.lines, (*s.start, *s.end))
            sel = _range4(doc.lines, (*s.sel_start, *s.sel_end))
            if not (rng.start.line, rng.start.character) <= (sel.start.line, sel.start.character):
                rng = T.Range(start=sel.start, end=rng.end)
            return T.DocumentSymbol(
                name=s.name or "?",
                kind=_KINDS[s.kind],
                range=rng,
                selection_range=sel,
                detail=s.detail or None,
                children=[conv(c) for c in s.children] or None,
            )

        return [conv(s) for s in outline(doc)]

    @server.feature(T.TEXT_DOCUMENT_FOLDING_RANGE)
    @_on_document(list)
    def on_folding(ls: PerfServer, doc: Document, params: T.FoldingRangeParams):
        return [
            T.FoldingRange(
                start_line=a - 1,
                end_line=b - 1,
                kind=T.FoldingRangeKind.Comment if k == "comment" else T.FoldingRangeKind.Region,
            )
            for a, b, k in folding(doc)
        ]

    @server.feature(T.TEXT_DOCUMENT_DEFINITION)
    @_on_document(None)
    def on_definition(ls: PerfServer, doc: Document, params: T.DefinitionParams):
        line, _ = doc.lines.from_lsp(params.position.line, params.position.character)
        where = definition(doc, line)
        if where is None:
            return None
        return T.Location(uri=doc.uri, range=_range4(doc.lines, where))

    @server.feature(T.TEXT_DOCUMENT_REFERENCES)
    @_on_document(list)
    def on_references(ls: PerfServer, doc: Document, params: T.ReferenceParams):
        line, _ = doc.lines.from_lsp(params.position.line, params.position.character)
        found = references(doc, line, bool(params.context and params.context.include_declaration))
        return [T.Location(uri=doc.uri, range=_range4(doc.lines, w)) for w in found]

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]))
    @_on_document(list)
    def on_code_action(ls: PerfServer, doc: Document, params: T.CodeActionParams):
        first = params.range.start.line + 1
        last = max(first, params.range.end.line + 1)
        lang = ls.lang
        out = []
        for d in doc.check():
            if d.span.end_line < first or d.span.line > last:
                continue
            for a in actions_for(d, doc.lines, lang):
                edits = [T.TextEdit(range=_range4(doc.lines, where), new_text=text) for where, text in a.edits]
                out.append(
                    T.CodeAction(
                        title=a.title,
                        kind=T.CodeActionKind.QuickFix,
                        is_preferred=a.preferred or None,
                        diagnostics=[lsp_diagnostic(d, doc.lines, doc.uri, lang)],
                        edit=T.WorkspaceEdit(changes={doc.uri: edits}),
                    )
                )
        return out

    @server.feature(
        T.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, T.SemanticTokensLegend(token_types=list(LEGEND), token_modifiers=[])
    )
    @_on_document(None, missing=lambda: T.SemanticTokens(data=[]))
    def on_semantic_tokens(ls: PerfServer, doc: Document, params: T.SemanticTokensParams):
        return T.SemanticTokens(data=encode(tokens(doc.lines.lines)))

    return server


def serve_stdio(server: PerfServer) -> None:
    """Serve on stdin/stdout.  pygls's own stdio reader hands every header line and body to a
    thread and back (three thread switches per message, several milliseconds each on a busy
    machine); here stdin is read by the event loop itself when it is a pipe, as editors give it.
    A stdin the loop cannot watch (a regular file) gets pygls's reader."""
    import logging
    import sys
    import threading

    from pygls.io_ import StdoutWriter, run_async

    async def serve() -> bool:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=2**20)
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
        except (ValueError, OSError):
            return False
        server._stop_event = threading.Event()
        server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
        try:
            await run_async(
                stop_event=server._stop_event,
                reader=_Reader(reader),
                protocol=_FastChanges(server),
                logger=logging.getLogger("pygls"),
                error_handler=server.report_server_error,
            )
        finally:
            server.shutdown()
        return True

    try:
        if asyncio.run(serve()):
            return
    except (BrokenPipeError, KeyboardInterrupt, SystemExit):
        return
    server.start_io()


class _Reader:
    """asyncio's StreamReader with pygls's reader interface (readexactly returns b"" at the end
    instead of raising)."""

    def __init__(self, reader: asyncio.StreamReader):
        self.reader = reader

    async def readline(self) -> bytes:
        try:
            return await self.reader.readline()
        except (asyncio.LimitOverrunError, ValueError):  # a header line of a megabyte: nonsense
            return b""

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.reader.readexactly(n)
        except asyncio.IncompleteReadError:
            return b""


class _FastChanges:
    """The protocol as pygls's message loop sees it: a didChange notification is handed to
    PerfServer.change as the JSON it came in; every other message goes to pygls."""

    def __init__(self, server: PerfServer):
        self.server, self.protocol = server, server.protocol

    def structure_message(self, data):
        if (
            data.get("method") == T.TEXT_DOCUMENT_DID_CHANGE
            and "jsonrpc" in data
            and "id" not in data
            and not self.protocol._shutdown
        ):
            return _Change(data.get("params"))
        return self.protocol.structure_message(data)

    def handle_message(self, message) -> None:
        if isinstance(message, _Change):
            self.server.change(message.params)
        else:
            self.protocol.handle_message(message)


class _Change:
    __slots__ = ("params",)

    def __init__(self, params):
        self.params = params
