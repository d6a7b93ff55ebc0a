"""Helpers of the pytest-lsp tests: start `perflang lsp` as an editor would (a subprocess on
stdio pipes), open a document, wait for the diagnostics of a given version."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, make_test_lsp_client

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "ezhou-data-bureau.perf"


def make_client():
    """pytest-lsp's client, also keeping the version of each document's last diagnostics."""
    client = make_test_lsp_client()
    client.diagnostic_versions = {}
    features = client.protocol.fm._features
    recorded = features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(params):
        client.diagnostic_versions[params.uri] = params.version
        return recorded(params)

    features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    client.registrations = []
    client.inlay_refreshes = 0

    @client.feature(T.CLIENT_REGISTER_CAPABILITY)
    def register(params: T.RegistrationParams):
        client.registrations.extend(params.registrations)

    @client.feature(T.WORKSPACE_INLAY_HINT_REFRESH)
    def inlay_refresh(params):
        client.inlay_refreshes += 1

    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "perflang", "lsp"],
    client_factory=make_client,
    # the server's whole environment (pytest-lsp replaces it): no PERFLANG_LANG, and the
    # PYTHONPATH of a checkout run as `PYTHONPATH=$PWD python -m pytest`, so that the server is
    # this checkout's perflang whatever folder a test left as the working folder
    server_env={"PERFLANG_LANG": "", **{k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}},
)


def init_params(locale: str | None = None, options: dict | None = None, root: Path = ROOT) -> T.InitializeParams:
    caps = T.ClientCapabilities(
        workspace=T.WorkspaceClientCapabilities(
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            inlay_hint=T.InlayHintWorkspaceClientCapabilities(refresh_support=True),
            symbol=T.WorkspaceSymbolClientCapabilities(),
            configuration=True,
        ),
        text_document=T.TextDocumentClientCapabilities(
            rename=T.RenameClientCapabilities(prepare_support=True),
            inlay_hint=T.InlayHintClientCapabilities(),
            document_link=T.DocumentLinkClientCapabilities(tooltip_support=True),
            range_formatting=T.DocumentRangeFormattingClientCapabilities(),
            hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown]),
            document_symbol=T.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            publish_diagnostics=T.PublishDiagnosticsClientCapabilities(version_support=True, related_information=True),
            code_action=T.CodeActionClientCapabilities(
                code_action_literal_support=T.ClientCodeActionLiteralOptions(
                    code_action_kind=T.ClientCodeActionKindOptions(
                        value_set=[T.CodeActionKind.QuickFix, T.CodeActionKind.SourceFixAll]
                    )
                )
            ),
            completion=T.CompletionClientCapabilities(),
            semantic_tokens=T.SemanticTokensClientCapabilities(
                requests=T.ClientSemanticTokensRequestOptions(
                    full=T.ClientSemanticTokensRequestFullDelta(delta=True), range=True
                ),
                token_types=[],
                token_modifiers=[],
                formats=[T.TokenFormat.Relative],
            ),
        ),
    )
    return T.InitializeParams(
        capabilities=caps, locale=locale, initialization_options=options, root_uri=root.as_uri(), process_id=None
    )


async def diagnostics_for(client, uri: str, version: int, timeout: float = 30) -> list[T.Diagnostic]:
    """The diagnostics the server publishes for uri at version (waits for them)."""

    async def wait():
        while True:
            got = client.diagnostics.get(uri)
            if got is not None and client.diagnostic_versions.get(uri) == version:
                return got
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), timeout)


def open_doc(client, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        T.DidOpenTextDocumentParams(
            text_document=T.TextDocumentItem(uri=uri, language_id="perf", version=version, text=text)
        )
    )


def change(client, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                T.TextDocumentContentChangePartial(
                    range=T.Range(
                        start=T.Position(line=start[0], character=start[1]),
                        end=T.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
