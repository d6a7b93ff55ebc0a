"""What `-o` and `fmt` do with what they write over (issue 11, items 1, 4 and 7): regular files
replaced atomically with their mode kept, devices/FIFOs written through, symlinks followed and
kept, a hard link replaced as a whole (issue 24), inputs and read-only files refused, a trailing slash a folder; and two
inputs never written to one output."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from test_checker_codes import CLEAN

from perflang.cli import cli
from perflang.fileio import OutputError, write_output
from perflang.syntax.formatter import format_text

MESSY = CLEAN.replace("    ", "  ")  # a clean file fmt rewrites
FORMATTED = format_text(MESSY)[0]
assert FORMATTED is not None and FORMATTED != MESSY


def perflang(*args, cwd=None, **kw):
    return subprocess.run([sys.executable, "-m", "perflang", *args], cwd=cwd, capture_output=True, text=True, **kw)


def test_a_regular_file_is_replaced_and_keeps_its_mode(tmp_path):
    out = tmp_path / "a.json"
    out.write_text("old")
    out.chmod(0o600)
    write_output(out, "new")
    assert out.read_text() == "new"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    write_output(fifo, "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_written_through_not_replaced(tmp_path):
    # a private twin of /dev/null (as root, today's code replaced /dev/null itself)
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device needs root")  # the FIFO test covers the same path
    before = os.lstat(null)
    write_output(null, "nothing")
    after = os.lstat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dev_stdout_reaches_stdout(tmp_path):
    # a private twin of /dev/stdout (as root, today's code replaced /dev/stdout itself)
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    done = perflang("build", str(SEED_EXAMPLE), "--to", "json", "-o", str(stdout))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("{")
    assert stdout.is_symlink()


def test_a_symlink_is_kept_and_its_target_written(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_output(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_a_hard_link_is_replaced_and_the_other_links_keep_the_old_text(tmp_path):
    # issue 24: written in place, an interrupted write left every link half old, half new
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old text, longer than the new")
    os.link(a, b)
    write_output(a, "new")
    assert a.read_text() == "new" and b.read_text() == "old text, longer than the new"
    assert not os.path.samefile(a, b)


def test_a_read_only_file_is_refused(tmp_path):
    out = tmp_path / "ro.json"
    out.write_text("old")
    out.chmod(0o444)
    with pytest.raises(OutputError) as e:
        write_output(out, "new")
    assert e.value.code == "PF906" and out.read_text() == "old"


def test_build_refuses_to_write_over_its_input(tmp_path):
    src = tmp_path / "x.perf"
    src.write_text(CLEAN, encoding="utf-8")
    done = perflang("build", str(src), "--to", "json", "-o", str(src))
    assert done.returncode == 2
    assert "PF902" in done.stderr and "Traceback" not in done.stderr
    assert src.read_text(encoding="utf-8") == CLEAN


def test_a_trailing_slash_means_a_folder(tmp_path):
    src = tmp_path / "x.perf"
    src.write_text(CLEAN, encoding="utf-8")
    done = perflang("build", str(src), "--to", "json", "-o", str(tmp_path / "newdir") + "/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "newdir" / "x.json").is_file()


def test_eval_into_a_folder_is_a_plain_message(tmp_path):
    done = perflang(
        "eval", str(SEED_EXAMPLE), "-a", str(SEED_EXAMPLE.parent / "ezhou-actuals.json"), "-o", str(tmp_path)
    )
    assert done.returncode == 2
    assert "PF901" in done.stderr and str(tmp_path) in done.stderr
    assert "internal error" not in done.stderr and "内部错误" not in done.stderr


def test_an_unwritable_folder_is_a_plain_message(tmp_path):
    done = perflang("build", str(SEED_EXAMPLE), "--to", "json", "-o", "/proc/nope/x.json")
    assert done.returncode == 2
    assert "PF901" in done.stderr and "内部错误" not in done.stderr


def test_a_deleted_working_folder_is_a_plain_message(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "from perflang.cli import main; main(['build', sys.argv[2], '--to', 'json', '-o', 'out.json'])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(gone), str(SEED_EXAMPLE)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "PF90" in done.stderr and "内部错误" not in done.stderr and "Traceback" not in done.stderr


def test_build_of_a_folder_keeps_subfolders_apart(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "src" / sub).mkdir(parents=True)
        (tmp_path / "src" / sub / "same.perf").write_text(CLEAN.replace("项目 测试", f"项目 {sub}"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "src"), "--to", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for sub in ("a", "b"):  # each file's own output, neither written over the other
        data = json.loads((tmp_path / "out" / sub / "same.json").read_text(encoding="utf-8"))
        assert data["projects"][0]["name"] == sub


def test_two_inputs_of_one_name_are_refused_before_anything_is_written(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.perf").write_text(CLEAN, encoding="utf-8")
    done = perflang(
        "build",
        str(tmp_path / "a" / "same.perf"),
        str(tmp_path / "b" / "same.perf"),
        "--to",
        "json",
        "-o",
        str(tmp_path / "out"),
    )
    assert done.returncode == 2 and "PF905" in done.stderr
    assert not (tmp_path / "out").exists()


# -- fmt --------------------------------------------------------------------------------------


def test_fmt_keeps_a_private_files_mode(tmp_path):
    f = tmp_path / "p.perf"
    f.write_text(MESSY, encoding="utf-8")
    f.chmod(0o600)
    assert perflang("fmt", str(f)).returncode == 0
    assert f.read_text(encoding="utf-8") == FORMATTED
    assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_fmt_leaves_a_read_only_file_alone_and_says_so(tmp_path):
    f = tmp_path / "ro.perf"
    f.write_text(MESSY, encoding="utf-8")
    f.chmod(0o444)
    done = perflang("fmt", str(f))
    assert done.returncode == 1 and "PF906" in done.stderr
    assert f.read_text(encoding="utf-8") == MESSY


def test_fmt_formats_a_links_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.perf"
    target.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "link.perf"
    link.symlink_to(target)
    assert perflang("fmt", str(link)).returncode == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FORMATTED


def test_fmt_replaces_a_hard_link_as_a_whole(tmp_path):
    a, b = tmp_path / "a.perf", tmp_path / "b.perf"
    a.write_text(MESSY, encoding="utf-8")
    os.link(a, b)
    assert perflang("fmt", str(a)).returncode == 0
    assert a.read_text(encoding="utf-8") == FORMATTED and b.read_text(encoding="utf-8") == MESSY


# -- Ctrl-C -----------------------------------------------------------------------------------

INTERRUPT = (
    "import sys, perflang.{module} as m\n"
    "def boom(*a, **k): raise KeyboardInterrupt\n"
    "{patch}\n"
    "from perflang.entry import main; main(sys.argv[1:])\n"
)


@pytest.mark.parametrize(
    "module, patch, args",
    [
        ("api", "m.compile_file = boom", ["build", str(SEED_EXAMPLE), "--to", "json"]),
        ("workspace.runner", "m.check_files = boom", ["check", "--no-cache", str(SEED_EXAMPLE)]),
        ("workspace.runner", "m.all_clean = boom", ["check", str(SEED_EXAMPLE)]),  # the fast path
    ],
)
def test_ctrl_c_exits_130_with_one_line(module, patch, args, tmp_path):
    code = INTERRUPT.format(module=module, patch=patch)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 130
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "PF903" in done.stderr


def test_a_full_disk_is_a_plain_message(tmp_path):
    full = tmp_path / "full"  # a private twin of /dev/full: every write fails with ENOSPC
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("creating a device needs root")
    done = perflang("build", str(SEED_EXAMPLE), "--to", "json", "-o", str(full))
    assert done.returncode == 2
    assert "PF901" in done.stderr and "磁盘空间不足" in done.stderr and "内部错误" not in done.stderr
    assert stat.S_ISCHR(os.lstat(full).st_mode)
