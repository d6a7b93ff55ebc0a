"""The Chinese guide (docs/zh/) cannot silently rot: every command it shows is run.

Every line starting with `perflang ` in a ```sh block of docs/zh/*.md is a command. For each
guide page, in page order, in a fresh folder holding a copy of `examples/` and of the guide's
own sample files (`docs/zh/examples/`, copied both under that path and at the top level, where
the guide tells the reader to save them):

- every file the command reads (its positional paths, `--actuals`, a `--profile` that is a
  path) exists in the repository (at that path, or among the guide's sample files) or was
  written by an earlier command of the same page (`-o`);
- the command runs (`python -m perflang …`, so the installed entry point is not needed) and
  exits 0, or 1 where the page shows its output with an `error[` in it; never 2 (a usage error:
  an unknown option, a missing file) or a traceback;
- where a ```text block follows the ```sh block directly, it is the output of the block's last
  command (stderr, then stdout, as a terminal shows them) and must equal the real output line
  for line; a line `……` in it stands for any number of lines;
- every `-o` output file is written and not empty;
- a block right after a line `<!-- 文件: PATH -->` shows the file PATH as it is once the page's
  commands have run (a sample file, or one a command wrote).

Every ```perf block outside 常见错误.md that is a whole file (it has a `项目` line and no elided
`……` line) checks without errors.

Images named in the pages must exist under docs/zh/img/ and be under 300 KB.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "docs" / "zh"
SAMPLES = ZH / "examples"
PAGES = sorted(ZH.glob("*.md"))

# options that take a value, per the CLI (docs/cli.md)
VALUE_OPTIONS = {
    "--to",
    "-o",
    "--output",
    "--form",
    "--format",
    "--lang",
    "-j",
    "--jobs",
    "--actuals",
    "-a",
    "--profile",
    "-p",
    "--unit",
    "--project",
    "--budget",
    "--goals",
    "--progress",
    "--month",
}
INPUT_OPTIONS = {"--actuals", "-a", "--profile", "-p", "--progress"}
OUTPUT_OPTIONS = {"-o", "--output"}
ELLIPSIS = "……"


@dataclass
class Command:
    page: str
    line: int
    text: str
    args: list[str]
    expected: list[str] | None = None  # the output shown after the block, if any
    inputs: list[str] = field(default_factory=list)
    output: str | None = None


def _blocks(text: str):
    """(language, first line number, body lines, line after the block) of each fenced block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(1), i + 1
        j = start
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        yield lang, start + 1, lines[start:j], j + 1
        i = j + 1


def parse_page(page: Path) -> list[Command]:
    text = page.read_text(encoding="utf-8")
    blocks = list(_blocks(text))
    lines = text.split("\n")
    commands: list[Command] = []
    for k, (lang, first, body, after) in enumerate(blocks):
        if lang != "sh":
            continue
        block_cmds: list[Command] = []
        logical, start = "", None
        for n, raw in enumerate(body, first):
            if start is None:
                start = n
            logical += raw.rstrip()
            if logical.endswith("\\"):
                logical = logical[:-1] + " "
                continue
            stripped = logical.strip()
            if stripped.startswith("perflang "):
                args = shlex.split(stripped, comments=True)
                block_cmds.append(Command(page.name, start, stripped, args[1:]))
            logical, start = "", None
        # a ```text block right after (only blank lines between) is the last command's output
        if block_cmds and k + 1 < len(blocks):
            nlang, nfirst, nbody, _ = blocks[k + 1]
            between = lines[after : nfirst - 2]
            if nlang == "text" and all(not s.strip() for s in between):
                block_cmds[-1].expected = nbody
        commands.extend(block_cmds)
    for cmd in commands:
        _classify(cmd)
    return commands


MARKER = re.compile(r"^<!-- 文件: (.+?) -->$")


def file_blocks(page: Path) -> list[tuple[str, int, list[str]]]:
    """(path, line, body) of each block marked `<!-- 文件: PATH -->` on the line before it."""
    lines = page.read_text(encoding="utf-8").split("\n")
    found = []
    for _lang, first, body, _after in _blocks("\n".join(lines)):
        k = first - 3  # the 0-based index of the line before the opening fence
        while k >= 0 and not lines[k].strip():
            k -= 1
        m = MARKER.match(lines[k].strip()) if k >= 0 else None
        if m:
            found.append((m.group(1), first, body))
    return found


