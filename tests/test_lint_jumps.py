"""`lint` finds a step rule's jumps by halving the step range instead of solving one equation
per step: the same jumps and count as the one-by-one enumeration, and fine steps described as
one family (issue 14: a 0.01% step once took 41 s)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language.parser import parse_rule
from engine.lint.analysis import analyse
from engine.lint.analysis import jumps as J
from engine.lint.form import compile_rule

RULES = [
    ("完成率达到100%得满分，每低1%扣0.5分", "100%"),
    ("每少1项扣1分", "100%"),
    ("每超过1天扣2分，最多扣6分", "100%"),
    ("90%以上得10分，每低1%扣1分，低于60%不得分", "100%"),
    ("每低0.5%扣0.3分", "100%"),
    ("每低2%扣1.5分，扣完为止", "100%"),
    ("每超过目标值1%扣1分，最多扣4分", "90%"),
    ("偏差率每增加1个百分点扣0.5分", "10%"),
    ("每提高1个百分点加0.5分，最高加3分", "90%"),
]


def _analysis(text: str, target: str):
    return analyse(compile_rule(parse_rule(text).rule, Decimal(10), target))


@pytest.mark.parametrize("text, target", RULES)
def test_halving_finds_the_jumps_enumeration_finds(text: str, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _analysis(text, target)
    monkeypatch.setattr(J, "_changes_by_bisection", lambda *args: None)
    slow = _analysis(text, target)
    assert (fast.jump_count, fast.jumps) == (slow.jump_count, slow.jumps)


def test_a_fine_step_is_one_family() -> None:
    a = _analysis("完成率达到100%得满分，每低0.001%扣0.5分", "100%")
    assert a.jump_count == 20  # 99.98 … 99.999: ten points lost in 20 steps of 0.5, then 0
    assert [str(j.at) for j in a.jumps[:2]] == ["4999/50", "99981/1000"]
    assert "跳变：按整步 20 处（99.98、99.981 … 99.999，每隔 0.001 一处，每处变化 0.5 分）" in a.summary()


def test_a_million_steps_are_counted_not_listed() -> None:
    a = _analysis("完成率达到100%得满分，每低0.0001%扣0.00001分", "100%")
    # 10 points at 0.00001 a step: 10⁶ steps, the one at 0 (the domain's end) not a jump
    assert a.jump_count == 999_999
    assert len(a.jumps) == J._JUMP_LIMIT
    line = next(x for x in a.summary() if x.startswith("跳变"))
    assert "按整步 999999 处" in line and "列出的前 200 处每隔 0.0001 一处，每处变化 0.00001 分" in line
