"""One open document: its text, its positions, its project-by-project checker
(perflang.api.ProjectChecker), and look-ups of the nodes at a line (in the file's line numbers,
whichever unit compiled them)."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..api import ProjectChecker, Unit
from ..config import Config
from ..source import Span, lf
from .positions import Lines

__all__ = ["Document", "Found"]


class Found(NamedTuple):
    kind: str  # "indicator" | "budget" | "goal" | "group" | "project"
    project: object  # the ProjectModel (None when there is no model)
    node: object
    model: object  # IndicatorModel / GoalModel / None
    span: Span  # the node's span in the file's lines
    unit: Unit | None = None


class Document:
    def __init__(self, uri: str, path: str, config: Config | None = None):
        self.uri = uri
        self.path = path
        self.checker = ProjectChecker(path, config)
        self.text = ""
        self.lines = Lines("")
        self.version: int | None = None

    def update(self, text: str, version: int | None = None) -> None:
        text = lf(text)
        self.text, self.version = text, version
        self.lines = Lines(text)

    def check(self):
        return self.checker.check(self.text)

    def diagnostics_between(self, first: int, last: int):
        """The diagnostics on file lines first..last (only the projects there are compiled)."""
        return self.checker.diagnostics_between(self.text, first, last)

    # -- the compiled pieces ----------------------------------------------------------------
    def views(self) -> list[Unit]:
        """The units of the text (each project compiled alone, so that the outline, hover and
        definitions work in the projects without errors while another has one); the whole text
        as one unit when it has no project line."""
        units = self.checker.units_of(self.text)
        if units:
            return units
        whole = self.checker.whole
        return [Unit(1, 0, whole)] if whole is not None else []

    def projects(self) -> Iterator[tuple[Unit, object, object]]:
        """(unit, project node, project model or None) in file order."""
        for unit in self.views():
            doc, model = unit.result.document, unit.result.model
            if doc is None:
                continue
            models = {id(pm.node): pm for pm in model.projects} if model is not None else {}
            for p in doc.projects:
                yield unit, p, models.get(id(p))

    def unit_at(self, line: int) -> Unit | None:
        """The unit holding a file line, compiled now if it is not yet (one project: a request
        is answered while a check of the whole file is still under way)."""
        unit = self.checker.unit(self.text, line)
        if unit is not None:
            return unit
        views = self.views()
        return views[0] if views else None

    def units_between(self, first: int, last: int) -> list[Unit]:
        """The units holding file lines first..last (the whole text's when it has no project
        line), compiled now where need be."""
        return self.checker.units_between(self.text, first, last) or self.views()

    def node_at(self, line: int) -> Found | None:
        """The indicator, budget line, goal, group or project header on a file line."""
        unit = self.unit_at(line)
        if unit is None or unit.result.document is None:
            return None
        at = unit.unit_line(line)
        model = unit.result.model
        models = {id(pm.node): pm for pm in model.projects} if model is not None else {}
        for p in unit.result.document.projects:
            pm = models.get(id(p))
            if p.span.line == at:
                return Found("project", pm, p, pm, unit.file_span(p.span), unit)
            for s in p.settings:
                if s.key == "budget" and s.span.line == at:
                    return Found("budget", pm, s, None, unit.file_span(s.span), unit)
            for g in p.goals:
                gm = next((x for x in pm.goals if x.node is g), None) if pm else None
                if g.span.line == at:
                    return Found("goal", pm, g, gm, unit.file_span(g.span), unit)
                for group in g.groups:
                    if group.span.line == at:
                        return Found("group", pm, group, None, unit.file_span(group.span), unit)
                    for ind in group.indicators:
                        if ind.span.line == at:
                            im = next((i for i in gm.indicators if i.node is ind), None) if gm else None
                            return Found("indicator", pm, ind, im, unit.file_span(ind.span), unit)
        return None
