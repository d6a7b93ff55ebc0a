"""Writing outputs: a regular file is replaced atomically (a temporary file beside it, then
os.replace); anything else that exists is written through, in place.

What `-o PATH` does with what is already at PATH (docs/cli.md):
- nothing there, or a regular file: the new file is written beside it and renamed onto it, so a
  reader sees the old file or the whole new one; an existing file keeps its permissions;
- a regular file with several hard links: written in place, so every link sees the new text;
- a symlink: its target is written (by the same rules) and the link kept;
- a device, a FIFO, /dev/stdout and the like: opened and written through, never replaced;
- a read-only file: refused (OutputError PF906), nothing written;
- one of the command's input files: refused (OutputError PF902), nothing written.
A PATH ending in '/' names a folder (see output_in_folder).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import UserError

__all__ = ["write_atomic", "write_output", "OutputError", "names_folder", "same_file", "reason"]

# the causes a user meets, in Chinese (the English is the system's own text)
_REASONS_ZH = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EROFS: "只读文件系统",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写设备出错",
    errno.EEXIST: "已经存在",
}


class OutputError(UserError):
    """An output that must not be written: code (in perflang.messages) and its args."""


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
        zh, en = reason(exc)
        raise OutputError("PF901", file=str(path), reason=zh, reason_en=en) from exc


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
    if st is not None and st.st_nlink > 1:  # hard links: all of them see the new text
        with open(target, "r+b") as f:
            for piece in _pieces(data):
                f.write(piece)
            f.truncate()
        return
    write_atomic(target, data, None if st is None else stat.S_IMODE(st.st_mode))


def write_atomic(path: str | Path, data: str | bytes | Iterable[str], mode: int | None = None) -> None:
    """Write data (text as UTF-8, or an iterable of text pieces written as they come) to
    path: readers see the old file or the whole new one, never a part.  mode: the new file's
    permissions (default: as a new file under the umask)."""
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


def reason(exc: OSError) -> tuple[str, str]:
    """The cause of an OSError, in Chinese and English, without the file name."""
    en = exc.strerror or str(exc) or type(exc).__name__
    return _REASONS_ZH.get(exc.errno, en), en
