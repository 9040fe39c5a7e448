"""What a rule tree alone decides, worked out once per rule object.

Every row whose 评分标准 has the same text is scored with the same parsed `Rule` (the parse
cache of `engine.review.context`), so what depends on the rule and a few plain arguments only
(its shape, whether a value has another in its place, its printed form, its ceiling at a weight)
is the same for all of them. `per_rule(fn)` keeps `fn(rule, *args)` on the rule itself, the way
`functools.cached_property` keeps a value: in the instance's `__dict__`, which a frozen dataclass
leaves writable and which equality, hashing and `dataclasses.replace` never read. The tree is
immutable, so a kept value never goes stale; a rule made by `replace` (the readings of
`engine.scoring.either`, `anyof`, ...) starts with nothing kept and dies with what it kept.
A kept value is shared by every caller: `fn` must return something nobody changes (a bool, a
str, a Fraction, a tuple).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from engine.language import tree as rt

P = ParamSpec("P")
R = TypeVar("R")

KEEP = True
"""False: compute everything every time (what the tests compare the kept values against)."""


def per_rule(fn: Callable[Concatenate[rt.Rule, P], R]) -> Callable[Concatenate[rt.Rule, P], R]:
    """`fn(rule, *args)` computed once per rule and `args`, then kept on the rule (`args` that
    cannot be hashed, or keywords, are computed every time)."""
    slot = f"_kept {fn.__module__}.{fn.__qualname__}"  # a name no field or attribute can have

    def kept(rule: rt.Rule, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs or not KEEP:
            return fn(rule, *args, **kwargs)
        store: dict[Any, Any] | None = rule.__dict__.get(slot)
        if store is None:
            store = rule.__dict__[slot] = {}
        try:
            if args in store:
                return store[args]  # type: ignore[no-any-return]
        except TypeError:  # an argument that cannot be hashed
            return fn(rule, *args, **kwargs)
        value = store[args] = fn(rule, *args, **kwargs)
        return value

    functools.update_wrapper(kept, fn)
    return kept
