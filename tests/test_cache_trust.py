"""The check cache can only make a check faster, never change its result (issue 11, item 3), and
lives at the project root (issue 15, item 5): entries not sealed by this cache on this machine,
odd index files and malformed entries are misses; a symlinked cache folder is not written
through; odd file names and deep trees do not break a check (issue 11, items 7 and 8)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest
from click.testing import CliRunner
from test_cache import CLEAN, VAGUE

from perflang.cli import cli
from perflang.workspace import cache as cache_mod
from perflang.workspace import runner
from perflang.workspace.cache import CACHE_DIR, INDEX_NAME, RACY_NS, Cache, signature
from perflang.workspace.findfiles import files_below

BAD = CLEAN.replace("服务窗口数量: ≥5个", "服务窗口数量 ≥5个")  # PF104, an error


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project (pyproject.toml at its root) with a clean file, a file with a warning and a
    file with an error, the cwd of the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    for name, text in (("a.perf", CLEAN), ("v.perf", VAGUE), ("bad.perf", BAD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _ahead(monkeypatch):
    real = cache_mod.time.time_ns
    monkeypatch.setattr(cache_mod.time, "time_ns", lambda: real() + 10 * RACY_NS)


def _check(*args):
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _forged_clean(folder, name: str, seal=None) -> None:
    """An index that says `name` (which has an error) is clean: its content hash, stat
    signature and perflang's fingerprint all as the real cache would write them."""
    path = folder / name
    index_file = folder / CACHE_DIR / INDEX_NAME
    data = json.loads(index_file.read_text(encoding="utf-8"))
    row = next(r for p, r in data["files"].items() if p.endswith(name))
    where = next(p for p in data["files"] if p.endswith(name))
    forged = [Cache.digest(path.read_bytes()), row[1], [], signature(os.stat(path)), row[4], row[5]]
    if seal is not None:
        forged.append(seal(where, forged))
    data["files"] = {where: forged}
    index_file.write_text(json.dumps(data), encoding="utf-8")


def test_a_cache_from_elsewhere_cannot_fake_a_clean_check(project, monkeypatch):
    _ahead(monkeypatch)
    assert _check(project / "bad.perf").exit_code == 1
    _forged_clean(project, "bad.perf")  # as committed to a repository: no seal
    assert _check(project / "bad.perf").exit_code == 1


def test_an_entry_sealed_under_another_key_is_a_miss(project, monkeypatch):
    _ahead(monkeypatch)
    assert _check(project / "bad.perf").exit_code == 1
    other = Cache.open()
    other.key = b"\x01" * 32  # another machine's (or user's) secret
    _forged_clean(project, "bad.perf", other._seal)
    assert _check(project / "bad.perf").exit_code == 1
    # the same forgery under this cache's own key would be believed: the seal is what decides
    _forged_clean(project, "bad.perf", Cache.open()._seal)
    assert _check(project / "bad.perf").exit_code == 0


def test_the_secret_key_is_private_and_kept(project):
    cache_mod.secret_key.cache_clear()
    key = cache_mod.secret_key()
    file = cache_mod._config_dir() / cache_mod.KEY_NAME
    assert key is not None and file.stat().st_mode & 0o077 == 0
    cache_mod.secret_key.cache_clear()
    assert cache_mod.secret_key() == key


@pytest.mark.parametrize(
    "span", [[0, 0, 0, 0], [-5, 1, 1, 1], ["x", 1, 1, 1], [1.5, 1, 1, 1], [10**30, 1, 1, 1], None, "1:1"]
)
def test_a_sealed_entry_with_a_malformed_span_is_a_miss(project, monkeypatch, span):
    _ahead(monkeypatch)
    first = _check(project / "v.perf")
    index_file = project / CACHE_DIR / INDEX_NAME
    data = json.loads(index_file.read_text(encoding="utf-8"))
    where, row = next(iter(data["files"].items()))
    row[2][0]["span"] = span
    row[6] = Cache.open()._seal(where, row)
    index_file.write_text(json.dumps(data), encoding="utf-8")
    again = _check(project / "v.perf")
    assert (again.exit_code, again.output) == (first.exit_code, first.output)


def _run_check(folder, *args, limit_memory=False):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    return subprocess.run(
        [sys.executable, "-m", "perflang", "check", *args],
        cwd=folder,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,  # a guard against a hang
        preexec_fn=limit if limit_memory else None,
    )


