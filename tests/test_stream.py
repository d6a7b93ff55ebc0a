"""A big file read, checked and built project by project (perflang/workspace/stream.py): the cuts
are split_projects', the diagnostics ProjectChecker's (compile_text's whenever every project
parses), the same with worker processes as without, and the output of `build` byte for byte
the in-memory backend's.  (The bounded memory is a figure of benchmarks/run.py, not a test.)"""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_documents
from test_lsp_incremental import PIECES, PROJECTS, starts

from perflang.api import check_by_project, compile_file, compile_text
from perflang.backends import get
from perflang.cli import cli
from perflang.config import Config
from perflang.syntax.split import project_line, split_projects
from perflang.workspace import stream
from perflang.workspace.runner import check_files
from perflang.workspace.stream import FileStream, NotStreamable, read_pieces

SOME = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
DAMAGE = ["{\n", "}\n", "产处 / 数量\n", "人数: \n", "  预算 \n", '"', "项目 \n", "｛\n", "长期目标 1 同\n"]


def blocks(text: str, cuts: list[int]) -> list[str]:
    """text cut at the given offsets."""
    cuts = sorted({min(max(c, 0), len(text)) for c in cuts})
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


@SOME
@given(st.lists(st.sampled_from(PIECES + PROJECTS), max_size=40).map("".join), st.lists(st.integers(0, 600)))
def test_pieces_read_in_blocks_are_split_projects(text, cuts):
    prefix, chunks = split_projects(text)
    assert list(read_pieces(blocks(text, cuts))) == [(1, prefix), *chunks]
    # the file line of each chunk's project line, found as it is cut, is project_line's
    lines = [at for _, _, at in stream._pieces(blocks(text, cuts))]
    assert lines == [None] + [first + project_line(chunk) for first, chunk in chunks]


@SOME
@given(
    st.lists(st.sampled_from(["\n", "项目", "project", " ", "\t", "\u3000", '"', "x", "#", "项", "\n项目 "])).map(
        "".join
    ),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_the_project_finder_finds_what_the_pattern_finds(text, pos, end):
    """_pieces's finder is split's pattern searched from pos to end, only faster."""
    from perflang.syntax.split import _project_start

    pos, end = min(pos, len(text)), min(end, len(text))
    m = _project_start().search(text, pos, end)
    assert stream._project_finder()(text, pos, end) == (m.start() if m else None)


@st.composite
def files(draw) -> str:
    """A file of several projects: valid ones, a name used twice, and some damaged by a syntax
    error (a line dropped, a piece that does not belong put in), with comments between them."""
    doc = draw(valid_documents(6)).text
    prefix, chunks = split_projects(doc)
    chunks = [c for _, c in chunks]
    chunks += draw(st.lists(st.sampled_from(PROJECTS), max_size=3))
    chunks = draw(st.permutations(chunks))
    out = []
    for chunk in chunks:
        lines = chunk.splitlines(keepends=True)
        how = draw(st.sampled_from(["keep", "keep", "drop", "insert", "comment"]))
        if how == "drop" and len(lines) > 1:
            del lines[draw(st.integers(1, len(lines) - 1))]
        elif how == "insert":
            lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(DAMAGE)))
        elif how == "comment":
            lines.insert(0, "# 上一个项目之后的注释\n\n")
        out.append("".join(lines))
    return prefix + "".join(out)


