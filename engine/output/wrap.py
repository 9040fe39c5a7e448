"""Text for a terminal of a given width: wrapping with a hanging indent, cutting a cell to fit,
and the ANSI colours, all measured in display columns (汉字 count 2, escape codes 0).

`wrap(text, width, indent, hang)` breaks between any two CJK characters or at spaces, never
inside a run of ASCII letters and digits (10.00, S001), prefers a break after ，；。
when one is a few columns back, and keeps closing punctuation（，。」）off the start of a line. `width=None` means no wrapping (output to a pipe or a file). `fit`
cuts a cell to a width with "…". `terminal_width` reads `COLUMNS`, then the terminal. `paint`
colours a word when asked. Nothing here knows about reports.
"""

from __future__ import annotations

import os
import re
import shutil
import sys

from engine.text.width import display_width

_ANSI = re.compile(r"\033\[[0-9;]*m")
# a token: an escape code, a run of ASCII non-space characters, one space, or one other character
_TOKEN = re.compile(r"\033\[[0-9;]*m|[!-~]+| |[^ ]", re.ASCII)
_NO_LINE_START = set("，。；：、！？）」』】》”,.;:!?)%")
_NO_LINE_END = set("（「『【《“(")
_COLOURS = {"consistent": "32", "discrepancy": "31", "unverifiable": "33", "error": "31", "warning": "33",
            "info": "36", "bold": "1"}


def visible_width(text: str) -> int:
    """Display width without the escape codes."""
    return display_width(_ANSI.sub("", text) if "\033" in text else text)


def paint(text: str, key: str, colour: bool) -> str:
    return f"\033[{_COLOURS[key]}m{text}\033[0m" if colour and key in _COLOURS else text


def terminal_width(stream_is_terminal: bool) -> int | None:
    """`COLUMNS` when set, else the terminal's width, else None (a pipe or a file: no wrapping)."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isascii() and env.isdigit() and int(env) >= 20:  # 0–9 only: "²".isdigit() is true
        return int(env)
    if stream_is_terminal:
        return shutil.get_terminal_size((80, 24)).columns
    return None


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _pieces(text: str, width: int) -> list[str]:
    """The tokens of `text`, a token wider than `width` cut into pieces that fit."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        while visible_width(token) > width:
            out.append(token[:width])
            token = token[width:]
        out.append(token)
    return out


_SOFT = set("，；。、：）")  # a line may well end after these (a space may sit between a number and its unit)
_LOOK_BACK = 8  # columns: how far back a line is cut at a soft break rather than mid-phrase


def _after_soft_break(current: list[str]) -> list[str]:
    """The tail of `current` after its last soft break within `_LOOK_BACK` columns (taken off
    `current`), or [] when there is none that close."""
    used = 0
    for index in range(len(current) - 1, 0, -1):
        if current[index] in _SOFT:
            tail = current[index + 1:]
            del current[index + 1:]
            return tail
        used += visible_width(current[index])
        if used > _LOOK_BACK:
            break
    return []


def _carry(current: list[str], token: str) -> list[str]:
    """What goes down to the next line (taken off `current`) when `token` does not fit."""
    carry: list[str] = []
    if token in _NO_LINE_START and len(current) > 1:
        carry = [current.pop()]  # closing punctuation stays with the word before it
        while carry[0] in _NO_LINE_START and len(current) > 1:
            carry.insert(0, current.pop())  # "…），": the bracket too, and the word before it
    while len(current) > 1 and current[-1] in _NO_LINE_END:
        carry.insert(0, current.pop())  # an opening bracket goes down with what it opens
    if not carry and token not in _SOFT:
        carry = _after_soft_break(current)
    return carry


def wrap(text: str, width: int | None, indent: str = "", hang: str = "    ") -> list[str]:
    """`text` as lines of at most `width` columns: the first after `indent`, the rest after `hang`."""
    if width is None:
        return [indent + text]
    room = max(8, width - max(visible_width(indent), visible_width(hang)))
    lines: list[str] = []
    current: list[str] = []
    used = visible_width(indent)
    for token in _pieces(text, room):
        w = visible_width(token)
        if used + w > width and any(t.strip() for t in current):
            carry = _carry(current, token)
            lines.append(((hang if lines else indent) + "".join(current)).rstrip())
            current = carry
            used = visible_width(hang) + sum(visible_width(t) for t in carry)
            if token == " ":
                continue
        current.append(token)
        used += w
    lines.append(((hang if lines else indent) + "".join(current)).rstrip())
    return lines


def fit(text: str, width: int) -> str:
    """`text` cut to at most `width` display columns, ending in … when it was cut."""
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out, used = out + char, used + w
    return out + "…"