def perf_blocks(page: Path) -> list[tuple[int, list[str]]]:
    """(line, body) of the ```perf blocks that are whole files."""
    return [
        (first, body)
        for lang, first, body, _ in _blocks(page.read_text(encoding="utf-8"))
        if lang == "perf"
        and any(b.startswith(("项目 ", "project ")) for b in body)
        and not any(b.strip() == ELLIPSIS for b in body)
    ]


def _classify(cmd: Command) -> None:
    args = cmd.args
    i = 1  # args[0] is the subcommand
    while i < len(args):
        a = args[i]
        if a in VALUE_OPTIONS:
            value = args[i + 1] if i + 1 < len(args) else None
            if a in OUTPUT_OPTIONS:
                cmd.output = value
            elif a in INPUT_OPTIONS and value is not None and ("/" in value or "." in value):
                cmd.inputs.append(value)
            i += 2
            continue
        if not a.startswith("-"):
            if args[0] == "new":  # perflang new FILE writes FILE
                cmd.output = a
            else:
                cmd.inputs.append(a)
        i += 1


ALL = [cmd for page in PAGES for cmd in parse_page(page)]


def test_the_guide_exists_and_shows_commands():
    names = {p.name for p in PAGES}
    for name in ("README.md", "快速上手.md", "语法.md", "常见错误.md", "自评.md", "导入与导出.md"):
        assert name in names, f"docs/zh/{name} is missing"
    pages_with_commands = {c.page for c in ALL}
    for name in ("快速上手.md", "常见错误.md", "自评.md", "导入与导出.md"):
        assert name in pages_with_commands, f"docs/zh/{name} shows no perflang command"
    assert sum(c.expected is not None for c in ALL) >= 8, "the guide should show real output"


