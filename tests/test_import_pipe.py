"""`perflang import` reads a pipe (issue 24): `perflang import <(cat table.txt)` and a named FIFO
give what the file gives, read within the size limit of an import; part 1 of the issue refused
them (PF907: 不是普通文件（是管道）).  Form files, profiles and perflang.toml stay regular files
only (tests/test_hostile_files.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes named /dev/fd/N and FIFOs are POSIX")

TABLE = Path(__file__).parent / "fixtures" / "seed" / "000_f33f596efa0ca9bb.txt"


def perflang(*args, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PERFLANG_LANG": "zh", "PERFLANG_DEBUG": ""}
    return subprocess.run(
        [sys.executable, "-m", "perflang", *args], capture_output=True, text=True, timeout=120, env=env, **kwargs
    )


@pytest.fixture(scope="module")
def from_the_file() -> str:
    done = perflang("import", str(TABLE))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="process substitution is bash's")
def test_a_process_substitution_is_imported(from_the_file, tmp_path):
    shutil.copy(TABLE, tmp_path / "table.txt")
    env = {**os.environ, "PERFLANG_LANG": "zh", "PERFLANG_DEBUG": ""}
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m perflang import <(cat table.txt)'],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == from_the_file


def _feed(path: Path, data: bytes, chunk: int = 1 << 16) -> threading.Thread:
    def write():
        try:
            with open(path, "wb") as f:
                for i in range(0, len(data), chunk):
                    f.write(data[i : i + chunk])
        except BrokenPipeError:  # the reader stopped at its limit
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_named_fifo_is_waited_for_and_imported(from_the_file, tmp_path):
    fifo = tmp_path / "table"
    os.mkfifo(fifo)
    writer = _feed(fifo, TABLE.read_bytes())
    done = perflang("import", str(fifo), "-o", str(tmp_path / "out.perf"))
    writer.join(10)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.perf").read_text(encoding="utf-8") == from_the_file


def test_a_pipe_of_a_web_page_is_read_as_one(tmp_path):
    page = "<!DOCTYPE html><html><body><table><tr><td>项目名称</td><td>热线</td><td>项目预算</td><td>10</td></tr></table></body></html>"
    fifo = tmp_path / "page"
    os.mkfifo(fifo)
    _feed(fifo, page.encode())
    done = perflang("import", str(fifo))
    assert "项目 热线 {" in done.stdout and "预算 10" in done.stdout, done.stderr


def test_a_pipe_beyond_the_limit_is_refused_without_reading_it_all(tmp_path):
    from perflang.importers.workbook_limits import MAX_UNPACKED_BYTES

    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    _feed(fifo, b"a\tb\n" * (MAX_UNPACKED_BYTES // 4 + 2**16))
    done = perflang("import", str(fifo))
    assert done.returncode == 1 and "[PF907]" in done.stderr and "过大" in done.stderr, done.stderr


def test_a_workbook_from_a_pipe_is_said_to_need_a_file(tmp_path):
    fifo = tmp_path / "book"
    os.mkfifo(fifo)
    _feed(fifo, b"PK\x03\x04" + b"\0" * 100)
    done = perflang("import", str(fifo))
    assert done.returncode == 1 and ".xlsx" in done.stderr and "Traceback" not in done.stderr, done.stderr
