"""Length-preserving normalisation of printed text.

`fold(text)` maps every character to exactly one character (full-width ASCII to ASCII,
traditional to simplified by OpenCC's character table, look-alike comparators to
one form), so a position in the folded text is the same position in the original: carets in
error messages point at what the user wrote. Nothing here interprets a rule or a value, and
nothing here reads numbers: Chinese numerals are `engine.text.numerals` (`chinese_number` and
`number` are re-exported from here for the callers that import them from this module).
"""

from __future__ import annotations

from engine.text.traditional import PAIRS

__all__ = ["CHINESE_NUMERAL_CHARS", "chinese_number", "fold", "number"]

_PAIRS = {
    # full-width punctuation and symbols that have an ASCII twin with the same meaning
    "（": "(", "）": ")", "：": ":", "；": ";", "，": "，", ",": "，", "％": "%", "﹪": "%",
    "＜": "<", "＞": ">", "＝": "=", "≦": "≤", "≧": "≥", "⩽": "≤", "⩾": "≥", "＋": "+",
    "－": "-", "—": "-", "–": "-", "～": "-", "~": "-", "〜": "-", "／": "/", "＊": "*",
    "×": "*", "．": ".", "＿": "_", "｜": "|", "\u3000": " ", "\u00a0": " ", "\t": " ",
    "\r": " ", "\n": " ", "！": "!", "？": "?", "“": "\"", "”": "\"", "‘": "'", "’": "'",
    "「": "\"", "」": "\"", "『": "\"", "』": "\"", "《": "\"", "》": "\"", "【": "(",
    "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")",
    "±": "±", "﹢": "+", "﹣": "-", "ⅰ": "Ⅰ", "ⅱ": "Ⅱ", "ⅲ": "Ⅲ", "ⅳ": "Ⅳ", "ⅴ": "Ⅴ",
    "ⅵ": "Ⅵ", "〇": "零",
    # variant characters (异体字) that OCR and old fonts print for the common one
    "旳": "的",
}
_PAIRS["，"] = "，"  # the full-width comma is the canonical clause separator

# The table, built by str.maketrans from strings (in C: a loop over the 4,000 pairs in Python took
# ~2 ms of every start): the full-width ASCII block U+FF01..U+FF5E to U+0021..U+007E, over it
# traditional → simplified by OpenCC's one-to-one table (engine/text/traditional.py, each
# traditional character once), over both the pairs above.
_TABLE: dict[int, int | str] = {}
_TABLE.update(str.maketrans("".join(map(chr, range(0xFF01, 0xFF5F))), "".join(map(chr, range(0x21, 0x7F)))))
_TABLE.update(str.maketrans(PAIRS[0::2], PAIRS[1::2]))
_TABLE.update({ord(char): to for char, to in _PAIRS.items()})


def fold(text: str) -> str:
    """Fold `text` one character to one character; `len(fold(t)) == len(t)` always."""
    return text.translate(_TABLE)


# Chinese numerals moved to engine.text.numerals; re-exported here for existing callers.
from engine.text.numerals import CHINESE_NUMERAL_CHARS, chinese_number, number  # noqa: E402
