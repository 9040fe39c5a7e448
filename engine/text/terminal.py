"""Text from reports and rules made safe to show on a terminal, as ruff and git do.

A cell can hold anything a JSON string can: an escape sequence that clears the screen or sets
the window title (`\\x1b[2J`, `\\x1b]0;…\\x07`), a carriage return that overwrites the line before
it, a right-to-left override that prints a row backwards (U+202E, the "trojan source" trick).
`terminal_safe` writes each such character as a `\\uXXXX` escape, which reads the same in text
and keeps JSON valid (a JSON decoder turns it back into the character), so one filter serves
every format written to a stream.

What passes: newline and tab; with `keep_colour` (rescore is colouring its own output), the
colour codes it writes (SGR 0, 1, 31, 32, 33, 36 — engine.output.wrap.paint). The same codes from a
cell then pass too: they can only colour text, never move the cursor, clear, retitle or link.
"""

from __future__ import annotations

import re
from functools import lru_cache

_OWN_COLOURS = r"\x1b\[(?:0|1|3[1236])m"
_UNSAFE_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_UNSAFE_BUT_COLOURS = re.compile(f"{_OWN_COLOURS}|[{_UNSAFE_CHARS}]")


def _escape(m: re.Match[str]) -> str:
    found = m.group()
    return found if len(found) > 1 else f"\\u{ord(found):04x}"


def terminal_safe(text: str, keep_colour: bool = False) -> str:
    """`text` with control, escape and direction-override characters written as `\\uXXXX`
    (rescore's own colour codes kept when `keep_colour`)."""
    if _UNSAFE.search(text) is None:
        return text
    return (_UNSAFE_BUT_COLOURS if keep_colour else _UNSAFE).sub(_escape, text)


@lru_cache(maxsize=1)
def _utf8_alternatives() -> re.Pattern[bytes]:
    """`_UNSAFE` over UTF-8 bytes: each unsafe character's encoding as an alternative (a lone
    byte of 0x80 or more is part of another character and never matches)."""
    chars = [chr(c) for c in range(0x2070) if _UNSAFE.match(chr(c))]  # the last is U+2069
    return re.compile(b"|".join(re.escape(ch.encode("utf-8")) for ch in chars))



def terminal_safe_utf8(data: bytes) -> bytes:
    """`terminal_safe` for UTF-8 bytes (no colour kept): what rescore writes as bytes, the JSON
    of a large report, is made safe without being decoded into a second copy."""
    unsafe = _utf8_alternatives()  # built on first use: off the start-up path of every command
    if unsafe.search(data) is None:
        return data
    return unsafe.sub(lambda m: f"\\u{ord(m.group().decode('utf-8')):04x}".encode(), data)
