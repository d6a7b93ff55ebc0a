"""perflang.entry: the re-check of clean, unchanged files answered without click, the same answer
the click command gives; everything else goes to the click command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cache import CLEAN, VAGUE

from perflang import entry
from perflang.cli import cli
from perflang.workspace import cache as cache_mod
from perflang.workspace import runner


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """clean/ (two clean files), mixed/ (a clean file and one with a warning), checked once
    with the clock ahead, so that the files count as long unchanged."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the project root: the cache lives here
    for name, text in (
        ("clean/a.perf", CLEAN),
        ("clean/b.perf", CLEAN),
        ("mixed/a.perf", CLEAN),
        ("mixed/v.perf", VAGUE),
    ):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    real = cache_mod.time.time_ns
    monkeypatch.setattr(cache_mod.time, "time_ns", lambda: real() + 20 * cache_mod.RACY_NS)
    runner.check_files(runner.collect_files(["clean", "mixed"]), jobs=1)
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_unchanged_files_are_answered_here(folder):
    assert runner.all_clean(["clean"])
    assert runner.all_clean(["clean/a.perf", "--strict", "mixed/a.perf"])


@pytest.mark.parametrize(
    "args",
    [
        ["mixed"],  # a warning to show
        ["clean", "--no-cache"],
        ["clean", "-j", "2"],
        ["clean", "--format", "json"],
        ["clean", "--lang", "en"],
        ["clean", "-h"],
        ["clean", "--"],
        ["-", "clean"],
        ["clean", "missing.perf"],  # click reports it
        [],
        ["--strict"],  # no path: click reports it
        ["new.perf"],  # not in the cache
    ],
)
def test_anything_else_goes_to_the_click_command(folder, args):
    (folder / "new.perf").write_text(CLEAN, encoding="utf-8")
    assert not runner.all_clean(args)


def test_an_edited_file_goes_to_the_click_command(folder):
    (folder / "clean" / "b.perf").write_text(VAGUE, encoding="utf-8")
    assert not runner.all_clean(["clean"])


def test_a_broken_index_goes_to_the_click_command(folder):
    (folder / cache_mod.CACHE_DIR / cache_mod.INDEX_NAME).write_text("{", encoding="utf-8")
    assert not runner.all_clean(["clean"])


_args = st.lists(
    st.sampled_from(
        [
            "clean",
            "clean/a.perf",
            "mixed",
            "mixed/a.perf",
            "mixed/v.perf",
            "missing.perf",
            "--strict",
            "--no-cache",
            "-j",
            "2",
            "--format",
            "json",
            "github",
            "--lang",
            "en",
            "-",
        ]
    ),
    max_size=6,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=_args)
def test_when_answered_here_the_click_command_says_the_same(folder, args):
    if runner.all_clean(args):
        result = CliRunner().invoke(cli, ["check", *args])
        assert (result.exit_code, result.output) == (0, "")


def test_main_answers_without_click_or_hands_over(folder, monkeypatch):
    handed: list = []
    monkeypatch.setattr("perflang.cli.main", lambda argv=None: handed.append(argv))
    with pytest.raises(SystemExit) as done:
        entry.main(["check", "clean"])
    assert done.value.code == 0 and handed == []
    entry.main(["check", "mixed"])
    entry.main(["build", "clean/a.perf"])
    assert handed == [["check", "mixed"], ["build", "clean/a.perf"]]


# what start-up leaves out (docs/performance.md, start-up): the modules of the other commands
# (perflang.cli.COMMANDS, imported when their command runs), the backends and jinja2, the
# scorer and the ids (only a file with a 评分方案 or a weight needs them), hashlib (no digest
# without a cache), and the preset forms' files (read when a 表样 or a form is used: "presets")
OTHER_COMMANDS = [
    f"perflang.cli.{m}" for m in ("new", "build", "evaluate", "monitor", "diff", "importing", "fmt", "web")
]
LATER = [*OTHER_COMMANDS, "perflang.backends", "jinja2", "perflang.scoring.spec", "perflang.contract.ids", "presets"]


@pytest.mark.parametrize(
    "args, code, never",
    [
        (["check", "clean"], 0, ["click", "attr"]),  # answered here
        (["check", "--no-cache", "clean/a.perf"], 0, [*LATER, "hashlib"]),
        (["check", "clean/a.perf", "mixed/v.perf"], 0, LATER),  # a warning shown, the cache written
        (["--help"], 0, [*LATER, "perflang.cli.check", "perflang.forms", "perflang.api"]),
        (["fmt", "--help"], 0, [m for m in LATER if m != "perflang.cli.fmt"]),
    ],
)
def test_a_command_imports_only_what_it_uses(folder, args, code, never):
    watch = (
        "import atexit, sys\n"
        "def seen():\n"
        "    forms = sys.modules.get('perflang.forms')\n"
        "    read = forms is not None and bool(set(vars(forms)) & forms._LAZY)\n"
        f"    print(sorted(m for m in {never!r} if m in sys.modules or (m == 'presets' and read)))\n"
        "atexit.register(seen)\n"
        # `check` ends with os._exit once done (cli.Done), when no atexit handler runs
        "import os\n"
        "_exit = os._exit\n"
        "os._exit = lambda code: (seen(), sys.stdout.flush(), _exit(code))\n"
        f"from perflang.entry import main; main({args!r})"
    )
    done = subprocess.run([sys.executable, "-c", watch], cwd=folder, capture_output=True, text=True)
    assert (done.returncode, done.stdout.splitlines()[-1:]) == (code, ["[]"]), done.stderr
