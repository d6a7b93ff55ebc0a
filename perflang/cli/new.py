"""`perflang new FILE.perf`: the questions (asked on a terminal, else taken as options or left as
placeholders) and the file (the skeleton is perflang/syntax/skeleton.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..forms import PRESETS
from ..messages import cli_text
from ..syntax.skeleton import GOALS, PLACEHOLDERS, skeleton, valid_budget, valid_name
from .localized import LANG_OPTION, Command, FormChoice, argument, form_names, option

__all__ = ["new_cmd", "run_new"]


@click.command(name="new", cls=Command)
@argument("file", type=click.Path(dir_okay=False))
@option("--unit", default=None, help="new.unit")
@option("--project", default=None, help="new.project")
@option("--budget", default=None, help="new.budget")
@option("--form", type=FormChoice(), default=None, help="new.form", help_args=form_names)
@option("--goals", type=click.Choice(["long-term", "annual", "both"]), default=None, help="new.goals")
@LANG_OPTION
def new_cmd(file, unit, project, budget, form, goals, lang):
    from ..diagnostics import language

    answers = {"unit": unit, "project": project, "budget": budget, "form": form, "goals": goals}
    sys.exit(run_new(file, answers, language(lang)))


def _interactive() -> bool:
    return sys.stdin.isatty()


def run_new(file: str, answers: dict, lang: str) -> int:
    """The new command: 0 written, 2 refused (the file exists, a budget that is no number).
    The file is created only if its name is still free after the questions (fileio.create_new):
    what appeared there meanwhile, or a dangling symlink, is left alone (PF908)."""
    from ..fileio import create_new

    path = Path(file)
    if os.path.lexists(path):
        return _exists(file, lang)
    missing = [k for k in PLACEHOLDERS if answers.get(k) is None]
    if missing and _interactive():
        for key in missing:
            answers[key] = _ask(key, lang)
        missing = []
    for key in missing:
        answers[key] = PLACEHOLDERS[key]
    for key in ("unit", "project"):
        answers[key] = answers[key].strip()
        if not valid_name(answers[key]):
            click.echo(cli_text("new.empty", lang, what=cli_text(f"new.what.{key}", lang)), err=True)
            return 2
    if not valid_budget(answers["budget"]):
        click.echo(cli_text("new.bad_budget", lang, budget=answers["budget"]), err=True)
        return 2
    text = skeleton(answers["unit"], answers["project"], answers["budget"], answers["form"], answers["goals"])
    try:
        create_new(path, text)
    except FileExistsError:
        return _exists(file, lang)
    missing = [k for k in missing if k in ("unit", "project", "budget")]  # form, goals: defaults
    if missing:
        shown = cli_text("list", lang).join(cli_text(f"new.what.{k}", lang) for k in missing)
        click.echo(cli_text("new.placeholders", lang, what=shown), err=True)
    click.echo(cli_text("new.written", lang, file=file), err=True)
    return 0


def _exists(file: str, lang: str) -> int:
    """PF908: file exists (a dangling symlink said as such); exit 2."""
    from ..diagnostics import plain
    from ..messages import phrase

    detail = ""
    if os.path.islink(file) and not os.path.exists(file):
        detail = phrase("new.dangling", target=os.readlink(file))
    click.echo(plain("PF908", lang, file=file, detail=detail), nl=False, err=True)
    return 2


def _ask(key: str, lang: str) -> str:
    prompt = cli_text(f"new.ask.{key}", lang)
    if key == "form":
        return click.prompt(prompt, type=click.Choice(list(PRESETS)), default="批复表")
    if key == "goals":
        return click.prompt(prompt, type=click.Choice(GOALS), default="both")
    while True:
        answer = click.prompt(prompt).strip()
        if valid_budget(answer) if key == "budget" else valid_name(answer):
            return answer
        click.echo(
            cli_text("new.bad_budget", lang, budget=answer)
            if key == "budget"
            else cli_text("new.empty", lang, what=cli_text(f"new.what.{key}", lang)),
            err=True,
        )
