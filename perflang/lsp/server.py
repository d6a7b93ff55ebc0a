"""The pygls server: each LSP request is a few lines around a function of this package.

Every handler is wrapped by `_safe`: whatever a client sends (a position past the end, an
unknown document, a range backwards), the answer is an empty result and a log message, never a
crash of the server.  A request for a method the server does not have gets JSON-RPC's "method
not found" error (-32601), as the protocol has it; an unknown notification is ignored.

Checking is cooperative: after a change, the document is checked project by project
(perflang.api.ProjectChecker.steps) in a task that gives the event loop back every few
milliseconds, so hover, completion and the other requests are answered while a long check (a
2,000-project file after its 金额单位 changed) is under way; changes that arrive meanwhile are
coalesced (the newest text is checked), and the setting `debounce` (ms, 0 by default) waits that
long for more typing first.  Diagnostics are published when a text is checked through; a
shutdown is answered after the checks under way are through.

The documents' texts are the server's own (`PerfServer.docs`), not pygls's workspace: a
didChange, the message an editor sends for every key typed, is applied by `PerfServer.change`
straight from its JSON (`_FastChanges`), without pygls's structuring and dispatch, which cost
about as much as re-checking the edited project (benchmarks/lsp.py).  A didChange for a
document that was never opened (or was closed) is ignored: nothing is kept for it.  The texts
of the open documents are capped together (MAX_OPEN_TEXT): a didOpen, or a didChange, that would
take them past it is not kept (logged, and said once in a window message), so that a client
opening thousands of large documents cannot grow the server without end.  The big answers (the
diagnostics, the outline, the semantic tokens, formatting edits) are written as JSON text made
project by project and kept while a project does not change (`Raw`), not as lsprotocol objects.

The stream is framed by `framing.Framer`, not pygls's reader: a message with a broken header is
dropped (and a request in it answered with an error), the next one is read as usual.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import stat
import sys
import time
import traceback
from pathlib import Path

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES, Config, find_config
from ..messages import localize, phrase, tool_message
from .actions import actions_for, fix_all
from .analysis import Document
from .completion import complete
from .formatting import document_edits, range_edits
from .framing import Dropped, Framer
from .hover import hover
from .inlay import inlay_hints
from .links import document_links
from .positions import Lines
from .publish import diagnostic_dict, diagnostics_json
from .rename import RenameRefused, prepare_rename, rename
from .scores import Profiles, weights
from .semantic import LEGEND, delta_tokens, full_tokens, range_tokens
from .symbols import Workspace, definition, folding, references, symbols_json

__all__ = ["PerfServer", "make_server", "serve_stdio", "Raw", "MAX_OPEN_TEXT"]

# characters of all open documents' texts together.  A real workspace keeps far less open (a
# .perf file of a thousand projects is about 2 MB); the server's own state for a checked text
# is a few times to some forty times its size (a comment: ~3x; a dense table of indicators: ~40x).
MAX_OPEN_TEXT = 32 * 2**20

_ITEM_KINDS = {
    "keyword": T.CompletionItemKind.Keyword,
    "level1": T.CompletionItemKind.Module,
    "level2": T.CompletionItemKind.Class,
    "unit": T.CompletionItemKind.Unit,
    "value": T.CompletionItemKind.EnumMember,
    "goal": T.CompletionItemKind.Reference,
    "operator": T.CompletionItemKind.Operator,
}
_SYMBOL_KINDS = {
    "project": T.SymbolKind.Module,
    "goal": T.SymbolKind.Class,
    "group": T.SymbolKind.Namespace,
    "indicator": T.SymbolKind.Field,
}
SLICE = 0.02  # seconds of checking between two looks at the messages that came in
WATCHED = "**/*.toml"  # perflang.toml, pyproject.toml, form files (表样) and profiles (评分方案)


class Raw:
    """An answer that is JSON text already: written as it is."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, writing a Raw answer (and send_raw's notifications) as it is, and without
    its workspace's copies of the documents: pygls kept every text opened a second time (and
    applied every change to it), uncapped and never read here; the texts are PerfServer.docs',
    within MAX_OPEN_TEXT.  didOpen/didChange/didClose go straight to the server's handlers."""

    def _send_response(self, msg_id, result=None, error=None):
        if error is None and isinstance(result, Raw):
            self._result_types.pop(msg_id, None)
            self.send_raw('{"jsonrpc":"2.0","id":' + _dumps(msg_id) + ',"result":' + result.text + "}")
            return
        super()._send_response(msg_id, result, error)

    def send_raw(self, body: str) -> None:
        if self.writer is None:
            return
        data = body.encode("utf-8")
        res = self.writer.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        if asyncio.iscoroutine(res):
            asyncio.ensure_future(res)

    def notify_raw(self, method: str, params: str) -> None:
        self.send_raw('{"jsonrpc":"2.0","method":' + _dumps(method) + ',"params":' + params + "}")

    def _ours(self, method, params):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(T.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: T.DidOpenTextDocumentParams):
        yield from self._ours(T.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(T.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: T.DidChangeTextDocumentParams):
        yield from self._ours(T.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(T.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: T.DidCloseTextDocumentParams):
        yield from self._ours(T.TEXT_DOCUMENT_DID_CLOSE, params)


class PerfServer(LanguageServer):
    def __init__(self):
        super().__init__(
            "perflang",
            __version__,
            text_document_sync_kind=T.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.docs: dict[str, Document] = {}
        self.lang_setting: str | None = None
        self.locale: str | None = None
        self.debounce = 0.0  # seconds
        self.profile_setting: str | None = None  # perflang.profile: a profile's name or file
        self.tasks: dict[str, asyncio.Task] = {}
        self.profiles = Profiles()
        self.workspace_symbols = Workspace()
        self.folders: list[str] = []
        self._weights: dict[tuple, tuple] = {}
        self.kept = 0  # characters of the open documents' texts (MAX_OPEN_TEXT)
        self.refusing = False  # a document was refused since the last one closed: said once

    # -- settings ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        for choice in (self.lang_setting, os.environ.get("PERFLANG_LANG"), self.locale):
            if choice:
                return "en" if choice.lower().startswith("en") else "zh"
        return "zh"

    def configure(self, settings) -> set[str]:
        """The settings (flat or under "perflang"): which of language, profile changed."""
        changed: set[str] = set()
        if not isinstance(settings, dict):
            return changed
        settings = settings.get("perflang", settings)
        if not isinstance(settings, dict):
            return changed
        before = (self.lang, self.profile_setting)
        lang = settings.get("language")
        if lang is None or isinstance(lang, str):
            self.lang_setting = (
                lang if lang in ("zh", "en") or (lang and lang.lower().startswith(("zh", "en"))) else None
            )
        debounce = settings.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000
        if "profile" in settings:
            profile = settings.get("profile")
            self.profile_setting = profile.strip() or None if isinstance(profile, str) else None
        if self.lang != before[0]:
            changed.add("language")
        if self.profile_setting != before[1]:
            changed.add("profile")
            self._weights.clear()
        return changed

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
        document = self.docs.get(uri)
        if document is None:  # LSP changes only open documents: nothing is kept for another
            self.log(f"didChange ignored: {uri[:200]} is not open")
            return
        text = document.text
        for where, new in edits:
            text = (
                new
                if where is None
                else _replaced(Lines(text) if text != document.text else document.lines, where, new)
            )
        if self.kept - len(document.text) + len(text) > MAX_OPEN_TEXT:
            self.forget(uri)  # its text here would no longer be the editor's: not kept at all
            self.refuse(uri, len(text))
            return
        before = len(document.text)
        document.update(text, version if isinstance(version, int) and not isinstance(version, bool) else None)
        self.kept += len(document.text) - before
        self.schedule(uri)

    def open(self, uri: str, text: str, version: int | None) -> Document | None:
        """Keep the document (replacing one of that uri), or None when its text would take the
        open documents' texts past MAX_OPEN_TEXT (then it is refused: see refuse)."""
        old = self.docs.get(uri)
        if self.kept - (len(old.text) if old else 0) + len(text) > MAX_OPEN_TEXT:
            if old is not None:
                self.forget(uri)
            self.refuse(uri, len(text))
            return None
        path = _path(uri)
        doc = Document(uri, path or uri, _config(path))
        doc.update(text, version)
        if old is not None:
            self.kept -= len(old.text)
        self.docs[uri] = doc
        self.kept += len(doc.text)
        return doc

    def forget(self, uri: str) -> None:
        """Drop a document (closed, or refused): no check under way, its diagnostics cleared."""
        task = self.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        doc = self.docs.pop(uri, None)
        if doc is not None:
            self.kept -= len(doc.text)
            self.refusing = False
        if not self.protocol._shutdown:
            self.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def refuse(self, uri: str, size: int) -> None:
        """A document not kept (MAX_OPEN_TEXT): logged each time, said to the user once."""
        self.log(
            f"{uri[:200]} not kept: its {size:,} characters would take the open documents past "
            f"{MAX_OPEN_TEXT:,} characters; close some documents and open it again"
        )
        if self.refusing or self.protocol._shutdown:
            return
        self.refusing = True
        try:
            message = tool_message("lsp.too_much", self.lang, limit=MAX_OPEN_TEXT // 2**20)
            self.window_show_message(T.ShowMessageParams(type=T.MessageType.Warning, message=message))
        except Exception:  # noqa: BLE001
            pass

    # -- checking ---------------------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        """Check and publish soon: a task checks project by project, answering requests between
        (a task already running for the document checks the newest text when it is through)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.publish(uri)
            return
        task = self.tasks.get(uri)
        if task is not None and not task.done():
            return
        self.tasks[uri] = loop.create_task(self._check(uri))

    async def settle(self) -> None:
        """Wait for the checks under way (at shutdown: the changes read before it are published,
        whether the check of a small file took one slice or, on a busy machine, several)."""
        pending = [t for t in self.tasks.values() if not t.done()]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    async def _check(self, uri: str) -> None:
        try:
            if self.debounce:
                await asyncio.sleep(self.debounce)
            while True:
                doc = self.docs.get(uri)
                if doc is None:
                    return
                text = doc.text
                started = time.monotonic()
                for _ in doc.checker.steps(text):
                    if time.monotonic() - started >= SLICE:
                        await asyncio.sleep(0)
                        started = time.monotonic()
                        if self.docs.get(uri) is not doc or doc.text is not text:
                            break
                if self.docs.get(uri) is not doc:
                    return
                if doc.text is not text:  # changed meanwhile: check the newest text
                    if self.debounce:
                        await asyncio.sleep(self.debounce)
                    continue
                self.publish(uri)
                return
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - never take the server down
            self.log(traceback.format_exc())

    def publish(self, uri: str) -> None:
        if self.protocol._shutdown:  # after shutdown (and exit, which closes stdout): nothing to say
            return
        try:
            doc = self.document(uri)
            if doc is None:
                return
            version = doc.version
            body = diagnostics_json(doc, self.lang)
            params = '{"uri":' + _dumps(uri) + (',"version":%d' % version if version is not None else "")
            self.protocol.notify_raw(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params + ',"diagnostics":' + body + "}")
        except Exception:  # noqa: BLE001 - never take the server down
            self.log(traceback.format_exc())

    def report_server_error(self, error, source) -> None:
        """pygls's report (a window message), but not after shutdown: once exit has closed
        stdout, a report of a failed write would itself fail, and so on."""
        if not self.protocol._shutdown:
            super().report_server_error(error, source)

    def recheck(self, docs=None) -> None:
        for uri in list(self.docs if docs is None else docs):
            self.schedule(uri)

    def watched_changed(self, paths: list[str]) -> None:
        """Files the checks read changed (didChangeWatchedFiles): a perflang.toml or pyproject.toml
        (select / ignore) is read again for the documents below it; a form or profile file makes
        the documents whose settings may name it compiled again."""
        configs = [p for p in paths if Path(p).name in CONFIG_NAMES]
        others = [p for p in paths if Path(p).name not in CONFIG_NAMES]
        if others:
            self.profiles.forget()
            self._weights.clear()
        touched = []
        for uri, doc in self.docs.items():
            if not doc.path or doc.path == uri:
                continue
            if configs:
                config = _config(doc.path)
                if config != doc.checker.config:
                    doc.checker.reconfigure(config)
                    touched.append(uri)
            if others and any(_may_read(doc, p) for p in others):
                doc.checker.forget()
                touched.append(uri)
        self.recheck(dict.fromkeys(touched))

    # -- scoring -------------------------------------------------------------------------------
    def profile_of(self, unit) -> tuple[dict, str]:
        profile = self.profiles.for_model(unit.result.model, self.profile_setting)
        for problem in self.profiles.problems:
            self.log(problem)
        self.profiles.problems.clear()
        return profile, profile.get("title") or profile.get("name", "")

    def scored(self, found):
        """(the weight an indicator is scored with, the profile's title), or None."""
        unit = found.unit
        if unit is None or unit.result.model is None:
            return None
        profile, title = self.profile_of(unit)
        key = (id(unit.result), id(profile))
        got = self._weights.get(key)
        if got is None or got[0] is not unit.result:
            if len(self._weights) > 4096:
                self._weights.clear()
            got = self._weights[key] = (unit.result, weights(unit.result.model, profile))
        w = got[1].get(id(found.node))
        return None if w is None else (w, title)

    def log(self, message: str) -> None:
        if self.protocol._shutdown:
            return
        try:
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Error, message=message))
        except Exception:  # noqa: BLE001
            pass


def _refresh_inlay_hints(ls: PerfServer) -> None:
    """Ask the client for the inlay hints again (the weights they show changed), if it can."""
    caps = ls.client_capabilities.workspace
    inlay = caps.inlay_hint if caps is not None else None
    if inlay is not None and inlay.refresh_support:
        ls.workspace_inlay_hint_refresh(None)


def _config(path: str | None) -> Config:
    if path is None:
        return Config()
    try:
        return find_config(path)
    except Exception:  # noqa: BLE001 - an unreadable folder: default settings
        return Config()


def _may_read(doc: Document, path: str) -> bool:
    """Whether a document's settings may name the file (its 表样 or 评分方案, by its file name,
    or a profile of PERFLANG_PROFILES by its name)."""
    p = Path(path)
    head = doc.checker.layout(doc.text).prefix
    if p.name in head or p.stem in head:
        return True
    try:
        from ..scoring import profiles

        return any(p.parent == Path(f) for f in profiles.folders())
    except Exception:  # noqa: BLE001
        return False


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


def _range_json(lines: Lines, t) -> str:
    start = lines.to_lsp(t[0], t[1])
    end = max(start, lines.to_lsp(t[2], t[3]))
    return '{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}}' % (*start, *end)


def _edits_json(lines: Lines, edits) -> str:
    return "[" + ",".join('{"range":' + _range_json(lines, w) + ',"newText":' + _dumps(t) + "}" for w, t in edits) + "]"


def lsp_diagnostic(ls: PerfServer, d, lines: Lines, uri: str, lang: str) -> T.Diagnostic:
    """perflang's diagnostic as an lsprotocol Diagnostic (publish.diagnostic_dict's)."""
    return ls.protocol._converter.structure(diagnostic_dict(d, lines, uri, lang), T.Diagnostic)


def _safe(default):
    def wrap(fn):
        @functools.wraps(fn)
        def run(ls, params):
            try:
                return fn(ls, params)
            except JsonRpcException:
                raise
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


def _lines_of(doc: Document, rng: T.Range) -> tuple[int, int]:
    """The 1-based file lines a range covers (a range ending at a line's start ends before it)."""
    first = rng.start.line + 1
    last = rng.end.line + 1
    if rng.end.character == 0 and last > first:
        last -= 1
    n = len(doc.lines.lines)
    return max(1, min(first, n)), max(1, min(max(first, last), n))


def make_server() -> PerfServer:
    server = PerfServer()

    @server.feature(T.INITIALIZE)
    @_safe(None)
    def initialize(ls: PerfServer, params: T.InitializeParams):
        ls.locale = params.locale if isinstance(params.locale, str) else None
        ls.configure(params.initialization_options)
        folders = [to_fs_path(f.uri) for f in params.workspace_folders or [] if f.uri.startswith("file:")]
        if not folders and params.root_uri and params.root_uri.startswith("file:"):
            folders = [to_fs_path(params.root_uri)]
        ls.folders = [f for f in folders if f]

    @server.feature(T.INITIALIZED)
    @_safe(None)
    def initialized(ls: PerfServer, params: T.InitializedParams):
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        if watched is not None and watched.dynamic_registration:
            ls.client_register_capability(
                T.RegistrationParams(
                    registrations=[
                        T.Registration(
                            id="perflang-watched-files",
                            method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=T.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[T.FileSystemWatcher(glob_pattern=WATCHED)]
                            ),
                        )
                    ]
                )
            )

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @_safe(None)
    def changed_configuration(ls: PerfServer, params: T.DidChangeConfigurationParams):
        changed = ls.configure(params.settings)
        if "language" in changed:
            ls.recheck()
        if "profile" in changed:
            _refresh_inlay_hints(ls)

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_safe(None)
    def changed_files(ls: PerfServer, params: T.DidChangeWatchedFilesParams):
        paths = [p for p in (_path(c.uri) for c in params.changes) if p]
        ls.watched_changed(paths)
        if any(Path(p).name not in CONFIG_NAMES for p in paths):  # a profile file: the weights shown
            _refresh_inlay_hints(ls)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    @_safe(None)
    def did_open(ls: PerfServer, params: T.DidOpenTextDocumentParams):
        td = params.text_document
        if ls.open(td.uri, td.text, td.version) is not None:
            ls.schedule(td.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    @_safe(None)
    def did_change(ls: PerfServer, params: T.DidChangeTextDocumentParams):
        # reached only through pygls's own dispatch (a server run in-process, as some tests do)
        ls.change(ls.protocol._converter.unstructure(params))

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    @_safe(None)
    def did_close(ls: PerfServer, params: T.DidCloseTextDocumentParams):
        ls.forget(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_FORMATTING)
    @_on_document(list)
    def formatting(ls: PerfServer, doc: Document, params: T.DocumentFormattingParams):
        edits = document_edits(doc)
        return Raw(_edits_json(doc.lines, edits)) if edits else []

    @server.feature(T.TEXT_DOCUMENT_RANGE_FORMATTING)
    @_on_document(list)
    def range_formatting(ls: PerfServer, doc: Document, params: T.DocumentRangeFormattingParams):
        edits = range_edits(doc, *_lines_of(doc, params.range))
        return Raw(_edits_json(doc.lines, edits)) if edits else []

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    @_on_document(None)
    def on_hover(ls: PerfServer, doc: Document, params: T.HoverParams):
        line, column = doc.lines.from_lsp(params.position.line, params.position.character)
        got = hover(doc, line, column, ls.lang, ls.scored)
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
        cursor = _pos(doc.lines.to_lsp(line, column))
        out = []
        for n, i in enumerate(items):
            start = _pos(doc.lines.to_lsp(line, i.start)) if i.start else cursor
            out.append(
                T.CompletionItem(
                    label=i.label,
                    kind=_ITEM_KINDS[i.kind],
                    detail=localize(i.detail, ls.lang) or None,
                    sort_text=f"{n:04d}",
                    filter_text=i.label,
                    text_edit=T.TextEdit(range=T.Range(start=start, end=cursor), new_text=i.label),
                )
            )
        return T.CompletionList(is_incomplete=False, items=out)

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @_on_document(list)
    def on_symbols(ls: PerfServer, doc: Document, params: T.DocumentSymbolParams):
        return Raw(symbols_json(doc))

    @server.feature(T.WORKSPACE_SYMBOL)
    @_safe(list)
    def on_workspace_symbols(ls: PerfServer, params: T.WorkspaceSymbolParams):
        folders = list(ls.folders)
        for f in ls.workspace.folders.values():
            path = _path(f.uri)
            if path and path not in folders:
                folders.append(path)
        found = ls.workspace_symbols.symbols(params.query, list(ls.docs.values()), folders)
        out = []
        for f in found:
            doc = ls.docs.get(f.where)
            lines = doc.lines if doc is not None else None
            if lines is None:
                start, end = (f.span[0] - 1, f.span[1] - 1), (f.span[2] - 1, f.span[3] - 1)
                rng = T.Range(start=_pos(start), end=_pos(max(start, end)))
            else:
                rng = _range4(lines, f.span)
            out.append(
                T.SymbolInformation(
                    name=f.name,
                    kind=_SYMBOL_KINDS[f.kind],
                    location=T.Location(uri=f.where, range=rng),
                    container_name=f.container or None,
                )
            )
        return out

    @server.feature(T.TEXT_DOCUMENT_FOLDING_RANGE)
    @_on_document(list)
    def on_folding(ls: PerfServer, doc: Document, params: T.FoldingRangeParams):
        return Raw(
            "["
            + ",".join(
                '{"startLine":%d,"endLine":%d,"kind":"%s"}' % (a - 1, b - 1, k if k == "comment" else "region")
                for a, b, k in folding(doc)
            )
            + "]"
        )

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

    @server.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
    @_on_document(None)
    def on_prepare_rename(ls: PerfServer, doc: Document, params: T.PrepareRenameParams):
        line, column = doc.lines.from_lsp(params.position.line, params.position.character)
        got = prepare_rename(doc, line, column)
        if got is None:
            return None
        where, placeholder = got
        return T.PrepareRenamePlaceholder(range=_range4(doc.lines, where), placeholder=placeholder)

    @server.feature(T.TEXT_DOCUMENT_RENAME)
    @_on_document(None)
    def on_rename(ls: PerfServer, doc: Document, params: T.RenameParams):
        line, column = doc.lines.from_lsp(params.position.line, params.position.character)
        try:
            edits = rename(doc, line, column, params.new_name)
        except RenameRefused as refused:
            raise JsonRpcException(message=refused.text(ls.lang), code=-32803) from None  # RequestFailed
        changes = [T.TextEdit(range=_range4(doc.lines, w), new_text=t) for w, t in edits]
        return T.WorkspaceEdit(changes={doc.uri: changes})

    @server.feature(
        T.TEXT_DOCUMENT_CODE_ACTION,
        T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, T.CodeActionKind.SourceFixAll]),
    )
    @_on_document(list)
    def on_code_action(ls: PerfServer, doc: Document, params: T.CodeActionParams):
        lang = ls.lang
        only = params.context.only if params.context is not None else None
        out = []
        wanted = lambda kind: not only or any(kind == k or kind.startswith(k + ".") for k in only)  # noqa: E731
        if wanted(T.CodeActionKind.QuickFix):
            first, last = _lines_of(doc, params.range)
            for d in doc.diagnostics_between(first, last):
                for a in actions_for(d, doc.lines, lang):
                    edits = [T.TextEdit(range=_range4(doc.lines, where), new_text=text) for where, text in a.edits]
                    out.append(
                        T.CodeAction(
                            title=a.title,
                            kind=T.CodeActionKind.QuickFix,
                            is_preferred=a.preferred or None,
                            diagnostics=[lsp_diagnostic(ls, d, doc.lines, doc.uri, lang)],
                            edit=T.WorkspaceEdit(changes={doc.uri: edits}),
                        )
                    )
        if only and wanted(T.CodeActionKind.SourceFixAll) or not only:
            edits = fix_all(doc.check(), doc.lines, lang)
            if edits:
                out.append(
                    T.CodeAction(
                        title=localize(phrase("action.fix_all"), lang),
                        kind=T.CodeActionKind.SourceFixAll,
                        edit=T.WorkspaceEdit(
                            changes={doc.uri: [T.TextEdit(range=_range4(doc.lines, w), new_text=t) for w, t in edits]}
                        ),
                    )
                )
        return out

    legend = T.SemanticTokensLegend(token_types=list(LEGEND), token_modifiers=[])

    @server.feature(T.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, legend)
    @_on_document(None, missing=lambda: T.SemanticTokens(data=[]))
    def on_semantic_tokens(ls: PerfServer, doc: Document, params: T.SemanticTokensParams):
        got = full_tokens(doc)
        return Raw('{"resultId":' + _dumps(got.id) + ',"data":' + got.json() + "}")

    @server.feature(T.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA, legend)
    @_on_document(None, missing=lambda: T.SemanticTokens(data=[]))
    def on_semantic_tokens_delta(ls: PerfServer, doc: Document, params: T.SemanticTokensDeltaParams):
        got, edit = delta_tokens(doc, params.previous_result_id)
        if edit is None:
            return Raw('{"resultId":' + _dumps(got.id) + ',"data":' + got.json() + "}")
        start, deleted, data = edit
        edits = '[{"start":%d,"deleteCount":%d,"data":[%s]}]' % (start, deleted, ",".join(map(str, data)))
        return Raw('{"resultId":' + _dumps(got.id) + ',"edits":' + edits + "}")

    @server.feature(T.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, legend)
    @_on_document(None, missing=lambda: T.SemanticTokens(data=[]))
    def on_semantic_tokens_range(ls: PerfServer, doc: Document, params: T.SemanticTokensRangeParams):
        data = range_tokens(doc.lines.lines, params.range.start.line, params.range.end.line)
        return Raw('{"data":[' + ",".join(map(str, data)) + "]}")

    @server.feature(T.TEXT_DOCUMENT_INLAY_HINT)
    @_on_document(list)
    def on_inlay_hints(ls: PerfServer, doc: Document, params: T.InlayHintParams):
        first, last = _lines_of(doc, params.range)
        out = []
        for h in inlay_hints(doc, first, last, ls.lang, ls.profile_of):
            out.append(
                T.InlayHint(
                    position=_pos(doc.lines.to_lsp(h.line, h.column)),
                    label=h.label,
                    kind=T.InlayHintKind.Type if h.kind == "type" else T.InlayHintKind.Parameter,
                    tooltip=h.tooltip or None,
                )
            )
        return out

    @server.feature(T.TEXT_DOCUMENT_DOCUMENT_LINK)
    @_on_document(list)
    def on_document_links(ls: PerfServer, doc: Document, params: T.DocumentLinkParams):
        caps = ls.client_capabilities.text_document
        links = caps.document_link if caps is not None else None
        tooltips = bool(links is not None and links.tooltip_support)
        out = []
        for link in document_links(doc, lang=ls.lang):
            rng = _range4(doc.lines, (link.line, link.start, link.line, link.end))
            out.append(T.DocumentLink(range=rng, target=link.target, tooltip=link.tooltip if tooltips else None))
        return out

    return server


