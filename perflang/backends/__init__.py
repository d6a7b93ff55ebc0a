"""Backends: one record per output format.  The CLI's --to choices come from this registry;
each backend module is imported only when it is used (start-up stays fast)."""

from __future__ import annotations

from importlib import import_module

from attrs import frozen

__all__ = ["Backend", "BACKENDS", "get"]


@frozen
class Backend:
    name: str
    suffix: str
    description: str
    target: str  # "module:function"; the function is render(model, **options) -> str | bytes
    binary: bool = False
    options: tuple[str, ...] = ()  # the command-line options render() takes (e.g. "form")

    def render(self, model, **options):
        module, _, func = self.target.partition(":")
        return getattr(import_module(module), func)(model, **options)


BACKENDS: dict[str, Backend] = {
    b.name: b
    for b in (
        Backend("json", ".json", "the checked model as JSON (perflang/1)", "perflang.backends.json:render"),
        Backend(
            "html",
            ".html",
            "the printable approval/declaration table (HTML)",
            "perflang.backends.html:render",
            options=("form",),
        ),
        Backend(
            "pdf", ".pdf", "the printable table as PDF", "perflang.backends.pdf:render", options=("form",), binary=True
        ),
        Backend(
            "tsv",
            ".tsv",
            "the text export of the form (tab-separated)",
            "perflang.backends.tsv:render",
            options=("form",),
        ),
        Backend(
            "xlsx",
            ".xlsx",
            "an Excel workbook laid out as the approval form",
            "perflang.backends.xlsx:render",
            options=("form",),
            binary=True,
        ),
        Backend(
            "docx",
            ".docx",
            "a Word document laid out as the approval form",
            "perflang.backends.docx:render",
            options=("form",),
            binary=True,
        ),
        Backend(
            "python", ".py", "a stand-alone evaluator module (standard library only)", "perflang.backends.python:render"
        ),
    )
}


def get(name: str) -> Backend:
    return BACKENDS[name]
