"""perflang check on the command line: exit codes, formats, languages, --strict, and a zoo of bad
inputs that must each give a diagnostic and never a traceback."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from test_checker_codes import CLEAN, with_line

from perflang.cli import cli

WARNED = with_line("人数: 3人")  # PF403 (missing comparator) at 5:11, nothing else
BROKEN = with_line("人数 ≥3人")  # PF104 (missing colon) at 5:7


def run(*args, env=None):
    result = CliRunner().invoke(cli, ["check", "--no-cache", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return name

    return write


def test_seed_example_passes():
    assert run(str(SEED_EXAMPLE)).exit_code == 0


def test_exit_codes(write):
    assert run(write("clean.perf", CLEAN)).exit_code == 0
    assert run(write("warned.perf", WARNED)).exit_code == 0
    assert run("--strict", "warned.perf").exit_code == 1
    assert run("--strict", "clean.perf").exit_code == 0
    assert run(write("broken.perf", BROKEN)).exit_code == 1
    assert run("no-such-file.perf").exit_code == 2


def test_a_folder_is_checked_file_by_file(write):
    write("d/a.perf", CLEAN)
    write("d/sub/b.perf", BROKEN)
    write("d/notes.txt", "不是 perf 文件 {")
    result = run("d")
    assert result.exit_code == 1
    assert "d/sub/b.perf:5:7: error[PF104]" in result.output
    assert "notes.txt" not in result.output


def test_text_format_lines_up_the_caret_under_chinese(write):
    out = run(write("w.perf", WARNED)).output.splitlines()
    assert out[0] == "w.perf:5:11: warning[PF403]: 指标值“3人”缺少比较符号"
    assert out[1] == "   5 |       人数: 3人"
    # 6 spaces + 人数 (two double-width characters) + ": " = 12 columns; 3人 is 3 columns wide
    assert out[2] == "     | " + " " * 12 + "^^^"
    assert out[3] == "  = 提示: 写明方向，例如 ≥3人"
    assert out[-1] == "共 0 个错误，1 个警告"


def test_json_format_carries_position_and_path(write):
    data = json.loads(run("--format", "json", write("w.perf", WARNED)).output)
    assert data == [
        {
            "code": "PF403",
            "severity": "warning",
            "message": "指标值“3人”缺少比较符号",
            "hint": "写明方向，例如 ≥3人",
            "file": "w.perf",
            "line": 5,
            "column": 11,
            "end_line": 5,
            "end_column": 13,
            "path": {"project": "测试", "goal": "年度目标1", "name": "人数"},
            "notes": [],
            "fix": [{"line": 5, "column": 11, "end_line": 5, "end_column": 13, "text": "≥3人"}],
        }
    ]


def test_github_format(write):
    out = run("--format", "github", write("b.perf", BROKEN)).output
    assert out.startswith("::error file=b.perf,line=5,col=7,endLine=5,endColumn=13,title=PF104::")
    assert out.count("\n") == 1  # one annotation per line: the hint is %0A-escaped
    assert "%0A" in out


def test_english_by_option_and_by_environment(write):
    write("w.perf", WARNED)
    by_option = run("--lang", "en", "w.perf").output
    by_env = run("w.perf", env={"PERFLANG_LANG": "en"}).output
    assert by_option == by_env
    assert "w.perf:5:11: warning[PF403]: target '3人' has no comparator" in by_option
    assert "= help: state the direction, e.g. ≥3人" in by_option
    assert by_option.endswith("0 error(s), 1 warning(s)\n")


def test_crlf_and_bom_keep_positions(write):
    data = b"\xef\xbb\xbf" + WARNED.replace("\n", "\r\n").encode("utf-8")
    out = run(write("crlf.perf", data)).output
    assert out.startswith("crlf.perf:5:11: warning[PF403]")


def _zoo() -> dict[str, tuple[bytes, str]]:
    """name -> (file content, a code the check must report)."""
    seed = SEED_EXAMPLE.read_bytes()
    cut = seed.index("政务".encode()) + 1  # inside the first byte sequence of 政
    rng = random.Random(20241127)
    garbage = "".join(rng.choice('项目{}:："#/ \n预算abc1同｛') for _ in range(5000)).encode()
    return {
        "gbk": (seed.decode("utf-8").encode("gb18030"), "PF001"),
        "binary": (bytes(range(256)) * 4, "PF002"),
        "xlsx": (b"PK\x03\x04" + bytes(200), "PF002"),
        "utf16": (seed.decode("utf-8").encode("utf-16"), "PF007"),
        "invalid-utf8": (seed[:100] + b"\xff\xfe\xfd" + seed[100:], "PF005"),
        "truncated-in-character": (seed[:cut], "PF006"),
        "truncated": (seed[: seed.index("产出 / 质量".encode())], "PF103"),
        "truncated-after-a-keyword": (seed[: seed.index("项目 援疆".encode()) + 6], "PF105"),
        "huge-line": (b"\xe9\xa1\xb9" * 350_000 + b" {\n", "PF105"),
        "deep-braces": (b"{" * 100_000, "PF105"),
        "deep-braces-in-a-project": (b"\xe9\xa1\xb9\xe7\x9b\xae x {\n" + b"{\n" * 20_000, "PF105"),
        "garbage": (garbage, "PF1"),
        "only-newlines": (b"\r\n" * 1000 + b"\r", "PF003"),
    }


ZOO = _zoo()


@pytest.mark.parametrize("name", sorted(ZOO))
def test_bad_input_gives_a_diagnostic(name, write):
    data, code = ZOO[name]
    result = run(write(f"{name}.perf", data))
    assert "Traceback" not in result.output
    assert f"[{code}" in result.output
    assert result.exit_code == (0 if code == "PF003" else 1)
    assert len(result.output) < 20_000  # a huge line is shown as a window, not in full


def test_the_installed_command_never_prints_a_traceback(write):
    """The real process, on every zoo file at once (one interpreter start)."""
    names = [write(f"{n}.perf", data) for n, (data, _) in ZOO.items()]
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "check", "--no-cache", *names],
        capture_output=True,
        env={**os.environ, "PERFLANG_DEBUG": ""},
    )
    assert b"Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert all(f"{n}.perf:" in out for n in ZOO)


@pytest.mark.parametrize("strict", [False, True])
def test_the_process_ends_with_all_its_output_and_its_exit_code(write, strict):
    """`check` ends its process at once (cli.Done: no interpreter clean-up): everything it
    printed is there, to a pipe or a file, and the exit code is the command's."""
    names = [write(f"w{k}.perf", WARNED) for k in range(60)] + [write("b.perf", BROKEN)]
    args = ["check", "--no-cache", "--format", "json", *(["--strict"] if strict else []), *names]
    expected = CliRunner().invoke(cli, args)
    env = {**os.environ, "PERFLANG_DEBUG": ""}
    piped = subprocess.run([sys.executable, "-m", "perflang", *args], capture_output=True, env=env)
    with open("out.json", "wb") as out:
        to_file = subprocess.run([sys.executable, "-m", "perflang", *args], stdout=out, env=env)
    written = open("out.json", "rb").read()
    assert piped.returncode == to_file.returncode == expected.exit_code == 1
    assert piped.stdout == written == expected.output.encode("utf-8")
    assert len(json.loads(written)) > 60  # a diagnostic of every file
    clean = subprocess.run([sys.executable, "-m", "perflang", "check", "--no-cache", write("c.perf", CLEAN)], env=env)
    assert clean.returncode == 0


