"""Writing a `-o FILE`: atomically, never through a symlink, never over an input; `-` is stdout.

The text goes to a temporary file in the target's folder and is renamed onto the target, so a
reader never sees half a file and a failure leaves the old file as it was. A target that is a
symbolic link is refused (writing through it once overwrote a report), and so is a target that
is one of the command's input files. Characters the file's UTF-8 cannot hold (a lone surrogate
read from a JSON string) are written as backslash escapes, never an error; control, escape and
direction-override characters from the data as `\\uXXXX` (engine.text.terminal: the same in text,
and still the same string in JSON), as they are on stdout.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from typing import BinaryIO
from pathlib import Path

from engine.cli.common import fail, say
from engine.text.terminal import terminal_safe, terminal_safe_utf8


def is_stdout(target: Path | None) -> bool:
    return target is not None and str(target) == "-"


def refuse_unsafe(target: Path, inputs: Iterable[Path] = ()) -> None:
    """Exit 2 with the reason when `target` is a symlink or one of `inputs`."""
    if os.path.islink(target):  # os.path: a name too long is no link, and the write then says why
        fail(f"{target}: 拒绝写入：这是一个符号链接（不跟随链接写入，以免覆盖别的文件）")
    if os.path.exists(target):
        for source in inputs:
            try:
                same = os.path.samefile(target, source)
            except OSError:
                continue
            if same:
                fail(f"{target}: 拒绝写入：这是输入文件本身，写入会覆盖它")
        if os.path.isdir(target):
            fail(f"{target}: 无法写入：这是一个目录")


def write_text(target: Path, text: str, inputs: Iterable[Path] = (), colour: bool = False) -> None:
    """`text` into `target` (or stdout for `-`), atomically; exit 2 with the reason on failure.
    `colour`: the text holds rescore's own colour codes (`--colour`), which are kept."""
    if is_stdout(target):
        say(text, nl=False, colour=colour)
        return
    _write_atomically(target, inputs, lambda out: out.write(terminal_safe(text, keep_colour=colour).encode(
        "utf-8", "backslashreplace")))


def write_utf8(target: Path, data: bytes | Iterable[bytes], inputs: Iterable[Path] = (), end: bytes = b"") -> None:
    """UTF-8 `data` (a large report's JSON, whole or in pieces) into `target` or stdout, as
    `write_text` writes text: control characters escaped, atomically, refused onto an input;
    written as it is, not decoded into a second copy (stdout takes the bytes when its encoding
    is UTF-8). Pieces are written as they come: each must be whole UTF-8 characters."""
    pieces = [data] if isinstance(data, bytes) else data
    if not is_stdout(target):
        def write(out: BinaryIO) -> None:
            for piece in pieces:
                out.write(terminal_safe_utf8(piece))
            out.write(end)

        _write_atomically(target, inputs, write)
        return
    write_stdout_utf8((terminal_safe_utf8(piece) for piece in pieces), end)


def write_stdout_utf8(safe: bytes | Iterable[bytes], end: bytes = b"") -> None:
    """Terminal-safe UTF-8 bytes (or pieces of them) to stdout: as they are when its encoding is
    UTF-8, else the text with what the encoding cannot show escaped."""
    pieces = [safe] if isinstance(safe, bytes) else safe
    stdout = sys.stdout
    if (getattr(stdout, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8" and hasattr(stdout, "buffer"):
        stdout.flush()
        for piece in pieces:
            stdout.buffer.write(piece)
        stdout.buffer.write(end)
        stdout.buffer.flush()
    else:  # another encoding: the text, with what it cannot show escaped
        for piece in pieces:
            say(piece.decode("utf-8", "backslashreplace"), nl=False)
        say(end.decode("utf-8", "backslashreplace"), nl=False)


def _write_atomically(target: Path, inputs: Iterable[Path], write: Callable[[BinaryIO], object]) -> None:
    refuse_unsafe(target, list(inputs))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        fail(f"{target}: 无法写入：所在目录不存在")
    except PermissionError:
        fail(f"{target}: 无法写入：没有写入权限")
    except OSError as error:
        fail(f"{target}: 无法写入：{error.strerror or error}")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        fail(f"{target}: 无法写入：{error.strerror or error}")


def _keep_mode(target: Path, temporary: str) -> None:
    """The new file gets the old one's permissions, or the usual ones for a new file."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
