"""The last line of the command line: what happens when output fails or the engine breaks.

Every exit status is one a script can rely on (docs/output.md):

- a reader that goes away (`rescore … | head`): quiet, status 141 (128 + SIGPIPE, as a shell
  reports a command killed by the pipe);
- output that cannot be written (a full disk, `> /dev/full`, a closed stdout): one line on
  stderr and status 74 (EX_IOERR of sysexits.h);
- text the output's encoding cannot show (PYTHONIOENCODING=gbk, latin-1; a lone surrogate from
  a JSON string): never an error, the character is written as a backslash escape (`\\ud800`);
- an input error (engine.errors.RescoreError) no command caught: its message and code, status 2;
- any other exception: 「内部错误」 with a bug-report hint on stderr and status 70 (EX_SOFTWARE),
  never 1, which means error-level findings;
- Ctrl-C: status 130.
"""

from __future__ import annotations

import errno
import io
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

EXIT_BROKEN_PIPE = 141
EXIT_INTERNAL = 70
EXIT_OUTPUT = 74
EXIT_INTERRUPTED = 130

_OUTPUT_ERRORS = {errno.ENOSPC: "磁盘已满", errno.EBADF: "标准输出已关闭", errno.EIO: "输入输出错误",
                  errno.EDQUOT: "超出磁盘配额", errno.EPIPE: "管道已关闭"}


class _Closed(io.TextIOBase):
    """Stands for a stdout the process was started without (`rescore … >&-`): writing fails."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


class _TerminalSafe:
    """A text stream that writes control, escape and direction-override characters as `\\uXXXX`
    (engine.text.terminal); everything else is the stream it wraps. The commands escape what they
    print themselves (engine.cli.common.say, which knows whether rescore colours the output); this
    is the net under what they do not print themselves, such as click's usage errors, which quote
    the arguments. Colour codes pass it: a coloured line was escaped before it got here."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from engine.text.terminal import terminal_safe

        self._stream.write(terminal_safe(text, keep_colour=True) if isinstance(text, str) else text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def safe_streams() -> None:
    """stdout and stderr that write any text: characters the encoding cannot show (and lone
    surrogates) are escaped, never an exception; control and escape characters from reports and
    rules are shown escaped, never passed to the terminal; a closed stdout fails on the first write."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that is already closed
                pass
    if not isinstance(sys.stdout, _TerminalSafe):
        sys.stdout = _TerminalSafe(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, _TerminalSafe):
        sys.stderr = _TerminalSafe(sys.stderr)


def guarded(command: Callable[[], Any]) -> int:
    """Run `command` (which may `sys.exit`) and turn every failure into its documented status."""
    before = sys.stdout, sys.stderr
    try:
        return _guarded(command)
    finally:  # the streams as they were, for a caller that runs the command line in-process
        if isinstance(sys.stdout, _TerminalSafe) and sys.stdout is not before[0]:
            sys.stdout = before[0]
        if isinstance(sys.stderr, _TerminalSafe) and sys.stderr is not before[1]:
            sys.stderr = before[1]


def _guarded(command: Callable[[], Any]) -> int:
    try:
        safe_streams()
        try:
            command()
        finally:
            _flush()
    except SystemExit as done:
        if _click_saw_a_broken_pipe():
            return _quiet_pipe()
        return _code(done.code)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _quiet_pipe()
    except OSError as error:
        if error.errno in _OUTPUT_ERRORS and _is_output_error(error):
            return _output_failed(error)
        return _internal(error)
    except Exception as error:  # noqa: BLE001 - the last resort, by design
        return _input_error(error) if _is_input_error(error) else _internal(error)
    return 0


def _is_input_error(error: BaseException) -> bool:
    from engine.errors import RescoreError

    return isinstance(error, RescoreError)


def _input_error(error: BaseException) -> int:
    """An input error a command did not turn into its own message: still the input's fault,
    exit 2 with the message and its code (engine.errors), never 「内部错误」."""
    _say(f"错误 [{getattr(error, 'code', '')}]：{error}")
    return 2


def _click_saw_a_broken_pipe() -> bool:
    """click turns EPIPE into exit 1 behind a `PacifyFlushWrapper` on stdout; 1 means findings
    here, so the pipe is told apart by that wrapper."""
    return type(sys.stdout).__name__.lstrip("_") == "PacifyFlushWrapper"  # by name: click renamed it _PacifyFlushWrapper


def _flush() -> None:
    stream = sys.stdout
    if stream is not None and not getattr(stream, "closed", False):
        stream.flush()


def _code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    _say(str(code))
    return 1 if code else 0


def _is_output_error(error: OSError) -> bool:
    return error.errno != errno.EPIPE


def _quiet_pipe() -> int:
    """The reader left: point stdout at /dev/null so that the final flush is quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if sys.__stdout__ is not None:
            os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_BROKEN_PIPE


def _output_failed(error: OSError) -> int:
    _silence_stdout()
    _say(f"错误：无法写出结果（{_OUTPUT_ERRORS.get(error.errno or 0, str(error))}）")
    return EXIT_OUTPUT


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        sys.stdout = _Sink()


class _Sink(io.TextIOBase):
    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


def _internal(error: BaseException) -> int:
    _silence_stdout()
    if os.environ.get("RESCORE_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f"（{where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}）" if where else ""
    _say(f"内部错误：{type(error).__name__}{place}。这是 rescore 的缺陷，不是输入的问题；"
         "请附上命令行和输入文件报告此问题（设 RESCORE_DEBUG=1 可看到完整的调用栈）")
    return EXIT_INTERNAL


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
