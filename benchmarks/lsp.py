"""The language server's figures (issues 14 and 27): `perflang lsp` driven over stdio pipes by
the small JSON-RPC client below, as an editor drives it.

    edit in a 2,000-project file  vs  a full check of that file in-process      ≤ 0.1×
    edit in a one-project file    vs  the in-process compile of that file       ≤ 1.5×

and, on the 2,000-project file (formatted by perflang fmt, as a file an editor keeps formatted),
each with a median of at most 0.3 s (issue 27) and against a full check in-process:

    an edit in the header (申报单位), didChange sent -> its diagnostics received
    documentSymbol, semanticTokens/full, formatting: the request after a one-character edit,
        sent -> the answer's bytes received
    hover while a check of every project runs (after 金额单位 changed): ≤ 0.2 s
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from measure import Figure, alternate, cli_env, load_average, pairwise, perflang_command

from perflang.api import compile_text
from perflang.syntax.formatter import format_text


class StdioClient:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, args: list[str], env: dict, cwd: Path):
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd
        )
        self.next_id = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive_bytes(self) -> bytes:
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("perflang lsp stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return self.proc.stdout.read(length)

    def receive(self) -> dict:
        return json.loads(self.receive_bytes())

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.receive()
            if msg.get("id") == self.next_id and "method" not in msg:
                return msg

    def timed_request(self, method: str, params) -> tuple[float, bytes]:
        """(seconds from sending the request to having its answer's bytes, the bytes): the
        answer is not parsed inside the time (an editor parses it too, but that is the editor)."""
        self.next_id += 1
        mark = b'"id":%d' % self.next_id
        start = time.perf_counter()
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            body = self.receive_bytes()
            if len(body) < 65536:  # small: read it (pygls writes `"id": 3`, the server's own `"id":3`)
                msg = json.loads(body)
                if msg.get("id") == self.next_id and "method" not in msg:
                    return time.perf_counter() - start, body
                continue
            head = body[:200]
            if b'"method"' not in head and (mark + b"," in head or mark + b"}" in head):
                return time.perf_counter() - start, body

    def diagnostics(self, uri: str, version: int) -> list:
        """Wait for the diagnostics of uri at version."""
        while True:
            msg = self.receive()
            if msg.get("method") == "textDocument/publishDiagnostics":
                p = msg["params"]
                if p["uri"] == uri and p.get("version") == version:
                    return p["diagnostics"]

    def start(self, root: Path) -> None:
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.send({"method": "initialized", "params": {}})

    def stop(self) -> None:
        try:
            self.request("shutdown", None)
            self.send({"method": "exit"})
            self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


class Editing:
    """One open document and a one-character edit typed back and forth (9 <-> 8 at a place in
    the middle of the file): each call sends the edit and waits for its diagnostics."""

    def __init__(self, client: StdioClient, path: Path, text: str):
        self.client, self.uri, self.text = client, path.as_uri(), text
        self.version = 1
        client.send(
            {
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": self.uri, "languageId": "perf", "version": 1, "text": text}},
            }
        )
        client.diagnostics(self.uri, 1)
        lines = text.split("\n")
        self.line = next(i for i in range(len(lines) // 2, len(lines)) if "≥9" in lines[i])
        self.char = lines[self.line].index("≥9") + 1  # ASCII digits after BMP text: UTF-16 index
        self.char = len(lines[self.line][: self.char].encode("utf-16-le")) // 2
        self.digit = "9"

    def __call__(self) -> None:
        self.digit = "8" if self.digit == "9" else "9"
        self.replace(self.line, self.char, self.char + 1, self.digit)
        self.client.diagnostics(self.uri, self.version)

    def replace(self, line: int, start: int, end: int, text: str) -> None:
        """Send the edit (UTF-16 characters of a line); the version goes up."""
        self.version += 1
        rng = {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}
        self.client.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": self.uri, "version": self.version},
                    "contentChanges": [{"range": rng, "text": text}],
                },
            }
        )

    def close(self) -> None:
        self.client.send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": self.uri}}})


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def one_project(text: str) -> str:
    """The file's settings and its first project."""
    second = text.index("\n项目 ", text.index("\n项目 ") + 1)
    return text[: second + 1]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def big_file_figures(client: StdioClient, path: Path, repeat: int) -> list[Figure]:
    """Issue 27's figures on the 2,000-project file as perflang fmt writes it."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    doc = Editing(client, path, text)

    def full():
        compile_text(text, str(path))

    # an edit in the header: 申报单位's value, one character back and forth
    head = next(i for i, line in enumerate(lines) if line.startswith("申报单位 "))
    char = _utf16(lines[head])
    state = {"header": False}

    def header_edit() -> float:
        start = time.perf_counter()
        if state["header"]:
            doc.replace(head, char, char + 1, "")
        else:
            doc.replace(head, char, char, "甲")
        state["header"] = not state["header"]
        client.diagnostics(doc.uri, doc.version)
        return time.perf_counter() - start

    t_header, t_full = alternate(header_edit, full, repeat)

    # a line to push out of the formatter's layout (two more spaces of indentation) and back
    loose = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("      ") and ":" in lines[i])

    def after_edit(method: str, params: dict, unformat: bool = False):
        """A one-character edit (and its diagnostics), then the request, timed; for formatting
        the edit also indents a line wrongly, so that the answer holds one edit (put back after)."""
        sizes, times = [], []

        def run() -> float:
            doc()
            if unformat:
                doc.replace(loose, 0, 0, "  ")
                client.diagnostics(doc.uri, doc.version)
            seconds, body = client.timed_request(method, {"textDocument": {"uri": doc.uri}, **params})
            if unformat:
                assert b'"newText"' in body, body[:300]
                doc.replace(loose, 0, 2, "")
                client.diagnostics(doc.uri, doc.version)
            sizes.append(len(body))
            times.append(seconds)
            return seconds

        return run, sizes, times

    figures = [
        Figure(
            "perflang lsp: an edit in the header (申报单位) of the 2,000-project file, didChange sent -> its diagnostics received",
            t_header,
            "compile_text of the whole file in-process (a full check)",
            t_full,
            0.1,
            at_most=0.3,
            notes=[f"load average {load_average()}"],
        )
    ]
    for name, method, params in (
        ("documentSymbol", "textDocument/documentSymbol", {}),
        ("semanticTokens/full", "textDocument/semanticTokens/full", {}),
        ("formatting", "textDocument/formatting", {"options": {"tabSize": 2, "insertSpaces": True}}),
    ):
        run, sizes, times = after_edit(method, params, unformat=name == "formatting")
        mine, base = alternate(run, full, repeat)
        what = "one edit" if name == "formatting" else f"{statistics.median(sizes) / 2**20:.2f} MiB"
        figures.append(
            Figure(
                f"perflang lsp: {name} of the 2,000-project file after a one-character edit, request sent -> answer received",
                mine,
                "compile_text of the whole file in-process (a full check)",
                base,
                0.15,
                at_most=0.3,
                notes=[
                    f"answer: {what}; the first request after the file was opened (every project laid out): "
                    f"{times[0]:.2f} s; load average {load_average()}"
                ],
            )
        )

    # hover while every project is checked again (金额单位 万元 <-> 元 changes every budget)
    unit_line = next(i for i, line in enumerate(lines) if line.startswith("金额单位 "))
    at = lines[unit_line].index(" ") + 1
    target = next(i for i in range(len(lines) * 3 // 4, len(lines)) if "≥" in lines[i] and ":" in lines[i])
    position = {"line": target, "character": _utf16(lines[target][: lines[target].index(":") - 1])}
    state["unit"] = lines[unit_line][at:]
    rechecks = []

    def hover_while_checking() -> float:
        old = state["unit"]
        new = "元" if old == "万元" else "万元"
        state["unit"] = new
        sent = time.perf_counter()
        doc.replace(unit_line, _utf16(lines[unit_line][:at]), _utf16(lines[unit_line][:at]) + len(old), new)
        seconds, body = client.timed_request(
            "textDocument/hover", {"textDocument": {"uri": doc.uri}, "position": position}
        )
        assert b"contents" in body, body[:300]
        client.diagnostics(doc.uri, doc.version)  # the check of every project, through
        rechecks.append(time.perf_counter() - sent)
        return seconds

    t_hover, t_full2 = alternate(hover_while_checking, full, repeat)
    figures.append(
        Figure(
            "perflang lsp: hover in the 2,000-project file while every project is checked again (金额单位 changed), request sent -> answer received",
            t_hover,
            "compile_text of the whole file in-process (a full check)",
            t_full2,
            0.1,
            at_most=0.2,
            notes=[
                f"the check it ran beside (didChange sent -> the diagnostics of every project): median "
                f"{statistics.median(rechecks):.2f} s; load average {load_average()}"
            ],
        )
    )
    # a syntax error in one project: the other projects keep their diagnostics (no timing).  The
    # file has none; a vague value in the last project gives one (PF408), then a "{" too many in
    # the first project a syntax error
    last = max(i for i, line in enumerate(lines) if line.startswith("      ") and ":" in line)
    colon = lines[last].index(":") + 1
    doc.replace(last, _utf16(lines[last][:colon]), _utf16(lines[last]), " 确保优化")
    vague = client.diagnostics(doc.uri, doc.version)
    group = next(i for i, line in enumerate(lines) if line.strip().endswith("{") and "/" in line)
    doc.replace(group, _utf16(lines[group]), _utf16(lines[group]), "{")
    broken = client.diagnostics(doc.uri, doc.version)
    kept = [d["code"] for d in broken if not d["code"].startswith("PF1")]
    figures[0].notes.append(
        f"a syntax error in the first project while the last has a warning: {[d['code'] for d in vague]} before, "
        f"{[d['code'] for d in broken]} after (the whole file's check would give its syntax errors alone); "
        f"kept: {kept == [d['code'] for d in vague]}"
    )
    doc.close()
    return figures


def lsp_figures(paths, work: Path, repeat: int) -> list[Figure]:
    env = cli_env(work / "pycache")
    big_text = paths["perf"].read_text(encoding="utf-8")
    small_text = one_project(big_text)
    small_path = work / "one-project.perf"
    small_path.write_text(small_text, encoding="utf-8")
    client = StdioClient(perflang_command() + ["lsp"], env, work)
    try:
        client.start(work)
        big = Editing(client, paths["perf"], big_text)
        t_edit, t_full = pairwise(big, lambda: compile_text(big_text, str(paths["perf"])), repeat)
        small = Editing(client, small_path, small_text)
        runs = max(20, repeat * 10)  # a few milliseconds each: more runs for a steady median
        before = cpu_seconds(client.proc.pid)
        t_small, t_compile = pairwise(small, lambda: compile_text(small_text, str(small_path)), runs)
        after = cpu_seconds(client.proc.pid)
        big.close()
        small.close()
        formatted = work / "province-formatted.perf"
        formatted.write_text(format_text(big_text)[0], encoding="utf-8")
        more = big_file_figures(client, formatted, repeat)
    finally:
        client.stop()
    cpu = []
    if before is not None and after is not None:
        cpu = [
            f"the server's CPU time per edit (user + system, /proc): {(after - before) / (runs + 1) * 1000:.2f} ms; "
            f"the rest of the round trip is waiting: pipes, the scheduler (load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} cores)"
        ]
    lines = big_text.count("\n")
    return [
        Figure(
            f"perflang lsp: one-character edit in a 2,000-project file ({lines:,} lines), "
            "didChange sent -> its diagnostics received",
            t_edit,
            "compile_text of the whole file in-process (a full check)",
            t_full,
            0.1,
        ),
        Figure(
            f"perflang lsp: one-character edit in a one-project file ({small_text.count(chr(10))} lines), "
            "didChange sent -> its diagnostics received",
            t_small,
            "compile_text of that file in-process",
            t_compile,
            1.5,
            unit="ms",
            notes=cpu,
        ),
        *more,
    ]
