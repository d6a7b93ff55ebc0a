"""eval's work grows linearly with its input (issue 11, item 6): finding each key's line scans
the text a bounded number of times, and 'did you mean' for many unknown names compares each
with a bounded number of candidates.  Counted, not timed."""

from __future__ import annotations

import difflib
import json

import pytest

from perflang.evaluation import actuals as actuals_mod
from perflang.scoring.core import CANDIDATES, CloseNames


class CountingText(str):
    """A text that counts how many characters its searches scan."""

    scanned = 0

    def find(self, sub, start=0, end=None):
        end = len(self) if end is None else min(end, len(self))
        at = str.find(self, sub, start, end)
        CountingText.scanned += max(0, (at + len(sub) if at >= 0 else end) - start)  # up to the match
        return at

    def count(self, sub, start=0, end=None):
        end = len(self) if end is None else min(end, len(self))
        CountingText.scanned += max(0, end - start)
        return str.count(self, sub, start, end)


def _actuals(n: int) -> dict:
    return {
        "format": "perflang-actuals/1",
        "projects": {
            f"项目{k}": {"executed": "5万元", "indicators": {f"指标{k}甲": "3人", f"指标{k}乙": "达成"}}
            for k in range(n)
        },
    }


@pytest.mark.parametrize("n", [50, 400])
def test_key_lines_scan_the_text_a_bounded_number_of_times(n):
    data = _actuals(n)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    CountingText.scanned = 0
    lines = actuals_mod._json_lines(CountingText(text), data)
    assert CountingText.scanned <= 12 * len(text)
    # and every line is right
    for k in (0, n // 2, n - 1):
        assert text.splitlines()[lines[("project", f"项目{k}")] - 1].lstrip().startswith(f'"项目{k}"')
        assert f'"指标{k}乙"' in text.splitlines()[lines[("indicator", f"项目{k}", f"指标{k}乙")] - 1]


def test_many_unknown_names_each_meet_few_candidates(monkeypatch):
    calls = []

    class Counting(difflib.SequenceMatcher):
        def set_seq1(self, a):
            calls.append(a)
            super().set_seq1(a)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    known = [f"{k:04d}号楼{'甲乙丙丁'[k % 4]}区改造工程" for k in range(2000)]
    names = CloseNames(known)
    calls.clear()
    for k in range(0, 2000, 10):
        names.close(f"{k:04d}号楼{'甲乙丙丁'[k % 4]}区改造功程")  # a typo
    assert len(calls) <= 200 * (CANDIDATES + 1)


def test_close_names_still_finds_the_one_meant():
    known = [f"{k:04d}号楼{'甲乙丙丁'[k % 4]}区改造工程" for k in range(2000)]
    assert CloseNames(known).close("1234号楼丙区改造功程")[0] == "1234号楼丙区改造工程"
    few = ["政务服务工作", "市民中心运行"]
    assert CloseNames(few).close("政务服务") == difflib.get_close_matches("政务服务", sorted(few), n=3, cutoff=0.4)
