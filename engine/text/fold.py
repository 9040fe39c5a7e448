"""Length-preserving normalisation of printed text.

`fold(text)` maps every character to exactly one character (full-width ASCII to ASCII,
traditional to simplified for the characters scoring rules use, look-alike comparators to
one form), so a position in the folded text is the same position in the original: carets in
error messages point at what the user wrote. Nothing here interprets a rule or a value, and
nothing here reads numbers: Chinese numerals are `engine.text.numerals` (`chinese_number` and
`number` are re-exported from here for the callers that import them from this module).
"""

from __future__ import annotations

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
}
# Traditional characters seen in scoring rules, each with its simplified form.
_TRADITIONAL = (
    "滿满 計计 記记 減减 達达 標标 準准 單单 項项 類类 點点 個个 為为 無无 與与 於于 實实 際际 "
    "數数 較较 質质 評评 價价 總总 額额 資资 預预 執执 統统 萬万 兩两 條条 級级 內内 間间 時时 "
    "報报 務务 業业 經经 費费 處处 劃划 違违 規规 發发 現现 證证 問问 題题 應应 該该 對对 從从 "
    "後后 過过 這这 構构 機机 關关 門门 區区 縣县 環环 護护 險险 響响 積积 檢检 驗验 調调 獲获 "
    "優优 並并 幾几 選选 結结 餘余 轉转 輛辆 車车 議议 會会 訓训 練练 採采 購购 產产 農农 戶户 "
    "節节 約约 進进 離离 蓋盖 氣气 濃浓 顆颗 種种 開开 還还 嚴严 確确 沒没 觀观 則则 設设 備备 "
    "運运 維维 專专 導导 負负 責责 將将 測测 監监 審审 紀纪 錄录 範范 圍围 億亿 計计 扣扣 "
    "記记 虧亏 準准 差差 超超 額额 並并 倍倍 準准 優优 勵励 懲惩 罰罚 沒没 收收 徵征 稅税 "
    "補补 貼贴 獎奖 勵励 級级 劣劣 類类 準准 級级 準准 適适 當当 觸触 廢废 歲岁 處处 慶庆 "
    "證证 據据 齊齐 備备 續续 銷销 帳账 賬账 據据 據据 擬拟 啟启 備备 壞坏 損损 彙汇 匯汇 "
    "斷断 標标 強强 態态 擴扩 團团 隊队 幣币 價价 錢钱 銀银 務务 辦办 舉举 樣样 藥药 醫医 "
    "學学 認认 識识 讀读 錯错 誤误 隨随 協协 屬属 總总 權权 歷历 曆历 滯滞 遲迟 慢慢 準准"
)
for _pair in _TRADITIONAL.split():
    _PAIRS.setdefault(_pair[0], _pair[1])
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
