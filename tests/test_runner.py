"""perflang check over many files: -j gives what -j 1 gives, the cache gives what a check gives,
and it is invalidated by content, configuration and version (the index itself: test_cache.py)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cache import CLEAN

from perflang.cli import cli
from perflang.workspace import cache as cache_mod
from perflang.workspace import pool, runner
from perflang.workspace.cache import CACHE_DIR, INDEX_NAME

# Files with known problems: each name says what is wrong in it.
BAD = {
    "a-syntax.perf": "项目 甲 {\n  预算 10\n  年度目标 1 {\n    产出 / 数量 {\n      人数 =3人\n    }\n  }\n}\n",
    "b-vague.perf": (
        '项目 乙 {\n  预算 10\n  年度目标 1 "目标" {\n    产出 / 数量 {\n      人数: ≥3人\n'
        "    }\n    效益 / 社会效益 {\n      环境: 确保优化\n    }\n"
        "    满意度 / 满意度 {\n      满意度: ≥95%\n    }\n  }\n}\n"
    ),
    "c-duplicate.perf": (
        '项目 丙 {\n  年度目标 1 "目标" {\n    产出 / 数量 {\n      人数: ≥3人\n'
        "      人数: ≥4人\n      面积: 30\n    }\n  }\n}\n"
    ),
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder of files with diagnostics of several kinds, the cwd of the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the project root: the cache lives here
    src = tmp_path / "src"
    src.mkdir()
    for name, text in BAD.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "d-gbk.perf").write_bytes("项目 丁 {\n}\n".encode("gb18030"))
    for k in range(6):
        (src / f"e-seed{k}.perf").write_bytes(SEED_EXAMPLE.read_bytes())
    return src


def _files(src):
    return sorted(src.glob("*.perf"))


def _run(src, **kw):
    return [(r.path, r.diagnostics) for r in runner.check_files(_files(src), **kw)]


def _count_compiles(monkeypatch) -> list[str]:
    """The paths compiled from now on (in this process: use jobs=1)."""
    seen: list[str] = []
    real = runner._diagnose

    def counting(path, *rest):
        seen.append(path)
        return real(path, *rest)

    monkeypatch.setattr(runner, "_diagnose", counting)
    return seen


def _pool_always(monkeypatch, fork: bool = False) -> list[int]:
    """Use worker processes for any number of files, from the pool or forked by hand (fork,
    Linux's way); the list gets each pool's size, or the number of processes forked_map used."""
    made: list[int] = []
    real, real_map = runner._pool, runner.forked_map

    def spy(jobs):
        made.append(jobs)
        return real(jobs)

    def map_spy(fn, shares):
        made.append(len(shares))
        return real_map(fn, shares)

    monkeypatch.setattr(runner, "_MIN_FILES_PER_POOL", 2)
    monkeypatch.setattr(runner, "_FORK", fork)
    monkeypatch.setattr(runner, "_pool", spy)
    monkeypatch.setattr(runner, "forked_map", map_spy)
    return made


# the two ways of running workers: the pool (elsewhere than Linux), forked by hand (Linux)
WAYS = [False, pytest.param(True, marks=pytest.mark.skipif(not pool.FORK, reason="os.fork: Linux only"))]


def test_the_folder_has_diagnostics_of_several_kinds(folder):
    codes = {d.code for _, diags in _run(folder, jobs=1, use_cache=False) for d in diags}
    assert {"PF001", "PF104", "PF205", "PF408", "PF402", "PF301"} <= codes


@pytest.mark.parametrize("fork", WAYS)
def test_parallel_gives_the_same_diagnostics_in_the_same_order(folder, monkeypatch, fork):
    made = _pool_always(monkeypatch, fork)
    assert _run(folder, jobs=2, use_cache=False) == _run(folder, jobs=1, use_cache=False)
    assert made == [2]  # the workers did run


@pytest.mark.parametrize("fork", WAYS)
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_parallel_cli_output_is_identical(folder, monkeypatch, fmt, fork):
    made = _pool_always(monkeypatch, fork)
    args = ["check", "--format", fmt, "--no-cache", str(folder)]
    one = CliRunner().invoke(cli, [*args[:1], "-j", "1", *args[1:]])
    two = CliRunner().invoke(cli, [*args[:1], "-j", "3", *args[1:]])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output and "PF205" in one.output
    assert made == [3]


def test_few_files_are_checked_without_workers(folder, monkeypatch):
    made: list[int] = []
    monkeypatch.setattr(runner, "_pool", lambda jobs: made.append(jobs))
    _run(folder, jobs=2, use_cache=False)  # 10 files: fewer than _MIN_FILES_PER_POOL
    assert made == []


def test_without_worker_processes_the_check_still_runs(folder, monkeypatch):
    import concurrent.futures

    def refuse(*_a, **_k):
        raise OSError("no semaphores in this sandbox")

    expected = _run(folder, jobs=1, use_cache=False)
    _pool_always(monkeypatch)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert _run(folder, jobs=2, use_cache=False) == expected


def test_cache_hit_returns_identical_diagnostics(folder, monkeypatch):
    first = _run(folder, jobs=1)
    assert (folder.parent / CACHE_DIR / INDEX_NAME).is_file()
    compiled = _count_compiles(monkeypatch)
    assert _run(folder, jobs=1) == first
    assert compiled == []  # every file came from the cache, the GBK one too


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_cache_hit_cli_output_is_identical(folder, fmt):
    args = ["check", "--format", fmt, str(folder)]
    uncached = CliRunner().invoke(cli, [*args, "--no-cache"])
    first = CliRunner().invoke(cli, args)
    again = CliRunner().invoke(cli, args)
    assert uncached.output == first.output == again.output and "PF408" in first.output
    assert uncached.exit_code == first.exit_code == again.exit_code == 1


def test_a_clean_folder_from_the_cache_exits_0_and_prints_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.perf").write_text(CLEAN, encoding="utf-8")
    runs = [CliRunner().invoke(cli, ["check", "ok.perf"]) for _ in range(2)]
    assert [(r.exit_code, r.output) for r in runs] == [(0, "")] * 2


def test_strict_fails_on_cached_warnings(folder):
    (folder / "c-duplicate.perf").unlink()
    (folder / "a-syntax.perf").unlink()
    (folder / "d-gbk.perf").unlink()
    for _ in range(2):  # the first check fills the cache, the second is served from it
        plain = CliRunner().invoke(cli, ["check", str(folder)])
        strict = CliRunner().invoke(cli, ["check", "--strict", str(folder)])
        assert "PF408" in plain.output and (plain.exit_code, strict.exit_code) == (0, 1)


def test_cache_invalidates_on_content(folder, monkeypatch):
    _run(folder, jobs=1)
    target = folder / "b-vague.perf"
    target.write_text(BAD["b-vague.perf"].replace("确保优化", "达标"), encoding="utf-8")
    compiled = _count_compiles(monkeypatch)
    results = dict(_run(folder, jobs=1))
    assert compiled == [str(target)]
    assert "PF408" not in {d.code for d in results[str(target)]}


def test_cache_invalidates_on_config(folder, monkeypatch):
    before = dict(_run(folder, jobs=1))
    assert "PF408" in {d.code for d in before[str(folder / "b-vague.perf")]}
    (folder / "perflang.toml").write_text('ignore = ["PF408"]\n', encoding="utf-8")
    compiled = _count_compiles(monkeypatch)
    after = dict(_run(folder, jobs=1))
    assert len(compiled) == len(_files(folder))
    assert "PF408" not in {d.code for d in after[str(folder / "b-vague.perf")]}


def test_cache_invalidates_on_version(folder, monkeypatch):
    _run(folder, jobs=1)
    monkeypatch.setattr(cache_mod, "__version__", "99.0")
    cache_mod.code_fingerprint.cache_clear()
    try:
        compiled = _count_compiles(monkeypatch)
        _run(folder, jobs=1)
    finally:
        monkeypatch.undo()
        cache_mod.code_fingerprint.cache_clear()
    assert len(compiled) == len(_files(folder))


def test_cache_invalidates_when_perflang_changes(folder, monkeypatch):
    _run(folder, jobs=1)
    signatures = cache_mod.code_signatures()
    signatures[0][1] += 1  # one of perflang's files changed size
    monkeypatch.setattr(cache_mod, "code_signatures", lambda: signatures)
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another perflang")
    compiled = _count_compiles(monkeypatch)
    _run(folder, jobs=1)
    assert len(compiled) == len(_files(folder))


def test_no_cache_neither_reads_nor_writes(folder):
    index = folder.parent / CACHE_DIR / INDEX_NAME
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(folder)])
    assert result.exit_code == 1 and not (folder.parent / CACHE_DIR).exists()
    _run(folder, jobs=1)
    # a cache that says every file is clean, sealed as this cache's own: --no-cache must not
    # believe it, nor touch it
    data = json.loads(index.read_text(encoding="utf-8"))
    seal = cache_mod.Cache.open()._seal
    for where, row in data["files"].items():
        row[2] = []
        row[6] = seal(where, row)
    index.write_text(json.dumps(data), encoding="utf-8")
    os.utime(index, (1_000_000, 1_000_000))
    before = index.read_bytes()
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(folder)])
    assert result.exit_code == 1 and "PF408" in result.output
    assert index.read_bytes() == before and index.stat().st_mtime == 1_000_000
    lied = CliRunner().invoke(cli, ["check", str(folder)])  # the cache is read without the flag
    assert "PF408" not in lied.output


def test_an_unreadable_file_is_reported_and_not_cached(folder, monkeypatch):
    gone = folder / "z-gone.perf"
    results = dict((r.path, r.diagnostics) for r in runner.check_files([gone], jobs=1))
    assert [d.code for d in results[str(gone)]] == ["PF004"]
    index = json.loads((folder.parent / CACHE_DIR / INDEX_NAME).read_text(encoding="utf-8"))
    assert index["files"] == {}  # nothing to keep: a file that cannot be read has no content


# Edits and checks in any order: whatever the cache holds, the check's result is that of a check
# without the cache.
_VERSIONS = [
    BAD["b-vague.perf"],
    BAD["c-duplicate.perf"],
    SEED_EXAMPLE.read_text(encoding="utf-8"),
    BAD["b-vague.perf"].replace("确保优化", "达标"),
    "项目 丁 {\n}\n",
]
_steps = st.lists(
    st.tuples(
        st.sampled_from(["x.perf", "y.perf", "sub/z.perf"]), st.sampled_from(range(len(_VERSIONS))), st.booleans()
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_the_cache_never_changes_a_result(tmp_path_factory, monkeypatch, steps):
    work = tmp_path_factory.mktemp("edits")
    monkeypatch.chdir(work)
    (work / "sub").mkdir()
    for name in ("x.perf", "y.perf", "sub/z.perf"):
        (work / name).write_text(_VERSIONS[0], encoding="utf-8")
    files = [work / "x.perf", work / "y.perf", work / "sub" / "z.perf"]
    for name, version, config in steps:
        (work / name).write_text(_VERSIONS[version], encoding="utf-8")
        toml = work / "sub" / "perflang.toml"
        toml.write_text('ignore = ["PF4"]\n', encoding="utf-8") if config else toml.unlink(missing_ok=True)
        cached = [(r.path, r.diagnostics) for r in runner.check_files(files, jobs=1)]
        assert cached == [(r.path, r.diagnostics) for r in runner.check_files(files, jobs=1, use_cache=False)]


@given(n=st.integers(0, 3000), jobs=st.integers(1, 16))
def test_chunks_cover_the_work_in_order_and_shrink(n, jobs):
    chunks = runner._chunks(list(range(n)), jobs)
    assert [x for c in chunks for x in c] == list(range(n))
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True) and all(s >= 1 for s in sizes)
    assert all(s >= runner._MIN_CHUNK for s in sizes[:-1])


# -- forked_map: the processes forked by hand (Linux) ---------------------------------------------

needs_fork = pytest.mark.skipif(not pool.FORK, reason="os.fork: Linux only")


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The pids of the children forked from now on (by forked_map)."""
    pids: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _none_left(pids: list[int]) -> bool:
    """Every one of these children has ended and been waited for (none is left running, nor a
    zombie): only this test's children, whatever else the test run started."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)


def _where(share):
    return [(x, os.getpid()) for x in share]


@needs_fork
def test_forked_map_computes_each_share_in_its_own_process_in_order(forked):
    got = pool.forked_map(_where, [[1, 2], [3], [4, 5]])
    assert [[x for x, _ in part] for part in got] == [[1, 2], [3], [4, 5]]
    pids = [part[0][1] for part in got]
    assert pids[0] == os.getpid() and len(set(pids)) == 3  # this process, and two children
    assert _none_left(forked)


def _dies_in_a_child(parent: int):
    def fn(share):
        if os.getpid() != parent:
            os._exit(3)
        return _where(share)

    return fn


def _unpicklable_in_a_child(parent: int):
    def fn(share):
        return (lambda: share) if os.getpid() != parent else _where(share)

    return fn


@needs_fork
@pytest.mark.parametrize("fails", [_dies_in_a_child, _unpicklable_in_a_child])
def test_a_failed_childs_share_is_computed_here(fails, forked):
    got = pool.forked_map(fails(os.getpid()), [[1], [2], [3]])
    assert got == [[(1, os.getpid())], [(2, os.getpid())], [(3, os.getpid())]]
    assert _none_left(forked)


@needs_fork
def test_without_fork_every_share_is_computed_here(monkeypatch):
    def refuse():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", refuse)
    assert pool.forked_map(_where, [[1], [2]]) == [[(1, os.getpid())], [(2, os.getpid())]]


@needs_fork
def test_an_interrupted_map_leaves_no_child_behind(forked):
    parent = os.getpid()

    def fn(share):
        if os.getpid() == parent:
            raise KeyboardInterrupt
        import time

        time.sleep(30)  # a child still at work: killed, not waited for
        return share

    with pytest.raises(KeyboardInterrupt):
        pool.forked_map(fn, [[1], [2], [3]])
    assert _none_left(forked)


def test_shares_are_runs_of_files_of_about_equal_bytes():
    work = [(f"f{i}", b"x" * size) for i, size in enumerate([5, 5, 5, 5, 100, 5, 5])]
    names = lambda shares: [[w[0] for w in s] for s in shares]  # noqa: E731
    assert names(runner._shares(work, 1)) == [[w[0] for w in work]]
    assert names(runner._shares(work, 2)) == [["f0", "f1", "f2", "f3", "f4"], ["f5", "f6"]]
    assert names(runner._shares(work[:3], 3)) == [["f0"], ["f1"], ["f2"]]
    even = [(f"g{i}", b"x") for i in range(8)]
    assert [len(s) for s in runner._shares(even, 2)] == [4, 4]
    assert [len(s) for s in runner._shares(even, 3)] == [3, 3, 2]
