"""Files perflang writes and the small files it reads.

Writing outputs: a regular file is replaced atomically (a temporary file beside it, then
os.replace); anything else that exists is written through, in place.

What `-o PATH` does with what is already at PATH (docs/cli.md):
- nothing there, or a regular file: the new file is written beside it and renamed onto it, so a
  reader sees the old file or the whole new one; an existing file keeps its permissions;
- a regular file with several hard links: the same (a new file renamed onto PATH): PATH holds
  the whole new text, the other links keep the old one, and no link ever sees a half-written
  file, also when the command is interrupted while writing;
- a symlink: its target is written (by the same rules) and the link kept;
- a device, a FIFO, /dev/stdout and the like: opened and written through, never replaced;
- a read-only file: refused (OutputError PF906), nothing written;
- one of the command's input files: refused (OutputError PF902), nothing written.
A PATH ending in '/' names a folder (see output_in_folder); `-o -` is standard output
(output_arg).

`create_new` makes a file that must not exist (`perflang new`): written beside it, then linked
to its name, which fails when anything (a file, a dangling symlink) took the name meanwhile.

Reading the settings files a .perf names or sits under (a 表样 form file, a 评分方案 profile,
perflang.toml): `read_regular` reads only a regular file (through symlinks) of a bounded size,
without blocking on a FIFO or reading a device (InputError, PF907).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import PerflangError
from .messages import phrase

__all__ = [
    "write_atomic",
    "write_output",
    "create_new",
    "output_arg",
    "read_regular",
    "OutputError",
    "InputError",
    "MAX_SETTINGS_BYTES",
    "names_folder",
    "same_file",
    "reason",
]

# the causes a user meets, in Chinese (the English is the system's own text)
# the causes a message names in the user's language (phrases errno.NAME of the catalog; the
# others as the system says them)
_NAMED = frozenset(
    ("ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "ENOENT", "EISDIR", "ENOTDIR", "ENAMETOOLONG", "EIO", "EEXIST")
)


class OutputError(PerflangError):
    """An output that must not be written: code (in perflang.messages) and its args."""


class InputError(PerflangError):
    """A file that is not read (PF907): not a regular file, or too large; `why` (a phrase of the
    catalog) says which, for a message that quotes it (a form file's, a profile's)."""

    def __init__(self, file, why) -> None:
        super().__init__("PF907", file=str(file), why=why)

    @property
    def why(self):
        return self.fields["why"]


# a form file, a scoring profile, a perflang.toml: a few kilobytes; a megabyte is not one of them
MAX_SETTINGS_BYTES = 2**20

_KINDS = (
    (stat.S_ISDIR, "kind.folder"),
    (stat.S_ISFIFO, "kind.fifo"),
    (stat.S_ISCHR, "kind.char"),
    (stat.S_ISBLK, "kind.block"),
    (stat.S_ISSOCK, "kind.socket"),
)


def read_regular(path: str | Path, limit: int = MAX_SETTINGS_BYTES, pipe: bool = False) -> bytes:
    """The bytes of the regular file at path (a symlink is followed), at most limit of them.
    Anything else is refused without blocking and without reading it: a FIFO (opened
    non-blocking), a device (/dev/zero, also through a symlink), a folder; and a file larger than
    limit, by its size or by what reading it gives (/proc): InputError (PF907).  With pipe, a
    FIFO or pipe is read too (`perflang import <(cat table.txt)`: what a user pipes in is meant
    to be read), waiting for its writer as `cat` does, and refused past limit bytes.
    OSError as open() raises it (missing, no permission)."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not (pipe and _is_fifo(path)):  # a pipe to read is opened blocking: its writer is waited for
        flags |= getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if pipe and stat.S_ISFIFO(st.st_mode):
            os.set_blocking(fd, True)  # (made a FIFO after the look above: read it all the same)
        elif not stat.S_ISREG(st.st_mode):
            kind = next((key for test, key in _KINDS if test(st.st_mode)), "kind.special")
            raise InputError(path, phrase("read.special", kind=phrase(kind)))
        if st.st_size > limit:
            raise InputError(path, phrase("read.too_large", size=f"{st.st_size:,}", limit=f"{limit:,}"))
        chunks: list[bytes] = []
        total = 0
        while True:  # the size said is not trusted: what is read is counted
            chunk = os.read(fd, min(2**16, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(path, phrase("read.too_large", size=f"{total:,}+", limit=f"{limit:,}"))
    finally:
        os.close(fd)


def _is_fifo(path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:  # os.open says why
        return False


def output_arg(output: str | None) -> str | None:
    """-o as given: `-o -` means standard output, as it does for gzip or sort (None)."""
    return None if output == "-" else output


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def names_folder(out: str) -> bool:
    """-o OUT names a folder: it is one, or it ends with a path separator."""
    return out.endswith(("/", os.sep)) or Path(out).is_dir()


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether a and b are the same existing file (through links, '..', hard links)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _system(path: Path) -> bool:
    """/dev/stdout, /proc/self/fd/1 and the like: names of something the system holds open,
    written through even when they lead to a regular file (a shell's `> out`)."""
    return any(str(p).startswith(("/dev/", "/proc/")) for p in (path.absolute(), os.path.realpath(path)))


def _pieces(data: str | bytes | Iterable[str]):
    for piece in [data] if isinstance(data, str | bytes) else data:
        yield piece.encode("utf-8") if isinstance(piece, str) else piece


def write_output(path: str | Path, data: str | bytes | Iterable[str], inputs: Iterable = ()) -> None:
    """Write data to path as the module's docstring says; OutputError when path is one of
    inputs or read-only, or the system says no (PF901, with the cause)."""
    try:
        if isinstance(path, str) and path.endswith(("/", os.sep)):  # a folder, not a file
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        _write_output(Path(path), data, inputs)
    except OSError as exc:
        raise OutputError("PF901", file=str(path), reason=reason(exc)) from exc


def _write_output(path: Path, data, inputs) -> None:
    for f in inputs:
        if same_file(path, f):
            raise OutputError("PF902", file=str(path))
    try:
        st = os.stat(path)  # through a symlink: what the link points at
    except FileNotFoundError:
        st = None
    if st is not None and (not stat.S_ISREG(st.st_mode) or _system(path)):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(path))
        with open(path, "wb") as f:  # a device, a FIFO, a terminal: written through
            for piece in _pieces(data):
                f.write(piece)
        return
    if st is not None and not st.st_mode & 0o222:
        raise OutputError("PF906", file=str(path))
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    # also with hard links: written in place, an interrupt would leave the new text's head and
    # the old text's tail in every link; replaced, PATH is whole and the others keep the old text
    write_atomic(target, data, None if st is None else stat.S_IMODE(st.st_mode))


def write_atomic(path: str | Path, data: str | bytes | Iterable[str], mode: int | None = None) -> None:
    """Write data (text as UTF-8, or an iterable of text pieces written as they come) to
    path: readers see the old file or the whole new one, never a part.  mode: the new file's
    permissions (default: as a new file under the umask)."""
    import tempfile  # here: a check that writes nothing never loads it (start-up)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in _pieces(data):
                f.write(piece)
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def create_new(path: str | Path, data: str | bytes, mode: int | None = None) -> None:
    """Write data to path, which must not exist (nor be a symlink, even a dangling one): the
    text is written to a temporary file beside it, which is then hard-linked to path, so that
    the name appears only with the whole text and never replaces what someone put there in
    the meantime (FileExistsError).  A file system without hard links gets O_CREAT|O_EXCL."""
    path = Path(path)
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in _pieces(data):
                f.write(piece)
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
        try:
            os.link(tmp, path)  # fails with EEXIST whatever is at path, a dangling symlink too
        except OSError as exc:  # no hard links here (FAT, some network folders): O_EXCL
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            _create_exclusive(path, data, mode)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _create_exclusive(path: Path, data, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in _pieces(data):
                f.write(piece)
    except BaseException:
        os.unlink(path)  # ours (O_EXCL): never a half-written file under the name
        raise


def reason(exc: OSError):
    """The cause of an OSError, without the file name: a phrase of the catalog for a cause it
    names (in English the system's own words), else the system's words."""
    said = exc.strerror or str(exc) or type(exc).__name__
    name = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    return phrase(f"errno.{name}", said=said) if name in _NAMED else said
