"""Chinese numerals, read exactly: 一, 两, 十五, 二十, 一百零五, 一百一 (110), 三万五 (35 000),
一亿三千万, 壹佰贰拾叁, 二〇二四 (2024), 零点五, 半, 百分之五.

`chinese_number` reads a Chinese numeral and `number` reads an Arabic (ASCII or full-width)
or Chinese one, both to a `Decimal`. Financial capitals (壹贰叁 … 拾佰仟) read as the plain
digits and units, 万 and 亿 as section units, a run of three or more bare digits (or two with
零/〇 among them) digit by digit, as years are written. A trailing digit right after a unit
stands for the next unit down (一百一 = 110, 三万五 = 35 000), as people say them. Nothing
here finds numerals inside a sentence, knows units, or interprets what a number means;
malformed numerals (十十, 一一, 零十, 万万) raise ValueError. tests/test_text_numbers.py checks
the readings against the `cn2an` library.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["CHINESE_NUMERAL_CHARS", "chinese_number", "number"]

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SECTIONS = (("亿", 10**8), ("万", 10**4))  # section units, largest first
# The characters a rule or a cell writes numerals with (the grammar's CN_NUMBER and the cell
# readers use these; capitals, 万 and 亿 are read by `chinese_number` but not looked for).
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "点"
# Financial capitals and other spellings of the same digits and units (folded text: 貳 is 贰).
_SPELLINGS = str.maketrans({
    "壹": "一", "贰": "二", "貳": "二", "弍": "二", "叁": "三", "叄": "三", "参": "三", "肆": "四",
    "伍": "五", "陆": "六", "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百",
    "仟": "千", "〇": "零", "○": "零", "萬": "万", "億": "亿",
})


def _malformed(text: str) -> ValueError:
    return ValueError(f"不是中文数字：{text}")


def _fraction_digits(text: str, digits: str) -> Decimal:
    """零点五: the digits after 点, read one by one."""
    if not digits or any(ch not in _DIGITS for ch in digits):
        raise _malformed(text)
    return Decimal("0." + "".join(str(_DIGITS[ch]) for ch in digits))


def _digit_by_digit(text: str) -> int | None:
    """二零二四 → 2024: three or more bare digits, or two with a 零, written as a year is."""
    if len(text) < 2 or any(ch not in _DIGITS for ch in text) or (len(text) == 2 and "零" not in text):
        return None
    return int("".join(str(_DIGITS[ch]) for ch in text))


def _section(text: str, whole: str) -> int:
    """A section below 万: digits, each followed by a falling unit (二十, 一百零五, 十五, 一百一)."""
    total, current, last_unit, zero = 0, None, None, False
    for ch in text:
        if ch in _DIGITS:
            if current is not None and current != 0 and _DIGITS[ch] != 0:
                raise _malformed(whole)
            zero = zero or _DIGITS[ch] == 0
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += _place(whole, current, _UNITS[ch], last_unit)
            current, last_unit, zero = None, _UNITS[ch], False
        else:
            raise _malformed(whole)
    if not current:
        return total
    # 一百一 = 110: a bare last digit right after a unit (no 零 between) is the next unit down
    return total + (current * last_unit // 10 if last_unit is not None and last_unit >= 100 and not zero else current)


def _place(whole: str, digit: int | None, unit: int, last_unit: int | None) -> int:
    """The value of a digit before its unit (二十 → 20; a bare 十 is 10); 十十, 十百, 零十 raise."""
    if (last_unit is not None and unit >= last_unit) or digit == 0:
        raise _malformed(whole)
    return (digit if digit is not None else 1) * unit


def _integer(text: str, whole: str) -> int:
    """An integer numeral with sections: 一亿三千万, 三万五, 一万零五, 十万."""
    digits = _digit_by_digit(text)
    if digits is not None:
        return digits
    for mark, size in _SECTIONS:
        if mark in text:
            high, _, low = text.partition(mark)
            if not high or any(m in low for m, s in _SECTIONS if s >= size):  # 万, 万万, 亿…亿
                raise _malformed(whole)
            upper = _integer(high, whole)
            if len(low) == 1 and low in _DIGITS and low != "零":  # 三万五 = 35 000
                return upper * size + _DIGITS[low] * size // 10
            lower = _integer(low.removeprefix("零"), whole) if low.removeprefix("零") else 0
            if lower >= size:
                raise _malformed(whole)
            return upper * size + lower
    return _section(text, whole)


def chinese_number(text: str) -> Decimal:
    """Read a Chinese numeral: 一 → 1, 十五 → 15, 二十 → 20, 一百零五 → 105, 一百一 → 110,
    三万五 → 35000, 壹佰贰拾 → 120, 二〇二四 → 2024, 零点五 → 0.5, 半 → 0.5, 百分之五 → 5 (the
    caller knows it is a percentage). Raises ValueError on anything else, including malformed
    numerals such as 十十 or 一一."""
    text = text.translate(_SPELLINGS)
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
    return Decimal(_integer(text, text))


def number(text: str) -> Decimal:
    """Read an Arabic (ASCII or full-width) or Chinese numeral exactly."""
    # imported here, not at the top: engine.text.fold re-exports this module's names
    from engine.text.fold import fold

    folded = fold(text).replace("，", "").replace(",", "").strip()
    if folded and all(ch in "0123456789.+-" for ch in folded):
        return Decimal(folded)
    return chinese_number(folded)
