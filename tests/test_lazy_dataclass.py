"""engine.lazy_dataclass: a class decorated by it is, from its first instance on, the dataclass
the standard decorator makes; instances made without __init__ (unpickled, copied) count too."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from engine import lazy_dataclass
from engine.lazy_dataclass import dataclass, realize

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Point:
    x: Decimal
    y: Decimal = Decimal(0)
    label: str = dataclasses.field(default="", compare=False)


@dataclass(frozen=True)
class Named(Point):
    name: str = "p"


@dataclass(kw_only=True)
class Bag:
    items: list[str] = dataclasses.field(default_factory=list)


def test_a_class_is_pending_until_its_first_instance_then_the_standard_dataclass() -> None:
    @dataclass(frozen=True)
    class Late:
        a: int
        b: str = "x"

    assert Late in lazy_dataclass._PENDING and not dataclasses.is_dataclass(Late)
    late = Late(1)
    assert Late not in lazy_dataclass._PENDING and dataclasses.is_dataclass(Late)
    assert (late.a, late.b) == (1, "x") and repr(late).endswith(".Late(a=1, b='x')")
    assert late == Late(1, "x") and late != Late(2) and hash(late) == hash(Late(1, "x"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        late.a = 2  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Late)] == ["a", "b"]


def test_a_subclass_realizes_its_bases_first_and_keeps_their_fields() -> None:
    named = Named(Decimal("1.5"), label="ignored in ==")
    assert [f.name for f in dataclasses.fields(named)] == ["x", "y", "label", "name"]
    assert named == Named(Decimal("1.5")) and named != Point(Decimal("1.5"))
    assert Point(Decimal(2)).y == 0 and dataclasses.replace(named, name="q").name == "q"


def test_defaults_factories_and_keyword_only_fields_are_the_standard_ones() -> None:
    first, second = Bag(), Bag(items=["a"])
    assert first.items == [] and first.items is not Bag().items and second.items == ["a"]
    with pytest.raises(TypeError):
        Bag(["a"])  # type: ignore[misc]  # kw_only


def test_instances_unpickled_or_copied_in_a_fresh_process_realize_their_class() -> None:
    """The class is still pending in the child when its instance arrives without __init__."""
    data = pickle.dumps(Named(Decimal(3), Decimal(4), "l", "n"))
    code = ("import pickle, sys; sys.path.insert(0, 'tests'); import test_lazy_dataclass as t\n"
            "from engine import lazy_dataclass as lazy\n"
            "assert t.Named in lazy._PENDING and t.Point in lazy._PENDING\n"
            "p = pickle.loads(sys.stdin.buffer.read())\n"
            "assert t.Named not in lazy._PENDING and t.Point not in lazy._PENDING\n"
            "print(repr(p), p == t.Named(p.x, p.y, 'other', 'n'))\n")
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["Named(x=Decimal('3'),", "y=Decimal('4'),", "label='l',", "name='n')",
                                            "True"]

def test_copy_of_an_instance_equals_it() -> None:
    named = Named(Decimal(1), name="c")
    assert copy.copy(named) == named and copy.deepcopy(named) == named
    assert pickle.loads(pickle.dumps(named)) == named


def test_classes_with_slots_or_their_own_init_are_decorated_at_once() -> None:
    @dataclass(frozen=True, slots=True)
    class Slotted:
        a: int

    @dataclass
    class Own:
        a: int = 0

        def __init__(self, a: int) -> None:
            object.__setattr__(self, "a", a * 2)

    assert dataclasses.is_dataclass(Slotted) and dataclasses.is_dataclass(Own)
    assert Own(2).a == 4 and Slotted(1).__slots__ == ("a",)


def test_realize_makes_a_pending_class_inspectable_without_an_instance() -> None:
    @dataclass
    class Unused:
        a: int

    realize(Unused)
    assert [f.name for f in dataclasses.fields(Unused)] == ["a"]
    realize(Unused)  # a no-op once done
