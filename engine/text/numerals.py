"""Chinese numerals, read exactly: 一, 两, 十五, 二十, 一百零五, 零点五, 半, 百分之五.

`chinese_number` reads a Chinese numeral and `number` reads an Arabic (ASCII or full-width)
or Chinese one, both to a `Decimal`. Nothing here finds numerals inside a sentence, knows
units, or interprets what a number means; malformed numerals (十十, 一一) raise ValueError.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["CHINESE_NUMERAL_CHARS", "chinese_number", "number"]

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "点"


def _malformed(text: str) -> ValueError:
    return ValueError(f"不是中文数字：{text}")


def _fraction_digits(text: str, digits: str) -> Decimal:
    """零点五: the digits after 点, read one by one."""
    if not digits or any(ch not in _DIGITS for ch in digits):
        raise _malformed(text)
    return Decimal("0." + "".join(str(_DIGITS[ch]) for ch in digits))


def _whole(text: str) -> int:
    """An integer numeral: digits, each followed by a falling unit (二十, 一百零五, 十五)."""
    total = 0
    current: int | None = None
    last_unit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if current is not None and current != 0 and _DIGITS[ch] != 0:
                raise _malformed(text)
            current = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if (last_unit is not None and unit >= last_unit) or current == 0:  # 十十, 十百, 零十
                raise _malformed(text)
            total += (current if current is not None else 1) * unit
            current = None
            last_unit = unit
        else:
            raise _malformed(text)
    return total + (current or 0)


def chinese_number(text: str) -> Decimal:
    """Read a Chinese numeral: 一 → 1, 十五 → 15, 二十 → 20, 一百零五 → 105, 零点五 → 0.5,
    半 → 0.5, 百分之五 → 5 (the caller knows it is a percentage). Raises ValueError on
    anything else, including malformed numerals such as 十十 or 一一."""
    if text.startswith("百分之"):
        return chinese_number(text[3:])
    if "点" in text:
        whole, _, frac = text.partition("点")
        fraction = _fraction_digits(text, frac)
        return (chinese_number(whole) if whole else Decimal(0)) + fraction
    if not text:
        raise ValueError("空的中文数字")
    if text == "半":
        return Decimal("0.5")
    return Decimal(_whole(text))


def number(text: str) -> Decimal:
    """Read an Arabic (ASCII or full-width) or Chinese numeral exactly."""
    # imported here, not at the top: engine.text.fold re-exports this module's names
    from engine.text.fold import fold

    folded = fold(text).replace("，", "").replace(",", "").strip()
    if folded and all(ch in "0123456789.+-" for ch in folded):
        return Decimal(folded)
    return chinese_number(folded)
