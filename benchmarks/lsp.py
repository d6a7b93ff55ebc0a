"""The language server's figures (issue 14): a one-character edit, from the moment the editor
sends it until the diagnostics of that version arrive, with `perflang lsp` driven over stdio
pipes by the small JSON-RPC client below, as an editor drives it.

    edit in a 2,000-project file  vs  a full check of that file in-process      ≤ 0.1×
    edit in a one-project file    vs  the in-process compile of that file       ≤ 1.5×
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from measure import Figure, cli_env, pairwise, perflang_command

from perflang.api import compile_text


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

    def receive(self) -> dict:
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
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.receive()
            if msg.get("id") == self.next_id and "method" not in msg:
                return msg

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
        self.version += 1
        rng = {
            "start": {"line": self.line, "character": self.char},
            "end": {"line": self.line, "character": self.char + 1},
        }
        self.client.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": self.uri, "version": self.version},
                    "contentChanges": [{"range": rng, "text": self.digit}],
                },
            }
        )
        self.client.diagnostics(self.uri, self.version)


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
    ]
