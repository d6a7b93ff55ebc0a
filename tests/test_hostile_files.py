"""The files a .perf names and the files perflang writes, attacked (issue 24, "The audit", items
5 and 7): a form file or a scoring profile that is a FIFO or a link to /dev/zero is refused at
once with a coded message (never waited on, never read into memory), in check, build and eval;
`-o -` is standard output; `-o` over a file with other hard links never leaves a half-written
file, also when interrupted; `perflang new` creates its file only if nothing took the name
meanwhile, and never replaces a dangling symlink.

Every case ran against the main branch before the fix (see the commit messages): the FIFO ones
hung until the timeout, /dev/zero grew until MemoryError, the interrupted hard-linked output
held the new head and the old tail."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_EXAMPLE
from hostile import run, run_python, write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and ptys are POSIX")

# a clean document; {setting} is its first line
DOC = """{setting}
项目 测试 {{
  预算 100
  年度目标 1 "目标" {{
    产出 / 数量 {{
      人数: ≥3人
    }}
    效益 / 社会效益 {{
      影响: 达标
    }}
    满意度 / 满意度 {{
      群众满意度: ≥95%
    }}
  }}
}}
"""
ACTUALS = {
    "format": "perflang-actuals/1",
    "projects": {"测试": {"indicators": {"人数": "3人", "影响": "达成", "群众满意度": "96%"}}},
}

# generous bounds for what took minutes and gigabytes before (a refusal takes well under 1 s)
SECONDS, MEGABYTES = 20, 200


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


SPECIAL = {"fifo": _fifo, "dev-zero": _zero}


def _bounded(got) -> None:
    assert not got.timed_out, f"still running after {got.seconds:.0f} s: {got.stderr[-300:]}"
    assert got.seconds < SECONDS and got.peak_mb < MEGABYTES, (got.seconds, got.peak_mb)
    assert "Traceback" not in got.stderr and "MemoryError" not in got.stderr


# -- form files and profiles: regular files of bounded size only -------------------------------


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_form_file_that_is_special_is_refused_at_once(tmp_path, kind, command):
    SPECIAL[kind](tmp_path / "form.toml")
    src = write(tmp_path / "x.perf", DOC.format(setting='表样 "form.toml"'))
    args = ["check", "--no-cache", src] if command == "check" else ["build", src, "--to", "html", "-o", "x.html"]
    got = run(*args, cwd=tmp_path, timeout=60)
    _bounded(got)
    said = got.stdout + got.stderr  # check prints to stdout, build to stderr
    assert got.returncode == 1, said
    assert "PF108" in said
    assert ("管道" if kind == "fifo" else "字符设备") in said  # PF907, quoted in PF108
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_form_option_that_is_special_is_a_usage_error(tmp_path, kind):
    SPECIAL[kind](tmp_path / "form.toml")
    src = write(tmp_path / "x.perf", DOC.format(setting=""))
    got = run("build", src, "--to", "html", "--form", "form.toml", cwd=tmp_path, timeout=60)
    _bounded(got)
    assert got.returncode == 2 and "不是普通文件" in got.stderr, got.stderr


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("command", ["check", "eval"])
def test_a_profile_that_is_special_is_refused_at_once(tmp_path, kind, command):
    SPECIAL[kind](tmp_path / "p.toml")
    src = write(tmp_path / "x.perf", DOC.format(setting='评分方案 "p.toml"'))
    (tmp_path / "a.json").write_text(json.dumps(ACTUALS, ensure_ascii=False), encoding="utf-8")
    args = ["check", "--no-cache", src] if command == "check" else ["eval", src, "--actuals", "a.json"]
    got = run(*args, cwd=tmp_path, timeout=60)
    _bounded(got)
    said = got.stdout + got.stderr
    assert got.returncode in (1, 2) and "不是普通文件" in said, said


def test_a_profile_option_that_is_dev_zero_is_refused(tmp_path):
    _zero(tmp_path / "p.toml")
    src = write(tmp_path / "x.perf", DOC.format(setting=""))
    (tmp_path / "a.json").write_text(json.dumps(ACTUALS, ensure_ascii=False), encoding="utf-8")
    got = run("eval", src, "--actuals", "a.json", "--profile", "p.toml", cwd=tmp_path, timeout=60)
    _bounded(got)
    assert got.returncode in (1, 2) and "PF512" in got.stderr and "不是普通文件" in got.stderr, got.stderr


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_in_a_profiles_folder_is_passed_over(tmp_path, kind):
    """A FIFO or a link to /dev/zero named *.toml in a PERFLANG_PROFILES folder: the profiles
    found (eval's help, --profile's names) pass it over at once (before: eval --help waited on
    the FIFO for ever); the folder's real profile is still found."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    SPECIAL[kind](folder / "x.toml")
    (folder / "anhui.toml").write_text('name = "anhui"\naliases = ["安徽"]\n', encoding="utf-8")
    got = run("eval", "--help", cwd=tmp_path, env={**os.environ, "PERFLANG_PROFILES": str(folder)}, timeout=60)
    _bounded(got)
    shown = got.stdout.replace("\n", "").replace(" ", "")
    assert got.returncode == 0 and ("安徽" in shown or "anhui" in shown), got.stdout


