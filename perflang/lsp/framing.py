"""The base protocol of LSP (`Content-Length: N` headers, a blank line, N bytes of JSON) read
from a byte stream that may be broken or hostile, in bounded memory.

pygls's own reader trusts the stream: a header it cannot read (`Content-Length: abc`) makes it
read the body and the next message's headers as one header line, and every later message is
lost; a header line longer than its buffer ends the server.  `Framer` instead
- caps a header line (MAX_HEADER_LINE) and the headers of one message (MAX_HEADERS): a longer one
  is dropped with its message;
- drops a message whose headers give no valid Content-Length, and finds the next message by its
  `Content-Length: N` line (a JSON body cannot hold that line: its strings cannot hold a raw line
  break), so the requests after it are answered;
- skips a body larger than MAX_BODY without holding it.
Each dropped message is reported (`Dropped`), with the bytes skipped when they are few, so that
the server can answer a request it could not read (its id is in there) and log the rest.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = ["Framer", "Dropped", "MAX_HEADER_LINE", "MAX_HEADERS", "MAX_BODY"]

MAX_HEADER_LINE = 8 * 1024  # `Content-Length: 123` and `Content-Type: …` are a few dozen bytes
MAX_HEADERS = 32  # header lines of one message
MAX_BODY = 64 * 2**20  # a .perf file of 64 MB is not edited in an editor
_KEEP = 64  # while looking for the next header: the bytes kept, in case it is cut between reads
_NEXT = re.compile(rb"Content-Length:[ \t]*[0-9]{1,12}[ \t]*\r?\n", re.I)
_LENGTH = re.compile(rb"[0-9]{1,12}")
_NAME = re.compile(rb"[A-Za-z0-9-]+")


@frozen
class Dropped:
    """A message not read: why (English, for the server's log), and what was skipped of it
    when that is small (its JSON, perhaps, with the id of a request to answer)."""

    reason: str
    skipped: bytes = b""


class Framer:
    """Bytes in (feed), message bodies and Dropped out, in stream order."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.state = "headers"  # headers | body | skip | line | resync
        self._reset()
        self.skip = 0
        self.reason = ""  # why the message being skipped (state resync or line) is dropped
        self.dropped = bytearray()  # what followed its headers, up to MAX_HEADER_LINE

    def _reset(self) -> None:
        self.length: int | None = None
        self.bad: str | None = None
        self.lines = 0

    def feed(self, data: bytes) -> list[bytes | Dropped]:
        """The messages (bodies) and drops that data completes."""
        self.buf += data
        out: list[bytes | Dropped] = []
        while self._step(out):
            pass
        return out

    def end(self) -> list[Dropped]:
        """At the end of the stream: a message cut short is dropped."""
        if self.state in ("body", "skip") or self.lines or (self.state == "resync" and self.reason):
            return [Dropped(self.reason or "the stream ended inside a message")]
        return []

    # -- one step: True when something was done and more may be -------------------------------
    def _step(self, out: list) -> bool:
        state = self.state
        if state == "headers":
            return self._header(out)
        if state == "body":
            if len(self.buf) < self.length:
                return False
            out.append(bytes(self.buf[: self.length]))
            del self.buf[: self.length]
            self._reset()
            self.state = "headers"
            return True
        if state == "skip":
            n = min(self.skip, len(self.buf))
            del self.buf[:n]
            self.skip -= n
            if self.skip:
                return False
            self.state = "headers"
            return True
        if state == "line":  # the rest of a header line too long to keep
            i = self.buf.find(b"\n")
            if i < 0:
                self.buf.clear()
                return False
            del self.buf[: i + 1]
            self.state = "resync"
            return True
        return self._resync(out)

    def _header(self, out: list) -> bool:
        i = self.buf.find(b"\n")
        if i < 0:
            if len(self.buf) > MAX_HEADER_LINE:
                self._drop(f"a header line longer than {MAX_HEADER_LINE} bytes", "line")
                self.buf.clear()
                return True
            return False
        if i > MAX_HEADER_LINE:
            self._drop(f"a header line longer than {MAX_HEADER_LINE} bytes", "resync")
            del self.buf[: i + 1]
            return True
        line = bytes(self.buf[:i]).rstrip(b"\r")
        del self.buf[: i + 1]
        if not line.strip():  # the end of the headers
            if self.lines == 0:  # a stray line break between messages
                return True
            if self.bad is not None or self.length is None:
                self._drop(self.bad or "no Content-Length header", "resync")
                return True
            if self.length > MAX_BODY:
                out.append(Dropped(f"a message of {self.length:,} bytes (the limit is {MAX_BODY:,})"))
                self.skip, self.state = self.length, "skip"
                self._reset()
                return True
            self.state = "body"
            return True
        self.lines += 1
        name, colon, value = line.partition(b":")
        if not colon or not _NAME.fullmatch(name.strip()) or self.lines > MAX_HEADERS:
            self.buf[:0] = line + b"\n"  # it may hold the next message's header (a body before it)
            why = (
                f"more than {MAX_HEADERS} header lines" if self.lines > MAX_HEADERS else "not a header: " + _shown(line)
            )
            self._drop(why, "resync")
            return True
        if name.strip().lower() == b"content-length":
            value = value.strip()
            if _LENGTH.fullmatch(value) and self.length is None:
                self.length = int(value)
            else:
                self.bad = "Content-Length: " + _shown(value)
        return True

    def _drop(self, reason: str, state: str) -> None:
        """Drop the message being read: look for the next one (resync) or skip a line first."""
        self._reset()
        self.state, self.reason = state, reason
        self.dropped = bytearray()

    def _resync(self, out: list) -> bool:
        m = _NEXT.search(self.buf)
        if m is None:
            if len(self.buf) > _KEEP:
                cut = len(self.buf) - _KEEP
                self._remember(self.buf[:cut])
                del self.buf[:cut]
            return False
        self._remember(self.buf[: m.start()])
        del self.buf[: m.start()]
        skipped = bytes(self.dropped) if len(self.dropped) <= MAX_HEADER_LINE else b""
        out.append(Dropped(self.reason, skipped))
        self.dropped, self.reason = bytearray(), ""
        self.state = "headers"
        return True

    def _remember(self, data) -> None:
        if len(self.dropped) <= MAX_HEADER_LINE:
            self.dropped += data[: MAX_HEADER_LINE + 1 - len(self.dropped)]


def _shown(value: bytes) -> str:
    """A header value as the log shows it: at most 40 characters, escapes visible."""
    return repr(value[:40])[2:-1] + ("…" if len(value) > 40 else "")
