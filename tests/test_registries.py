"""The docs' lists of what a registry holds are held to it (issue 20: registries found, not
kept): the --to formats of `build` and `eval` in docs/cli.md are the backend registry's
(perflang/backends/__init__.py), and its help lists the same.  (The preset forms and the
profiles have theirs in tests/test_forms.py and tests/test_profiles.py.)"""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from perflang.backends import BACKENDS, EVAL_BACKENDS
from perflang.cli import cli

CLI_MD = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split("\n")


def _synopsis(command: str) -> list[str]:
    """The --to formats of the command's first synopsis line that lists them all."""
    line = next(x for x in CLI_MD if x.startswith(f"perflang {command} ") and re.search(r"--to \w+\|\w+\|\w+", x))
    return re.search(r"--to ([\w|]+)", line)[1].split("|")


def test_the_docs_synopses_list_the_formats_of_the_registry():
    assert _synopsis("build") == list(BACKENDS)
    assert sorted(_synopsis("eval")) == sorted(EVAL_BACKENDS)


def test_the_help_lists_the_formats_of_the_registry():
    for command, registry in (("build", BACKENDS), ("eval", EVAL_BACKENDS)):
        shown = CliRunner().invoke(cli, [command, "--help", "--lang", "en"]).output.replace("\n", "").replace(" ", "")
        assert f"[{'|'.join(registry)}]" in shown, (command, shown)