def test_a_perflang_toml_of_two_gigabytes_is_not_read(tmp_path):
    with open(tmp_path / "perflang.toml", "wb") as f:
        f.truncate(2 * 2**30)  # sparse: no disk used, 2 GiB of zero bytes to whoever reads it
    src = write(tmp_path / "x.perf", DOC.format(setting=""))
    got = run("check", "--no-cache", src, cwd=tmp_path, timeout=60)
    _bounded(got)
    assert got.returncode == 0 and "PF008" in got.stdout and "too large" in got.stdout, got.stdout


def test_read_regular_refuses_what_is_not_a_small_regular_file(tmp_path):
    from perflang.fileio import InputError, read_regular

    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * 2**20 + b"\n")
    with pytest.raises(InputError) as e:
        read_regular(big)
    assert e.value.code == "PF907"
    for name, make in SPECIAL.items():
        with pytest.raises(InputError) as e:
            read_regular(make(tmp_path / name))
        assert e.value.code == "PF907"
    with pytest.raises(InputError) as e:
        read_regular(tmp_path)
    assert e.value.code == "PF907" and "文件夹" in e.value.message("zh") and "folder" in e.value.message("en")
    link = tmp_path / "link.toml"
    link.symlink_to(write(tmp_path / "real.toml", "a = 1\n"))
    assert read_regular(link) == b"a = 1\n"  # a link to a regular file is read
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "none.toml")


def test_a_proc_file_that_says_size_zero_is_counted_while_read(tmp_path):
    # /proc files declare size 0: the limit holds on what is read, not on what stat says
    from perflang.fileio import InputError, read_regular

    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(InputError) as e:
        read_regular("/proc/self/maps", limit=16)
    assert e.value.code == "PF907"


# -- -o - and binary output -----------------------------------------------------------------------


def test_dash_o_dash_is_standard_output(tmp_path):
    got = run("build", SEED_EXAMPLE, "--to", "json", "-o", "-", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["format"].startswith("perflang")
    assert not (tmp_path / "-").exists()


def test_eval_and_import_dash_o_dash_is_standard_output(tmp_path):
    src = write(tmp_path / "x.perf", DOC.format(setting=""))
    (tmp_path / "a.json").write_text(json.dumps(ACTUALS, ensure_ascii=False), encoding="utf-8")
    got = run("eval", src, "--actuals", "a.json", "--to", "json", "-o", "-", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)
    exported = run("build", src, "--to", "tsv", cwd=tmp_path).stdout
    write(tmp_path / "t.txt", exported)
    got = run("import", "t.txt", "-o", "-", cwd=tmp_path)
    assert got.returncode == 0 and "项目 测试" in got.stdout, got.stderr
    assert not (tmp_path / "-").exists()


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, bytes]:
    """Run perflang with stdout (and stderr) on a pseudo-terminal: exit code and what it printed."""
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "perflang", *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=cwd
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif child.poll() is not None:
            break
    os.close(master)
    return child.wait(30), out


@pytest.mark.parametrize("target", ["xlsx", "docx"])
@pytest.mark.parametrize("dash", [False, True])
def test_binary_formats_are_refused_on_a_terminal(tmp_path, target, dash):
    code, out = _on_a_terminal(["build", str(SEED_EXAMPLE), "--to", target, *(["-o", "-"] if dash else [])], tmp_path)
    assert code == 2 and b"-o" in out and b"PK\x03\x04" not in out, out[-400:]
    assert not (tmp_path / "-").exists()