def test_a_fifo_as_index_is_not_read(project):
    (project / CACHE_DIR).mkdir()
    os.mkfifo(project / CACHE_DIR / INDEX_NAME)
    done = _run_check(project, "bad.perf")
    assert done.returncode == 1 and "PF104" in done.stdout


def test_an_index_linked_to_dev_zero_is_not_read(project):
    (project / CACHE_DIR).mkdir()
    (project / CACHE_DIR / INDEX_NAME).symlink_to("/dev/zero")
    done = _run_check(project, "bad.perf", limit_memory=True)
    assert done.returncode == 1 and "PF104" in done.stdout, done.stderr


def test_a_huge_index_is_not_read(project, monkeypatch):
    _ahead(monkeypatch)
    _check(project / "a.perf")
    index_file = project / CACHE_DIR / INDEX_NAME
    monkeypatch.setattr(cache_mod, "MAX_INDEX_BYTES", index_file.stat().st_size - 1)
    assert Cache.open().rows == {}


def test_a_symlinked_cache_folder_is_not_written_through(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    assert _check(project / "bad.perf").exit_code == 1
    assert list(elsewhere.iterdir()) == []


def test_one_cache_at_the_project_root_whatever_the_folder_checked_from(project, monkeypatch):
    _ahead(monkeypatch)
    sub = project / "处" / "科"
    sub.mkdir(parents=True)
    (sub / "c.perf").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert _check("c.perf").exit_code == 0
    assert not (sub / CACHE_DIR).exists()
    data = json.loads((project / CACHE_DIR / INDEX_NAME).read_text(encoding="utf-8"))
    assert list(data["files"]) == [str(sub / "c.perf")]
    # the same file checked from the root is the same entry: served without compiling
    monkeypatch.chdir(project)
    compiled = []
    real = runner._diagnose
    monkeypatch.setattr(runner, "_diagnose", lambda *a: compiled.append(a[0]) or real(*a))
    assert _check("处/科/c.perf").exit_code == 0 and compiled == []


def test_without_a_project_the_cache_is_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    loose = tmp_path / "loose"
    loose.mkdir()
    monkeypatch.chdir(loose)
    if cache_mod.project_root(str(loose)) is not None:
        pytest.skip("the test folder lies inside a project")
    (loose / "a.perf").write_text(CLEAN, encoding="utf-8")
    assert _check("a.perf").exit_code == 0
    assert not (loose / CACHE_DIR).exists()
    assert (tmp_path / "usercache" / "perflang" / INDEX_NAME).is_file()
    assert (tmp_path / "usercache" / "perflang" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_an_old_cache_folder_gets_its_gitignore(project):
    (project / CACHE_DIR).mkdir()
    assert _check(project / "a.perf").exit_code == 0
    assert (project / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_file_name_that_is_no_utf8_does_not_break_the_folder(project):
    weird = os.fsencode(project) + b"/\xff\xfe-gbk-\xc4\xe3.perf"
    with open(weird, "wb") as f:
        f.write(VAGUE.encode("utf-8"))
    done = _run_check(project, ".")
    assert done.returncode == 1, done.stderr  # bad.perf's error, and every file checked
    assert "PF104" in done.stdout and "PF408" in done.stdout and "内部错误" not in done.stderr
    assert _run_check(project, ".").stdout == done.stdout  # and again, through the cache


def test_a_very_deep_folder_tree_is_walked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the working folder is given back after the test
    deep = os.fsencode(tmp_path)
    os.chdir(tmp_path)
    try:
        for _ in range(1100):  # deeper than Python's recursion limit
            os.mkdir(b"d")
            os.chdir(b"d")
        with open(b"x.perf", "wb") as f:
            f.write(b"")
    finally:
        os.chdir(deep)
    try:
        found = files_below(tmp_path, (".perf",))
        assert len(found) == 1 and len(found[0].relative_to(tmp_path).parts) == 1101
    finally:  # taken down here: removing it recursively would hit the recursion limit
        os.chdir(tmp_path)
        for _ in range(1100):
            os.chdir(b"d")
        os.remove(b"x.perf")
        for _ in range(1100):
            os.chdir(b"..")
            os.rmdir(b"d")
        os.chdir(deep)