def _write(tmp_path, text: str, name: str = "f.perf"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def streamed(path, jobs: int = 1, config: Config | None = None):
    """The check as the runner does it: project by project, else the whole text."""
    try:
        return FileStream(path, config, jobs).check()
    except NotStreamable:
        return compile_file(path, config).diagnostics


@SOME
@given(st.one_of(starts(), files()))
def test_streamed_check_is_the_project_by_project_check(tmp_path_factory, text):
    path = _write(tmp_path_factory.mktemp("s"), text)
    whole = compile_text(text, str(path))
    by_project = check_by_project(text, str(path))
    assert streamed(path) == by_project
    if whole.parse_ok:  # every project parses: exactly the whole text's diagnostics
        assert streamed(path) == whole.diagnostics


@FEW
@given(files(), st.integers(20, 400))
def test_workers_give_the_serial_diagnostics(tmp_path_factory, monkeypatch_batches, text, batch):
    """With worker processes (batches small enough that several are in flight), the diagnostics
    are those of the serial run, syntax errors in some projects included."""
    monkeypatch_batches(batch)
    path = _write(tmp_path_factory.mktemp("w"), text)
    assert streamed(path, jobs=2) == streamed(path, jobs=1) == check_by_project(text, str(path))


@pytest.fixture
def monkeypatch_batches(monkeypatch):
    def set_size(n: int) -> None:
        monkeypatch.setattr(stream, "_BATCH_CHARS", n)

    return set_size


def test_select_and_ignore_apply_as_in_the_whole_check(tmp_path):
    text = (EXAMPLES / "ezhou-data-bureau.perf").read_text(encoding="utf-8")
    text += "\n项目 政务服务工作 {\n  预算 1\n}\n"  # PF204 and the project's own warnings
    path = _write(tmp_path, text)
    for config in (Config(ignore=("PF204",)), Config(select=("PF2",)), Config(ignore=("PF4",))):
        got = FileStream(path, config).check()
        assert got == compile_text(text, str(path), config).diagnostics
        assert got == check_by_project(text, str(path), config)


def test_what_cannot_be_streamed_says_so(tmp_path):
    setting_below = "申报单位 某局\n项目 甲 {\n  预算 1\n}\n金额单位 元\n项目 乙 {\n  预算 2\n}\n"
    for data in [
        "申报单位 某局\n".encode(),  # no project line
        setting_below.encode(),  # a chunk that is not one project
        "项目 甲 {\n}\n".encode("utf-16"),
        "项目 甲 {\n  预算 1\n}\n".encode() + b"\xff\n",  # not UTF-8
        "项目 甲 {\n  预算 一\n}\n".encode()[:-4],  # cut inside a character
    ]:
        path = tmp_path / "x.perf"
        path.write_bytes(data)
        with pytest.raises(NotStreamable):
            FileStream(path).check()


def test_line_breaks_and_bom_are_read_as_decode_reads_them(tmp_path):
    text = "\ufeff申报单位 某局\r\n项目 甲 {\r  预算 x\r\n}\r\n\r\n项目 甲 {\n  预算 2\n}"
    path = tmp_path / "crlf.perf"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for size in (1, 2, 3, 5, 1 << 20):  # a CR LF or the BOM split between blocks
        stream._BLOCK, old = size, stream._BLOCK
        try:
            assert FileStream(path).check() == compile_file(path).diagnostics
        finally:
            stream._BLOCK = old


def test_the_digest_is_the_bytes_sha256_when_asked_for(tmp_path):
    import hashlib

    path = _write(tmp_path, (EXAMPLES / "ezhou-data-bureau.perf").read_text(encoding="utf-8"))
    hashed, bare = FileStream(path), FileStream(path, digest=False)
    assert hashed.check() == bare.check()
    assert hashed.digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert bare.digest is None  # the check without a cache needs none


# -- the folder check and build through the command line ---------------------------------------


@pytest.fixture
def always(monkeypatch):
    """Every file is big enough to be read project by project."""
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)


