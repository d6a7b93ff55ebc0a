"""The check cache's index: the stat shortcut is taken only when it is safe, anything malformed
is a miss, perflang's own files are fingerprinted by the same rule, old entries go."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.diagnostics import Diagnostic, Note, Severity
from perflang.messages import CATALOG
from perflang.source import Span
from perflang.workspace import cache as cache_mod
from perflang.workspace import runner
from perflang.workspace.cache import (
    CACHE_DIR,
    INDEX_NAME,
    KEEP_UNUSED_DAYS,
    RACY_NS,
    Cache,
    Entry,
    from_json,
    signature,
    to_json,
)

VAGUE = (
    '项目 乙 {\n  预算 10\n  年度目标 1 "目标" {\n    产出 / 数量 {\n      人数: ≥3人\n    }\n'
    "    效益 / 社会效益 {\n      环境: 确保优化\n    }\n    满意度 / 满意度 {\n      满意度: ≥95%\n"
    "    }\n  }\n}\n"
)
CLEAN = (
    '项目 清洁项目 {\n  预算 100\n  年度目标 1 "完善全市政务服务体系，提升服务能力，确保资金使用规范。" {\n'
    "    成本 / 经济成本 {\n      设备购置成本: ≤60万元\n    }\n    产出 / 数量 {\n      服务窗口数量: ≥5个\n"
    "    }\n    效益 / 社会效益 {\n      群众办事时间: ≤11个工作日\n    }\n    满意度 / 满意度 {\n"
    "      群众满意度: ≥95%\n    }\n  }\n}\n"
)
LATER = 10 * RACY_NS  # how far ahead a test's clock runs, so that its fresh files are not racy


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Two clean files and one with a warning (PF408), in the cwd of the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the project root: the cache lives here
    (tmp_path / "a.perf").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.perf").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "v.perf").write_text(VAGUE, encoding="utf-8")
    return tmp_path


def _check(folder, **kw):
    files = [folder / "a.perf", folder / "b.perf", folder / "v.perf"]
    return [(r.path, r.diagnostics) for r in runner.check_files(files, jobs=1, **kw)]


def _index(folder) -> dict:
    return json.loads((folder / CACHE_DIR / INDEX_NAME).read_text(encoding="utf-8"))


def _clock_ahead(monkeypatch):
    """The check's clock LATER ahead: files written by the test count as long unchanged."""
    real = cache_mod.time.time_ns
    monkeypatch.setattr(cache_mod.time, "time_ns", lambda: real() + LATER)


def _hashed(monkeypatch) -> list[int]:
    """How many files are read and hashed from now on."""
    seen: list[int] = []
    real = Cache.digest

    def counting(data):
        seen.append(len(data))
        return real(data)

    monkeypatch.setattr(Cache, "digest", staticmethod(counting))
    return seen


def test_an_old_unchanged_file_is_not_read_again(folder, monkeypatch):
    _clock_ahead(monkeypatch)
    first = _check(folder)
    hashed = _hashed(monkeypatch)
    assert _check(folder) == first
    # the clean files are served by their signatures; v.perf has diagnostics, whose excerpts
    # need its text, so it is read (and hashed) again
    assert hashed == [len(VAGUE.encode())]


def test_a_fresh_file_is_read_until_it_is_old_enough(folder, monkeypatch):
    first = _check(folder)  # the real clock: the files were written just now (racy)
    _clock_ahead(monkeypatch)
    hashed = _hashed(monkeypatch)
    assert _check(folder) == first and len(hashed) == 3  # racy: read, and hashed at a later time
    assert _check(folder) == first and len(hashed) == 3 + 1  # now only v.perf, for its excerpts