def test_an_output_that_cannot_be_written_is_said(write):
    name = write("w.perf", WARNED)
    with open(os.devnull if not os.path.exists("/dev/full") else "/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "perflang", "check", "--no-cache", name], stdout=full, stderr=subprocess.PIPE
        )
    if os.path.exists("/dev/full"):
        assert done.returncode == 2 and b"PF904" in done.stderr  # not lost by the quick exit
    else:
        assert done.returncode == 0


def test_build_refuses_a_file_with_errors(write):
    result = CliRunner().invoke(cli, ["build", write("b.perf", BROKEN), "--to", "json"])
    assert result.exit_code == 1
    assert "error[PF104]" in result.output
    assert '"format"' not in result.output


def test_a_file_level_diagnostic_shows_no_source_line(write):
    write("perflang.toml", "ignore = [PF408\n")
    out = run(write("c.perf", CLEAN)).output
    assert out.startswith("c.perf:1:1: warning[PF008]: 配置文件 ")
    assert "   1 | " not in out


def test_github_escapes_the_file_property(write):
    out = run("--format", "github", write("a,b:c.perf", WARNED)).output
    assert out.startswith("::warning file=a%2Cb%3Ac.perf,line=5,col=11,")


def test_a_folder_without_perf_files_is_said(tmp_path):
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0
    assert "没有找到 .perf 文件" in result.stderr
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--lang", "en", str(tmp_path)])
    assert "no .perf file found" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a file name that is not UTF-8 is a POSIX thing")
@pytest.mark.parametrize("encoding", [None, "utf-8", "gbk", "ascii"])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_escaped(tmp_path, encoding, fmt):
    """A name of bytes that are not UTF-8 (an archive from a GBK machine) is checked and shown
    as b\\xff\\xfe.perf, whatever PYTHONIOENCODING says (an internal error, exit 2, before)."""
    name = b"b\xff\xfe.perf"
    (tmp_path / os.fsdecode(name)).write_bytes(WARNED.encode())
    env = {**os.environ, "PERFLANG_DEBUG": "", "PERFLANG_LANG": "en" if encoding == "ascii" else "zh"}
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "check", "--no-cache", "--format", fmt, name],
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    shown = rb"b\\xff\\xfe.perf" if fmt == "json" else rb"b\xff\xfe.perf"  # ASCII: alike in every encoding
    assert shown in done.stdout and b"PF403" in done.stdout, done.stdout
    if fmt == "json":  # (click writes UTF-8 where the encoding is ascii)
        out = done.stdout.decode("gbk" if encoding == "gbk" else "utf-8")
        assert json.loads(out)[0]["file"] == "b\\xff\\xfe.perf"