def serve_stdio(server: PerfServer) -> None:
    """Serve on stdin/stdout until the client sends exit or stdin ends (then quietly: `perflang
    lsp </dev/null` returns at once).  pygls's own stdio reader hands every header line and body
    to a thread and back (three thread switches per message, several milliseconds each on a busy
    machine), and trusts the framing; here stdin is read in blocks by the event loop itself when
    it can watch it (a pipe, a socket, a terminal: what editors give), else by a thread (a regular
    file, /dev/null), and the blocks are framed by framing.Framer."""
    import threading

    from pygls.io_ import StdoutWriter

    async def serve() -> None:
        read = await _stdin_reader(asyncio.get_running_loop())
        server._stop_event = threading.Event()
        server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
        try:
            await _serve(server, read)
        finally:
            server.shutdown()

    try:
        asyncio.run(serve())
    except (BrokenPipeError, KeyboardInterrupt, SystemExit):
        return


BLOCK = 2**16  # bytes read from stdin at a time


async def _stdin_reader(loop):
    """An async function that returns the next block of stdin (b"" at its end)."""
    try:
        fd = sys.stdin.fileno()  # no stdin at all (closed): the stream has ended
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):

        async def ended() -> bytes:
            return b""

        return ended
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd):
        reader = asyncio.StreamReader(limit=BLOCK)
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
            return functools.partial(reader.read, BLOCK)
        except (ValueError, OSError):
            pass
    # a regular file, /dev/null: the event loop cannot watch it (epoll refuses), a thread reads it
    return _ThreadReader(loop, fd)