def test_a_replaced_file_of_the_same_size_and_mtime_is_read_again(folder, monkeypatch):
    _clock_ahead(monkeypatch)
    _check(folder)
    a = folder / "a.perf"
    before = a.stat()
    swapped = VAGUE.encode().ljust(before.st_size, b"\n")  # other text, the same length
    tmp = folder / "new.tmp"
    tmp.write_bytes(swapped)
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(tmp, a)  # as editors save: a new inode
    assert (a.stat().st_size, a.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    results = dict(_check(folder))
    assert "PF408" in {d.code for d in results[str(a)]}


def test_unchanged_needs_the_same_signature_and_times_older_than_racy():
    st = SimpleNamespace(st_size=10, st_mtime_ns=5 * RACY_NS, st_ctime_ns=5 * RACY_NS, st_ino=7, st_dev=1)
    entry = Entry("d", "c", [], signature(st), 7 * RACY_NS, 0)
    assert entry.unchanged(st)
    for field in ("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino", "st_dev"):
        moved = SimpleNamespace(**{**vars(st), field: getattr(st, field) + 1})
        assert not entry.unchanged(moved), field
    for hashed_at in (6 * RACY_NS, 5 * RACY_NS, 4 * RACY_NS):  # hashed within RACY_NS of a change
        assert not Entry("d", "c", [], signature(st), hashed_at, 0).unchanged(st)


def _count_compiles(monkeypatch) -> list[str]:
    compiled: list[str] = []
    real = runner._diagnose
    monkeypatch.setattr(runner, "_diagnose", lambda *a: compiled.append(a[0]) or real(*a))
    return compiled


def test_a_corrupt_index_is_a_miss(folder, monkeypatch):
    first = _check(folder, use_cache=False)
    index = folder / CACHE_DIR / INDEX_NAME
    compiled = _count_compiles(monkeypatch)
    for junk in (b"{not json", b"\xff\xfe", b"[]", b'{"files": 3}', b"[" * 100_000, b""):
        _check(folder)
        index.write_bytes(junk)
        compiled.clear()
        assert _check(folder) == first
        assert len(compiled) == 3, junk


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: row.__setitem__(0, 5),  # digest not a string
        lambda row: row.__setitem__(
            2, [{"code": "PF999", "args": {}, "span": None, "path": None, "notes": [], "severity": None}]
        ),  # no such code
        lambda row: row.__setitem__(2, [{"code": "PF408"}]),  # keys missing
        lambda row: row[2][0].__setitem__("args", {}),  # the message cannot be filled in
        lambda row: row[2][0].__setitem__("span", [1, 2]),
        lambda row: row[2][0].__setitem__("severity", "fatal"),
        lambda row: row.__setitem__(3, [1, 2]),  # signature cut short
        lambda row: row.__setitem__(4, "yesterday"),
        lambda row: row.pop(),
        lambda row: row.append(1),
    ],
)
def test_a_malformed_entry_is_a_miss(folder, monkeypatch, damage):
    _clock_ahead(monkeypatch)
    first = _check(folder)
    index = folder / CACHE_DIR / INDEX_NAME
    data = _index(folder)
    damage(data["files"][str(folder / "v.perf")])
    index.write_text(json.dumps(data), encoding="utf-8")
    compiled = _count_compiles(monkeypatch)
    assert _check(folder) == first
    assert compiled == [str(folder / "v.perf")]


def test_a_cache_that_cannot_be_written_is_skipped(folder):
    (folder / CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    assert _check(folder) == _check(folder, use_cache=False)


def test_the_cache_folder_keeps_out_of_git(folder):
    _check(folder)
    assert (folder / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert (
        (folder / CACHE_DIR / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_perflang_is_hashed_only_when_its_files_changed(folder, monkeypatch):
    _clock_ahead(monkeypatch)
    _check(folder)

    def refuse():
        raise AssertionError("perflang's files were hashed again")

    monkeypatch.setattr(cache_mod, "code_fingerprint", refuse)
    hits = _check(folder)  # served: the signatures of perflang's files are those recorded
    assert hits == _check(folder, use_cache=False)


def test_the_fingerprint_does_not_depend_on_where_the_grammar_lies():
    """A checkout keeps the grammar beside the package, an installed copy inside it: the files
    are fingerprinted in name order, so the same code has the same fingerprint either way (an
    in-process check in a checkout and a perflang process from site-packages share the cache)."""
    names = [name for name, _ in cache_mod.fingerprinted_files()]
    assert names == sorted(names)


def test_the_fingerprint_covers_code_grammar_and_profiles():
    names = {name for name, _ in cache_mod.fingerprinted_files()}
    assert {"check/rules.py", "grammar/perf.lark", "profiles/national.toml", "__init__.py"} <= names


def test_entries_unused_for_a_month_are_dropped_at_the_next_write(folder, monkeypatch):
    _check(folder)
    index = _index(folder)
    old = index["files"][str(folder / "v.perf")]
    index["files"]["gone.perf"] = [*old[:5], old[5] - KEEP_UNUSED_DAYS - 1, *old[6:]]
    index["files"]["recent.perf"] = [*old[:5], old[5] - KEEP_UNUSED_DAYS, *old[6:]]
    (folder / CACHE_DIR / INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    (folder / "b.perf").write_text(VAGUE, encoding="utf-8")  # a change: the index is written
    _check(folder)
    assert set(_index(folder)["files"]) == {str(folder / n) for n in ("a.perf", "b.perf", "v.perf")} | {"recent.perf"}


def test_a_re_check_of_an_unchanged_folder_writes_nothing(folder, monkeypatch):
    _clock_ahead(monkeypatch)
    _check(folder)
    _check(folder)  # the signatures settle (the code's too)
    index = folder / CACHE_DIR / INDEX_NAME
    os.utime(index, (1_000_000, 1_000_000))
    _check(folder)
    assert index.stat().st_mtime == 1_000_000


_text = st.text(max_size=20)
_span = st.builds(Span, st.integers(1, 999), st.integers(1, 99), st.integers(1, 999), st.integers(1, 99))
_diagnostics = st.builds(
    Diagnostic,
    code=st.sampled_from(sorted(CATALOG)),
    args=st.dictionaries(
        st.sampled_from(["name", "text", "number", "hint"]), st.one_of(_text, st.integers(-10, 10**6), st.none())
    ),
    span=_span,
    file=st.just("x.perf"),
    path=st.none() | st.tuples(_text, _text, _text),
    notes=st.lists(st.builds(Note, _text, st.none() | _span), max_size=2).map(tuple),
    severity=st.none() | st.sampled_from(list(Severity)),
)


@given(_diagnostics)
def test_a_stored_diagnostic_reads_back_equal(d):
    stored = json.loads(json.dumps(to_json(d), ensure_ascii=False))
    back = from_json(stored, "x.perf")
    assert back == d and back.args == d.args and back.span == d.span and back.notes == d.notes
