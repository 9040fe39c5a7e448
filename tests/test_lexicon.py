"""The lexicon (engine/lexicon/*.toml): its shape, and the copies elsewhere that must agree.

The grammar's agreement with the lexicon is tested in test_grammar_lexicon.py.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from engine import lexicon


@pytest.mark.parametrize("key", lexicon.keys())
def test_every_list_is_words_without_repeats(key: str) -> None:
    if key in ("classes.suffix",):
        found: tuple[str, ...] = (lexicon.text(key),)
    elif key == "units.same":
        found = tuple(w for g in lexicon.groups(key) for w in sorted(g))
    else:
        found = lexicon.words(key)
    assert found and all(w and w == w.strip() for w in found)
    assert len(set(found)) == len(found), f"{key} lists a word twice"


# Lists that sort words into kinds: a word in two of them would be read two ways.
_EXCLUSIVE = [
    ("steps.decrease", "steps.increase", "steps.deviation", "steps.occurrence",
     "comparators.rule.lt_step", "comparators.rule.gt_step"),
    tuple(f"comparators.rule.{k}" for k in ("ge", "le", "gt", "lt", "eq", "reach", "not_reach", "lt_step", "gt_step")),
    tuple(f"comparators.cell.before.{k}" for k in ("ge", "gt", "le", "lt", "eq", "approx", "change")),
    tuple(f"comparators.cell.after.{k}" for k in ("ge", "gt", "le", "lt", "approx", "deadline")),
    tuple(f"comparators.class.before.{k}" for k in ("le", "lt", "gt", "eq")),
    ("comparators.class.after.le", "comparators.class.after.ge"),
    ("tiers.stem.positive", "tiers.stem.bad_strong", "tiers.stem.bad_weak"),
    tuple(f"tiers.modifier.{k}" for k in ("negation", "all", "partial", "achieved", "existence", "filler")),
]


@pytest.mark.parametrize("family", _EXCLUSIVE, ids=lambda f: f[0].rsplit(".", 1)[0])
def test_kinds_do_not_overlap(family: tuple[str, ...]) -> None:
    for a, b in combinations(family, 2):
        both = set(lexicon.words(a)) & set(lexicon.words(b))
        assert not both, f"{a} and {b} both list {sorted(both)}"


def test_cell_units_are_spelt_one_way() -> None:
    plain = set(lexicon.words("units.cell"))
    spelt = lexicon.spellings("units.spellings")
    assert not plain & set(spelt), "a unit is both plain and spelt several ways"
    assert all(canonical in spelt for canonical in spelt.values())


def test_unit_kinds_are_rule_units() -> None:
    rule = set(lexicon.words("units.rule"))
    assert set(lexicon.words("units.count")) <= rule
    assert set(lexicon.words("units.concentration")) <= rule
    assert all(g <= rule | {"m²"} for g in lexicon.groups("units.same"))


def test_completion_stems_are_positive() -> None:
    assert set(lexicon.words("tiers.stem.completion")) <= set(lexicon.words("tiers.stem.positive"))


def test_classes() -> None:
    assert [lexicon.class_rank(n) for n in ("Ⅰ", "II类", "Ⅲ类", "IV", "5", "五类", "劣Ⅴ类", "劣V", "劣5")] == \
        [1, 2, 3, 4, 5, 5, 6, 6, 6]
    assert lexicon.class_rank("劣Ⅲ类") is None and lexicon.class_rank("Ⅵ") is None
    assert [lexicon.class_label(r) for r in range(1, 7)] == ["Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "劣Ⅴ类"]
    for key in ("classes.roman", "classes.latin", "classes.numeral"):
        assert sorted(set(lexicon.ranks(key).values())) == [1, 2, 3, 4, 5, 6]


def test_alternation_tries_the_longest_word_first() -> None:
    pattern = lexicon.alternation("units.rule")
    assert pattern.index("个月") < pattern.index("个|") and pattern.index("平方米") < pattern.index("|米")


def test_a_missing_key_names_the_file() -> None:
    with pytest.raises(lexicon.LexiconError, match="units.toml"):
        lexicon.words("units.nothing")
    with pytest.raises(lexicon.LexiconError, match="nothing.toml"):
        lexicon.words("nothing.at.all")
    with pytest.raises(lexicon.LexiconError, match="应当是"):
        lexicon.ranks("units.rule")


def test_the_rooms_read_the_lexicon_not_copies() -> None:
    """The lists other rooms used to write out now come from the lexicon itself."""
    import importlib

    from engine.review import totals

    direction = importlib.import_module("engine.scoring.direction")
    shape = importlib.import_module("engine.scoring.shape")  # the module: engine.scoring.shape is also a function

    assert direction._LOWER_IS_BETTER == lexicon.words("directions.lower_is_better")
    assert direction._CONCENTRATION_UNITS == lexicon.words("units.concentration")
    assert totals._GRADE_WORDS == dict(lexicon.table("grades.short"))
    assert all(shape.is_count(_step(unit)) for unit in lexicon.words("units.count"))
    assert not shape.is_count(_step("%"))


def _step(unit: str):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from engine.language import tree as rt

    return rt.Step("decrease", "少", rt.Quantity(Decimal(1), unit), Decimal(1))