class _ThreadReader:
    """Blocks of a file descriptor read by a daemon thread, one per call (so a stdin that never
    ends, /dev/zero, is read no faster than it is framed), the thread never waited for at exit
    (an executor's would be: a read that blocks would hold the process after exit)."""

    def __init__(self, loop, fd: int):
        import queue
        import threading

        self.loop, self.fd = loop, fd
        self.requests: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="perflang-lsp-stdin", daemon=True).start()

    def _run(self) -> None:
        while True:
            future = self.requests.get()
            try:
                block = os.read(self.fd, BLOCK)
            except OSError:
                block = b""
            try:
                self.loop.call_soon_threadsafe(_deliver, future, block)
            except RuntimeError:  # the loop has closed: the server is gone
                return
            if not block:
                return

    async def __call__(self) -> bytes:
        future = self.loop.create_future()
        self.requests.put(future)
        return await future


def _deliver(future, block: bytes) -> None:
    if not future.done():
        future.set_result(block)


async def _serve(server: PerfServer, read) -> None:
    """The message loop: blocks from read, framed, each message handled as pygls would (a
    didChange by PerfServer.change), each dropped one logged and, if it was a request, answered
    with an error so that the client does not wait for it."""
    framer = Framer()
    protocol = _FastChanges(server)
    while not server._stop_event.is_set():
        data = await read()
        for item in framer.feed(data) if data else framer.end():
            if isinstance(item, Dropped):
                _dropped(server, item)
                continue
            try:
                message = json.loads(item, object_hook=protocol.structure_message)
                method = getattr(message, "method", None)
                if method == T.SHUTDOWN:
                    await server.settle()  # the checks under way publish first
                elif method == T.EXIT:
                    await asyncio.sleep(0)
                protocol.handle_message(message)
            except Exception as exc:  # noqa: BLE001 - as pygls: log it, the next message is read
                server.log("cannot handle a message: " + traceback.format_exc())
                server.report_server_error(exc, JsonRpcException)
        if not data:
            return


def _dropped(server: PerfServer, dropped: Dropped) -> None:
    server.log(f"a message was dropped: {dropped.reason}")
    try:
        message = json.loads(dropped.skipped)
    except ValueError:
        return
    if isinstance(message, dict) and isinstance(message.get("id"), (int, str)) and "method" in message:
        error = {"code": JsonRpcInvalidRequest.CODE, "message": f"malformed message header: {dropped.reason}"}
        server.protocol._send_data({"jsonrpc": "2.0", "id": message["id"], "error": error})


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
