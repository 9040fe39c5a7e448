"""`--help` wrapped by display width: a 汉字 takes two columns, so click's own wrapping (which
counts characters) made lines of 110 and more columns at `COLUMNS=80`.

click's help formatter measures with `click.formatting.term_len` and wraps with
`click.formatting.wrap_text`; `install()` points both at display-width versions built on
`engine.output.wrap` (breaks between CJK characters or at spaces, never inside an option name or
a number, punctuation kept off the start of a line). Paragraphs behave as click's: a paragraph
is re-flowed (its lines joined: with a space between ASCII words, with nothing between CJK
characters); a paragraph that starts with `\\b` keeps its lines, and a line of it that is too wide
is wrapped under its own description column (the text after the first run of two spaces), so
`rescore PATH…   重算报告…` continues aligned. It changes only how click lays out help, in this
process; `rescore` calls it once, when `engine.cli` is imported.
"""

from __future__ import annotations

import re

from engine.output.wrap import visible_width, wrap
from engine.text.width import display_width

__all__ = ["install", "term_len", "wrap_text"]

_GAP = re.compile(r"\S( {2,})(?=\S)")  # the gap between a command and its description


def term_len(text: str) -> int:
    """Display columns of `text`, escape codes not counted."""
    return visible_width(text)


def _wide(char: str) -> bool:
    return display_width(char) == 2


def _join(lines: list[str]) -> str:
    """The lines of a paragraph as one: no space between two CJK characters, else one space."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and line:
            out += "" if _wide(out[-1]) or _wide(line[0]) else " "
        out += line
    return out


def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    return wrap(text, width, first, rest) if text else [first.rstrip()]


def _raw_line(line: str, width: int, prefix: str) -> list[str]:
    """A line of a `\\b` paragraph: as it is when it fits, else wrapped under its description."""
    if display_width(prefix + line) <= width:
        return [prefix + line]
    lead = line[:len(line) - len(line.lstrip())]
    gap = _GAP.search(line, len(lead))
    column = display_width(line[:gap.end()]) if gap is not None else 0
    if gap is None or column > width // 2:
        column = display_width(lead) + 2
    return wrap(line.lstrip(), width, prefix + lead, prefix + " " * column)


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """(indent, kept as it is, lines) of each paragraph, as click reads them (blank lines part them)."""
    found: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    indent = 0
    for line in [*text.splitlines(), ""]:
        if line:
            if not lines:  # the first line sets the paragraph's indent; the others keep theirs
                indent = display_width(line) - display_width(line.lstrip())
                line = line.lstrip()
            lines.append(line)
        elif lines:
            raw = lines[0].strip() == "\b"
            found.append((indent, raw, lines[1:] if raw else lines))
            lines = []
    return found


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click's `wrap_text`, measured in display columns (same arguments, same paragraphs)."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_fill(_join(text.splitlines()), width, initial_indent, subsequent_indent))
    out: list[str] = []
    for indent, raw, lines in _paragraphs(text):
        extra = " " * indent
        first, rest = initial_indent + extra, subsequent_indent + extra
        if raw:
            block = [x for k, line in enumerate(lines) for x in _raw_line(line, width, first if k == 0 else rest)]
        else:
            block = _fill(_join(lines), width, first, rest)
        out.append("\n".join(block))
    return "\n\n".join(out)


def install() -> None:
    """Make click measure and wrap help by display width (idempotent)."""
    import click.formatting

    setattr(click.formatting, "term_len", term_len)
    setattr(click.formatting, "wrap_text", wrap_text)