def _province(k: int = 3) -> str:
    """The examples' projects, each k times under other names, after the seed's settings."""
    seed = (EXAMPLES / "ezhou-data-bureau.perf").read_text(encoding="utf-8")
    prefix, _ = split_projects(seed)
    out = [prefix]
    for i in range(k):
        for ex in sorted(EXAMPLES.glob("*.perf")):
            for _, chunk in split_projects(ex.read_text(encoding="utf-8"))[1]:
                out.append(chunk.replace("项目 ", f"项目 第{i}批", 1) if i else chunk)
    return "".join(out)


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_output_is_the_whole_files(tmp_path, monkeypatch, jobs):
    text = (
        _province(2)
        + "\n项目 政务服务工作 {\n  预算 1\n  年度目标 1 {\n    产出 / 数量 {\n      人数: ≥3人\n    }\n  }\n}\n"
    )
    path = _write(tmp_path, text, "big.perf")
    runner = CliRunner()
    outputs = []
    for size in (1 << 60, 0):
        monkeypatch.setattr(stream, "STREAM_BYTES", size)
        for fmt in ("text", "json", "github"):
            r = runner.invoke(cli, ["check", "--no-cache", "-j", str(jobs), "--format", fmt, str(path)])
            outputs.append((r.exit_code, r.output))
    assert outputs[:3] == outputs[3:]
    assert "PF204" in outputs[0][1]


def test_the_cache_keeps_a_streamed_files_result(tmp_path, always, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "perflang.toml").write_text("", encoding="utf-8")
    path = _write(tmp_path, _province(1) + "项目 政务服务工作 {\n  预算 1\n}\n", "big.perf")
    first = check_files([path])
    assert first[0].diagnostics and first[0].diagnostics == compile_file(path).diagnostics
    again = check_files([path])
    assert again[0].diagnostics == first[0].diagnostics


@pytest.mark.parametrize("target", ["json", "tsv", "html"])
@pytest.mark.parametrize("k", [1, 3])
def test_build_writes_the_in_memory_backends_bytes(tmp_path, always, target, k):
    text = _province(k)
    path = _write(tmp_path, text, "big.perf")
    out = tmp_path / f"out.{target}"
    r = CliRunner().invoke(cli, ["build", str(path), "--to", target, "-o", str(out)])
    assert r.exit_code == 0, r.output
    model = compile_file(path).model
    expected = get(target).render(model)
    assert out.read_bytes() == (expected if isinstance(expected, bytes) else expected.encode("utf-8"))
    if target == "json":
        assert len(json.loads(out.read_text(encoding="utf-8"))["projects"]) == len(model.projects)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