def test_eval_binary_formats_are_refused_on_a_terminal(tmp_path):
    src = write(tmp_path / "x.perf", DOC.format(setting=""))
    (tmp_path / "a.json").write_text(json.dumps(ACTUALS, ensure_ascii=False), encoding="utf-8")
    code, out = _on_a_terminal(["eval", str(src), "--actuals", "a.json", "--to", "xlsx", "-o", "-"], tmp_path)
    assert code == 2 and b"PK\x03\x04" not in out, out[-400:]


# -- -o over a file with other hard links ---------------------------------------------------------

# render_chunks yields a few pieces of the new JSON, then the user presses Ctrl-C
INTERRUPTED_JSON = """
import sys
import perflang.backends.json as j
real = j.render_chunks
def chunks(model):
    for n, piece in enumerate(real(model)):
        if n == 3:
            raise KeyboardInterrupt
        yield piece
j.render_chunks = chunks
from perflang.entry import main
main(sys.argv[1:])
"""


def _linked(tmp_path: Path) -> tuple[Path, Path, bytes]:
    out, other = tmp_path / "out.json", tmp_path / "other.json"
    old = json.dumps({"old": "x" * 200_000}).encode()  # longer than the new text: a tail to keep
    out.write_bytes(old)
    os.link(out, other)
    return out, other, old


def test_an_interrupted_build_leaves_every_hard_link_whole(tmp_path):
    out, other, old = _linked(tmp_path)
    got = run_python(["-c", INTERRUPTED_JSON, "build", str(SEED_EXAMPLE), "--to", "json", "-o", str(out)])
    assert got.returncode == 130, got.stderr
    assert out.read_bytes() == old and other.read_bytes() == old  # before: new head + old tail
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.json", "out.json"]  # no temporary left


def test_a_build_over_a_hard_link_writes_a_new_file(tmp_path):
    out, other, old = _linked(tmp_path)
    got = run("build", SEED_EXAMPLE, "--to", "json", "-o", out)
    assert got.returncode == 0, got.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"].startswith("perflang")
    assert other.read_bytes() == old and not os.path.samefile(out, other)


# -- perflang new ---------------------------------------------------------------------------------


def test_new_refuses_a_dangling_symlink(tmp_path):
    link = tmp_path / "x.perf"
    link.symlink_to(tmp_path / "nowhere" / "target.perf")
    got = run("new", "x.perf", "--unit", "某局", "--project", "某项目", "--budget", "1", cwd=tmp_path)
    assert got.returncode == 2 and "PF908" in got.stderr, got.stderr
    assert link.is_symlink() and not link.exists()  # still the dangling link


def test_new_does_not_overwrite_a_file_created_during_the_questions(tmp_path):
    """The questions are answered on a terminal; while the first one waits, another program
    creates the file: the answers do not overwrite it."""
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "perflang", "new", "x.perf"], stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path
    )
    os.close(slave)
    seen = b""

    def until(text: bytes) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while text not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    return

    until("申报单位".encode())
    (tmp_path / "x.perf").write_text("# 别人的文件\n", encoding="utf-8")
    for answer, next_prompt in [("某局", "项目名称"), ("某项目", "预算"), ("1", "表样"), ("", "目标"), ("", "")]:
        os.write(master, answer.encode() + b"\r")
        if next_prompt:
            until(next_prompt.encode())
    code = child.wait(60)
    until(b"PF908")
    os.close(master)
    assert code == 2, seen.decode("utf-8", "replace")
    assert b"PF908" in seen
    assert (tmp_path / "x.perf").read_text(encoding="utf-8") == "# 别人的文件\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.perf"]  # no temporary left


def test_create_new_never_replaces_and_leaves_nothing_behind(tmp_path):
    from perflang.fileio import create_new

    target = tmp_path / "a.perf"
    create_new(target, "一\n")
    assert target.read_text(encoding="utf-8") == "一\n"
    with pytest.raises(FileExistsError):
        create_new(target, "二\n")
    assert target.read_text(encoding="utf-8") == "一\n"
    dangling = tmp_path / "b.perf"
    dangling.symlink_to(tmp_path / "missing")
    with pytest.raises(FileExistsError):
        create_new(dangling, "二\n")
    assert not (tmp_path / "missing").exists()  # the link was not followed either
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.perf", "b.perf"]
