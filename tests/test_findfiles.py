"""files_below lists what sorted(Path.rglob) listed before it (the check's file order)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.workspace.findfiles import files_below

_names = st.sampled_from(
    [
        "a.perf",
        "B.perf",
        "a",
        "a.perf.bak",
        ".perf",
        "..perf",
        "x.perf.",
        "报告.perf",
        "z.PERF",
        "m.toml",
        ".hidden.perf",
        "a b.perf",
    ]
)
_dirs = st.sampled_from(["sub", "Sub", "a", ".perflang_cache", "子目录", "a.perf"])
_tree = st.recursive(
    st.dictionaries(_names, st.none(), max_size=4),
    lambda inner: st.dictionaries(st.one_of(_names, _dirs), st.one_of(st.none(), inner), max_size=4),
    max_leaves=12,
)


def _make(folder: Path, tree: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, sub in tree.items():
        if sub is None:
            (folder / name).write_text("x", encoding="utf-8")
        else:
            _make(folder / name, sub)


def _reference(p: Path, suffixes) -> list[Path]:
    """perflang.cli.build.collect_files before files_below."""
    return sorted(f for f in p.rglob("*") if f.suffix in suffixes and f.is_file() and ".perflang_cache" not in f.parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_tree, links=st.booleans())
def test_the_same_files_in_the_same_order_as_rglob(tmp_path, tree, links):
    root = tmp_path / "t"
    shutil.rmtree(root, ignore_errors=True)
    _make(root, tree)
    if links:  # a link to a folder is not entered; a link to a file is listed
        os.symlink(root, root / "loop")
        os.symlink(root / "nowhere.perf", root / "dangling.perf")
        (tmp_path / "real.perf").write_text("x", encoding="utf-8")
        os.symlink(tmp_path / "real.perf", root / "linked.perf")
    for suffixes in ((".perf",), (".py", ".lark", ".toml")):
        assert files_below(root, suffixes) == _reference(root, suffixes)
        assert files_below(str(root), suffixes) == _reference(root, suffixes)


def test_nothing_inside_the_cache_folder(tmp_path):
    _make(tmp_path / ".perflang_cache" / "x", {"a.perf": None})
    assert files_below(tmp_path / ".perflang_cache", (".perf",)) == []


def test_a_relative_folder_gives_relative_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _make(tmp_path / "d", {"b.perf": None, "e": {"a.perf": None}})
    assert files_below("d", (".perf",)) == [Path("d/b.perf"), Path("d/e/a.perf")]