def test_each_example_streamed_is_rendered(tmp_path, always, path):
    for target in ("json", "tsv", "html"):
        out = tmp_path / f"out.{target}"
        r = CliRunner().invoke(cli, ["build", str(path), "--to", target, "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert out.read_text(encoding="utf-8") == get(target).render(compile_file(path).model)


def test_a_file_with_errors_found_late_leaves_the_old_output(tmp_path, always):
    text = _province(1) + "项目 政务服务工作 {\n  预算 1\n}\n"  # PF204: known only at the end
    path = _write(tmp_path, text, "big.perf")
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    r = CliRunner().invoke(cli, ["build", str(path), "--to", "json", "-o", str(out)])
    assert r.exit_code == 1 and "PF204" in r.output
    assert out.read_text(encoding="utf-8") == "old"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_build_with_workers_writes_the_same_bytes(tmp_path, always, monkeypatch):
    monkeypatch.setattr(stream, "_BATCH_CHARS", 200)  # many batches in flight
    path = _write(tmp_path, _province(3), "big.perf")
    out = tmp_path / "out.json"
    r = CliRunner().invoke(cli, ["build", str(path), "--to", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == get("json").render(compile_file(path).model)


@pytest.mark.parametrize("target", ["tsv", "html"])
def test_build_with_another_form_writes_the_same_bytes(tmp_path, always, target):
    path = _write(tmp_path, _province(1), "big.perf")
    out = tmp_path / f"out.{target}"
    r = CliRunner().invoke(cli, ["build", str(path), "--to", target, "--form", "申报表", "-o", str(out)])
    assert r.exit_code == 0, r.output
    from perflang.forms import resolve_form

    expected = get(target).render(compile_file(path).model, form=resolve_form("申报表"))
    assert out.read_text(encoding="utf-8") == expected


def test_a_read_error_while_streaming_falls_back_to_the_whole_file(tmp_path, always, monkeypatch):
    """A failure to read the input is no failure to write the output (PF901): the whole text's
    compile reads the file again and reports it (PF004) if it still cannot."""
    import errno

    def unreadable(path, digest):
        yield "项目"
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(stream, "_decoded", unreadable)
    path = _write(tmp_path, _province(1), "big.perf")
    out = tmp_path / "o.json"
    r = CliRunner().invoke(cli, ["build", str(path), "--to", "json", "-o", str(out)])
    assert r.exit_code == 0 and "PF901" not in r.output
    assert out.read_text(encoding="utf-8") == get("json").render(compile_file(path).model)


_REAL_BATCH = stream._compile_batch
_TEST_PROCESS = os.getpid()


def _dying(path, config, header, items, render):
    """_compile_batch, except that a worker given a project below line 200 dies."""
    if os.getpid() != _TEST_PROCESS and items[0][0] > 200:
        os._exit(1)
    return _REAL_BATCH(path, config, header, items, render)


def test_a_worker_that_dies_leaves_its_projects_to_this_process(tmp_path, monkeypatch):
    """A worker killed mid-file (out of memory, say): the projects it had, and those after, are
    compiled here and the diagnostics are the serial run's."""
    monkeypatch.setattr(stream, "_BATCH_CHARS", 300)
    monkeypatch.setattr(stream, "_compile_batch", _dying)
    text = _province(2) + "项目 政务服务工作 {\n  预算 1\n}\n"
    path = _write(tmp_path, text, "big.perf")
    assert FileStream(path, jobs=2).check() == check_by_project(text, str(path))


class _BreaksOnSecondSubmit:
    """A pool whose second submit finds it broken (a worker died between two submits)."""

    def __init__(self, jobs):
        self.submitted = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        self.submitted += 1
        if self.submitted > 1:
            raise BrokenProcessPool("a worker died")
        done = Future()
        done.set_result(fn(*args))
        return done

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_a_pool_found_broken_at_a_submit_loses_no_project(tmp_path, monkeypatch):
    """The batch being handed over when the pool is found broken is compiled here like the
    queued ones (it was dropped: its projects' diagnostics missing, one run in three of the test
    above)."""
    from perflang.workspace import pool

    monkeypatch.setattr(stream, "_BATCH_CHARS", 300)
    monkeypatch.setattr(pool, "workers", _BreaksOnSecondSubmit)
    text = _province(2) + "项目 政务服务工作 {\n  预算 1\n}\n"
    path = _write(tmp_path, text, "big.perf")
    assert FileStream(path, jobs=2).check() == check_by_project(text, str(path))


def test_a_project_line_inside_a_block_is_read_as_the_whole_text_reads_it(tmp_path):
    """`项目 ` typed at the start of an indicator line: the cut there makes two projects that do
    not parse, but the whole text parses (inside a block the line is an indicator's), so the file
    is compiled whole and its diagnostics are the whole text's; with a block that is merely left
    open, the projects are still read one by one (their syntax errors each in its project)."""
    from conftest import SEED_EXAMPLE

    seed = SEED_EXAMPLE.read_text(encoding="utf-8")
    at = seed.rindex("      群众满意度")
    text = seed[:at] + "项目 " + seed[at:]
    path = _write(tmp_path, text)
    whole = compile_text(text, str(path))
    assert whole.document is not None and len(split_projects(text)[1]) == 6  # parses; cut into six
    with pytest.raises(NotStreamable):
        FileStream(path, None, 1).check()
    assert streamed(path) == whole.diagnostics == check_by_project(text, str(path))

    broken = seed[:at] + "项目 乙 {\n" + seed[at:]  # a block opened and never closed: no whole parse
    path = _write(tmp_path, broken, "g.perf")
    assert compile_text(broken, str(path)).document is None
    assert FileStream(path, None, 1).check() == check_by_project(broken, str(path))
