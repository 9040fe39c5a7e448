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
# Traditional → simplified: OpenCC's one-to-one character table, generated (engine/text/traditional.py).
for _i in range(0, len(PAIRS), 2):
    _PAIRS.setdefault(PAIRS[_i], PAIRS[_i + 1])
# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E.
for _code in range(0xFF01, 0xFF5F):
    _PAIRS.setdefault(chr(_code), chr(_code - 0xFEE0))
_PAIRS["，"] = "，"  # the full-width comma is the canonical clause separator

_TABLE = str.maketrans(_PAIRS)


def fold(text: str) -> str:
    """Fold `text` one character to one character; `len(fold(t)) == len(t)` always."""
    return text.translate(_TABLE)


# Chinese numerals moved to engine.text.numerals; re-exported here for existing callers.
from engine.text.numerals import CHINESE_NUMERAL_CHARS, chinese_number, number  # noqa: E402