def test_the_parser_finds_commands_outputs_and_continuations(tmp_path):
    page = tmp_path / "t.md"
    page.write_text(
        "说明\n\n```sh\npip install .\nperflang check a.perf   # 注释\n"
        "perflang eval a.perf --actuals b.csv \\\n    --to html -o c.html\n```\n\n"
        "```text\n输出\n```\n\n```sh\nperflang build a.perf --to json\n```\n"
        "正文\n```text\n不是输出\n```\n",
        encoding="utf-8",
    )
    cmds = parse_page(page)
    assert [c.args for c in cmds] == [
        ["check", "a.perf"],
        ["eval", "a.perf", "--actuals", "b.csv", "--to", "html", "-o", "c.html"],
        ["build", "a.perf", "--to", "json"],
    ]
    assert [c.expected for c in cmds] == [None, ["输出"], None]
    assert cmds[1].inputs == ["a.perf", "b.csv"] and cmds[1].output == "c.html"
    assert cmds[0].line == 5 and cmds[1].line == 6


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Line-for-line equality; an ELLIPSIS line matches any run of lines (also none)."""
    exp = [e.rstrip() for e in expected]
    act = [a.rstrip() for a in actual]

    def go(i: int, j: int) -> bool:
        if i == len(exp):
            return j == len(act)
        if exp[i] == ELLIPSIS:
            return any(go(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and exp[i] == act[j] and go(i + 1, j + 1)

    return go(0, 0)


def test_matches_is_strict_apart_from_the_ellipsis():
    assert _matches(["a", "b"], ["a", "b"])
    assert not _matches(["a", "b"], ["a", "b", "c"])
    assert not _matches(["a", "x"], ["a", "b"])
    assert _matches(["a", ELLIPSIS, "d"], ["a", "b", "c", "d"])
    assert _matches(["a", ELLIPSIS, "b"], ["a", "b"])
    assert not _matches(["a", ELLIPSIS, "d"], ["a", "b", "c"])


def _needs_browser(cmd: Command) -> bool:
    return "pdf" in cmd.args and ("--to" in cmd.args)


def _browser() -> str | None:
    found = os.environ.get("PERFLANG_CHROMIUM") or next(
        (
            shutil.which(n)
            for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
            if shutil.which(n)
        ),
        None,
    )
    return found


def _workdir(tmp: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp / "examples")
    shutil.copytree(SAMPLES, tmp / "docs" / "zh" / "examples")
    for f in SAMPLES.iterdir():
        if f.is_file():
            shutil.copy2(f, tmp / f.name)
    return tmp


def _exists_in_repo(path: str) -> bool:
    return (ROOT / path).exists() or (SAMPLES / path).exists()


@pytest.mark.parametrize("page", [p.name for p in PAGES if any(c.page == p.name for c in ALL) or file_blocks(p)])
def test_every_command_of_the_page_runs_as_shown(page, tmp_path):
    work = _workdir(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PERFLANG_LANG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    written: set[str] = set()
    skipped = []
    for cmd in (c for c in ALL if c.page == page):
        where = f"docs/zh/{cmd.page}:{cmd.line}: {cmd.text}"
        for path in cmd.inputs:
            assert _exists_in_repo(path) or path in written, (
                f"{where}\n  names {path}, which is neither in the repository nor written before"
            )
        if _needs_browser(cmd) and _browser() is None:
            if os.environ.get("CI") == "true":
                pytest.fail(f"{where}\n  needs Chromium, which CI must install")
            skipped.append(cmd.text)
            if cmd.output:
                written.add(cmd.output)
            continue
        proc = subprocess.run(
            [sys.executable, "-m", "perflang", *cmd.args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        out = proc.stderr + proc.stdout
        assert "Traceback" not in out, f"{where}\n{out}"
        wants_error = cmd.expected is not None and any("error[" in e for e in cmd.expected)
        assert proc.returncode == (1 if wants_error else 0), (
            f"{where}\n  exit {proc.returncode}, expected {1 if wants_error else 0}\n{out}"
        )
        if cmd.expected is not None:
            actual = out.rstrip("\n").split("\n") if out else []
            assert _matches(cmd.expected, actual), (
                f"{where}\n  the output shown in the guide differs from the real output:\n"
                + "--- guide\n"
                + "\n".join(cmd.expected)
                + "\n--- real\n"
                + "\n".join(actual)
            )
        if cmd.output:
            target = work / cmd.output
            made = (target.is_file() and target.stat().st_size > 0) or (
                target.is_dir() and any(f.stat().st_size > 0 for f in target.iterdir())
            )
            assert made, f"{where}\n  wrote no {cmd.output}"
            written.add(cmd.output)
    for path, line, body in file_blocks(ZH / page):
        shown = work / path
        assert shown.is_file(), f"docs/zh/{page}:{line}: shows {path}, which no command wrote"
        real = shown.read_text(encoding="utf-8").rstrip("\n").split("\n")
        assert body == real, (
            f"docs/zh/{page}:{line}: the block differs from {path}:\n--- guide\n"
            + "\n".join(body)
            + "\n--- real\n"
            + "\n".join(real)
        )
    if skipped:
        pytest.skip("no Chromium for: " + "; ".join(skipped))


@pytest.mark.parametrize("page", [p.name for p in PAGES if p.name != "常见错误.md" and perf_blocks(p)])
def test_every_whole_perf_file_shown_checks_without_errors(page, tmp_path):
    files = []
    for line, body in perf_blocks(ZH / page):
        f = tmp_path / f"line{line}.perf"
        f.write_text("\n".join(body) + "\n", encoding="utf-8")
        files.append(f.name)
    env = {k: v for k, v in os.environ.items() if k != "PERFLANG_LANG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-m", "perflang", "check", "--no-cache", "--format", "json", *files],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    errors = [d for d in json.loads(proc.stdout) if d["severity"] == "error"]
    assert not errors, f"docs/zh/{page}: a whole .perf file shown has errors (file lineN = block at line N): {errors}"
    assert proc.returncode == 0, proc.stderr


IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_every_picture_exists_and_is_small(page):
    for ref in IMAGE.findall((ZH / page).read_text(encoding="utf-8")):
        img = (ZH / ref).resolve()
        assert img.is_file(), f"docs/zh/{page} shows {ref}, which does not exist"
        assert img.suffix == ".png" and img.stat().st_size < 300_000, f"{ref}: a PNG under 300 KB"


@pytest.mark.parametrize("page", [p.name for p in PAGES])
def test_every_link_between_pages_resolves(page):
    for ref in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", (ZH / page).read_text(encoding="utf-8")):
        assert (ZH / ref).resolve().is_file(), f"docs/zh/{page} links to {ref}, which does not exist"


def test_the_readme_points_to_the_guide_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 1)[0]
    assert "docs/zh/README.md" in head, "the README's opening must point to the Chinese guide"
