"""Lint of profile files (L006 profile-key, L007 profile-source, L008 profile-years) and the
loader's refusals: every shipped profile is clean; a bad file lists every problem at once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from engine.profiles import PROFILE_DIR, ProfileError, load_profile, load_profile_file
from engine.profiles.checks import check_file

BAD = '''name = "hubei-2024"
extends = "hubei"
years = { from = 2024 }
titel = "x"

[execution]
weight = "20"
denomintor = "adjusted"

[[rule]]
id = "x"
when = { execution_rate = "<80%", notes = "missing" }
then = { finding = "warning" }
'''

GOOD_BUT_OVERLAPPING = '''name = "hubei-2024"
title = "湖北 2024"
extends = "hubei"
years = { from = 2024 }

[source]
document = "某文件"
evidence = "form"
'''


@pytest.mark.parametrize("path", sorted(PROFILE_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_profiles_are_clean(path: Path) -> None:
    assert check_file(path) == []


def test_a_bad_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "hubei-2024.toml"
    path.write_text(BAD, encoding="utf-8")
    found = Counter((f.code, f.item) for f in check_file(path))
    assert found == Counter({("L006", "titel"): 1, ("L006", "execution.denomintor"): 1, ("L006", "rule[x].when.notes"): 1,
                             ("L007", "source"): 1, ("L007", "rule[x]"): 1, ("L007", "execution"): 1,
                             ("L008", "years"): 1})
    # (its years are compared too: the unknown keys set aside, what is left builds, and 2024 onwards
    # overlaps hubei, open on both sides)


def test_overlapping_years_with_a_method_of_the_same_province(tmp_path: Path) -> None:
    path = tmp_path / "hubei-2024.toml"
    path.write_text(GOOD_BUT_OVERLAPPING, encoding="utf-8")
    assert [(f.code, f.item) for f in check_file(path)] == [("L008", "years")]
    assert load_profile_file(path).chain == ("hubei-2024", "hubei", "mof2020")
    path.write_text(GOOD_BUT_OVERLAPPING.replace('"hubei"', '"sichuan-2023"').replace("湖北", "四川")
                    .replace("{ from = 2024 }", "{ from = 2020, to = 2022 }"), encoding="utf-8")
    assert check_file(path) == []


def test_the_loader_refuses_with_the_key_and_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(ProfileError, match="titel.*是不是 title"):
        load_profile_file(path)
    for name in ("../mof2020", "nowhere", ".hidden"):
        with pytest.raises(ProfileError, match="没有评分办法"):
            load_profile(name)


def test_rules_are_switched_by_id_and_overridden_in_a_child(tmp_path: Path) -> None:
    path = tmp_path / "guangxi.toml"
    path.write_text('name = "guangxi"\ntitle = "广西"\nextends = "platform"\njurisdiction = "广西壮族自治区"\n'
                    'enable = ["over-achievement-130-explained"]\ndisable = ["over-achievement-review"]\n'
                    '[source]\ndocument = "广西平台"\nevidence = "platform"\n', encoding="utf-8")
    profile = load_profile_file(path)
    assert {r.id: r.enabled for r in profile.rules} == {
        "not-applicable-rescale": False, "over-achievement-review": False, "over-achievement-130-explained": True,
        "reverse-or-equal-missed": False}
    assert check_file(path) == []
