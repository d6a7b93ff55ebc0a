"""perflang check over many files: -j gives what -j1 gives, the cache gives what a check gives,
and it is invalidated by content, configuration and version."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from perflang import cache as cache_mod, runner
from perflang.cache import CACHE_DIR, from_json, to_json
from perflang.cli import cli
from perflang.diagnostics import Diagnostic, Note, Severity
from perflang.messages import CATALOG
from perflang.source import Span

from conftest import SEED_EXAMPLE

# Files with known problems: each name says what is wrong in it.
BAD = {
    "a-syntax.perf": "项目 甲 {\n  预算 10\n  年度目标 1 {\n    产出 / 数量 {\n      人数 =3人\n    }\n  }\n}\n",
    "b-vague.perf": ("项目 乙 {\n  预算 10\n  年度目标 1 \"目标\" {\n    产出 / 数量 {\n      人数: ≥3人\n"
                     "    }\n    效益 / 社会效益 {\n      环境: 确保优化\n    }\n"
                     "    满意度 / 满意度 {\n      满意度: ≥95%\n    }\n  }\n}\n"),
    "c-duplicate.perf": ("项目 丙 {\n  年度目标 1 \"目标\" {\n    产出 / 数量 {\n      人数: ≥3人\n"
                         "      人数: ≥4人\n      面积: 30\n    }\n  }\n}\n"),
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder of files with diagnostics of several kinds, the cwd of the test."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "src"
    src.mkdir()
    for name, text in BAD.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "d-gbk.perf").write_bytes("项目 丁 {\n}\n".encode("gb18030"))
    for k in range(6):  # enough files for the worker pool to be used
        (src / f"e-seed{k}.perf").write_bytes(SEED_EXAMPLE.read_bytes())
    return src


def _files(src):
    return sorted(src.glob("*.perf"))


def _run(src, **kw):
    return [(r.path, r.diagnostics) for r in runner.check_files(_files(src), **kw)]


def test_the_folder_has_diagnostics_of_several_kinds(folder):
    codes = {d.code for _, diags in _run(folder, jobs=1, use_cache=False) for d in diags}
    assert {"PF001", "PF104", "PF205", "PF408", "PF402", "PF301"} <= codes


def test_parallel_gives_the_same_diagnostics_in_the_same_order(folder):
    assert _run(folder, jobs=2, use_cache=False) == _run(folder, jobs=1, use_cache=False)


def test_parallel_cli_output_is_identical(folder):
    runner_ = CliRunner()
    one = runner_.invoke(cli, ["check", "-j", "1", "--no-cache", str(folder)])
    two = runner_.invoke(cli, ["check", "-j", "2", "--no-cache", str(folder)])
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output and "PF205" in one.output


def _count_compiles(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = runner.compile_text

    def counting(text, path, config):
        seen.append(path)
        return real(text, path, config)

    monkeypatch.setattr(runner, "compile_text", counting)
    return seen


def test_cache_hit_returns_identical_diagnostics(folder, monkeypatch):
    first = _run(folder, jobs=1)
    assert (folder.parent / CACHE_DIR / "check").is_dir()
    compiled = _count_compiles(monkeypatch)
    assert _run(folder, jobs=1) == first
    assert compiled == []  # every file came from the cache (the GBK one is never compiled)


def test_cache_hit_cli_output_is_identical(folder):
    args = ["check", "--format", "json", str(folder)]
    first = CliRunner().invoke(cli, args)
    again = CliRunner().invoke(cli, args)
    assert first.output == again.output and json.loads(first.output)


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
    assert len(compiled) == len(_files(folder)) - 1  # all but the unreadable GBK file
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
    assert len(compiled) == len(_files(folder)) - 1


def test_fingerprint_covers_code_grammar_and_profiles():
    names = {f.name for f in cache_mod.fingerprinted_files()}
    assert {"checker.py", "perf.lark", "national.toml"} <= names


def test_no_cache_writes_nothing(folder):
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(folder)])
    assert result.exit_code == 1
    assert not (folder.parent / CACHE_DIR).exists()


def test_a_corrupt_entry_is_a_miss(folder, monkeypatch):
    first = _run(folder, jobs=1)
    for entry in (folder.parent / CACHE_DIR / "check").iterdir():
        entry.write_text("{not json", encoding="utf-8")
    compiled = _count_compiles(monkeypatch)
    assert _run(folder, jobs=1) == first
    assert len(compiled) == len(_files(folder)) - 1


def test_the_cache_folder_keeps_out_of_git(folder):
    _run(folder, jobs=1)
    assert (folder.parent / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


_text = st.text(max_size=20)
_span = st.builds(Span, st.integers(1, 999), st.integers(1, 99), st.integers(1, 999), st.integers(1, 99))
_diagnostics = st.builds(
    Diagnostic,
    code=st.sampled_from(sorted(CATALOG)),
    args=st.dictionaries(st.sampled_from(["name", "text", "number", "hint"]),
                         st.one_of(_text, st.integers(-10, 10**6), st.none())),
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


def test_without_worker_processes_the_check_still_runs(folder, monkeypatch):
    import concurrent.futures

    def refuse(*_a, **_k):
        raise OSError("no semaphores in this sandbox")

    expected = _run(folder, jobs=1, use_cache=False)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert _run(folder, jobs=2, use_cache=False) == expected


def test_prune_removes_entries_unused_for_a_month_and_keeps_used_ones(folder):
    import os
    import time

    from perflang.cache import KEEP_UNUSED, Cache

    _run(folder, jobs=1)
    store = folder.parent / CACHE_DIR / "check"
    entries = sorted(p for p in store.iterdir() if p.name != ".pruned")
    old = time.time() - KEEP_UNUSED - 3600
    for entry in entries:
        os.utime(entry, (old, old))
    (folder / "b-vague.perf").unlink()  # its entry is not used again
    _run(folder, jobs=1)  # every other entry is a hit, which marks it used
    Cache(store).prune(now=time.time() + 2 * 86400)  # the daily look, two days on
    left = sorted(p for p in store.iterdir() if p.name != ".pruned")
    assert len(left) == len(entries) - 1 and set(left) < set(entries)


def test_prune_looks_at_most_once_a_day(folder):
    import os
    import time

    from perflang.cache import KEEP_UNUSED

    _run(folder, jobs=1)  # the first run looks, and leaves the marker
    store = folder.parent / CACHE_DIR / "check"
    old = time.time() - KEEP_UNUSED - 3600
    for entry in store.iterdir():
        if entry.name != ".pruned":
            os.utime(entry, (old, old))
    (folder / "b-vague.perf").write_text("项目 新 {\n}\n", encoding="utf-8")  # one new entry
    _run(folder, jobs=1)
    assert len([p for p in store.iterdir() if p.name != ".pruned"]) == len(_files(folder)) - 1 + 1
