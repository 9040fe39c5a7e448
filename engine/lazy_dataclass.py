"""`dataclass`, applied when a class is first used: the standard decorator, deferred.

`dataclasses.dataclass` writes and compiles the methods of a class (`__init__`, `__repr__`,
`__eq__`, `__hash__`, the frozen `__setattr__`) when the class is defined: about 0.3 ms a class,
and `rescore report.json` imports some 110 of them, half of which the run never instantiates
(rule-tree nodes of shapes the report's rules do not have, the reading of profile files, …).
This `dataclass` takes the same options and marks the class instead; the standard decorator is
applied, to the class itself and to its pending bases first, at the first instance: the first
`__init__` call, or the first `__setstate__` (an instance unpickled or copied without `__init__`).
From then on the class is exactly the dataclass the standard decorator makes.

Only public dataclasses behaviour is relied on. What differs before the first instance: the class
is not yet a dataclass (`dataclasses.fields(cls)` raises). Code that inspects a class which may
have no instance yet uses `is_dataclass` and `fields` from here (or `realize(cls)` first). A
class with `slots=True`, no fields, or an `__init__`, `__new__`, `__setstate__`, `__getstate__`
or `__reduce__` of its own is decorated at once.

Type checkers see `dataclasses.dataclass` itself.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

__all__ = ["dataclass", "fields", "is_dataclass", "realize"]

_PENDING: dict[type, dict[str, Any]] = {}
_OWN = ("__init__", "__new__", "__setstate__", "__getstate__", "__reduce__", "__reduce_ex__")


def realize(cls: type) -> None:
    """Apply the deferred decorators of `cls` and of its bases, bases first (a no-op once done)."""
    for klass in reversed(cls.__mro__):
        options = _PENDING.pop(klass, None)
        if options is not None:
            delattr(klass, "__init__")  # the markers go before the real methods are made
            delattr(klass, "__setstate__")
            dataclasses.dataclass(klass, **options)


def is_dataclass(obj: Any) -> bool:
    """`dataclasses.is_dataclass`, true also for a class whose decorator is still pending."""
    return dataclasses.is_dataclass(obj) or (isinstance(obj, type) and any(k in _PENDING for k in obj.__mro__))


def fields(class_or_instance: Any) -> tuple[dataclasses.Field[Any], ...]:
    """`dataclasses.fields`, the class made a dataclass first if it is not yet."""
    realize(class_or_instance if isinstance(class_or_instance, type) else type(class_or_instance))
    return dataclasses.fields(class_or_instance)


def _owner(instance: object, name: str, marker: Any) -> type:
    """The class whose `name` is the marker that was called (a subclass may be the instance's type)."""
    return next(k for k in type(instance).__mro__ if k.__dict__.get(name) is marker)


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    owner = _owner(self, "__init__", _first_init)
    realize(type(self))
    getattr(owner, "__init__")(self, *args, **kwargs)


def _first_setstate(self: Any, state: Any) -> None:
    owner = _owner(self, "__setstate__", _first_setstate)
    realize(type(self))
    restore = getattr(owner, "__setstate__", None)
    if restore is not None:
        restore(self, state)
        return
    fields, slots = state if isinstance(state, tuple) else (state, None)  # pickle's default state
    if fields:
        self.__dict__.update(fields)
    for name, value in (slots or {}).items():
        object.__setattr__(self, name, value)


def _defer(klass: type, options: dict[str, Any]) -> type:
    if options.get("slots") or not klass.__dict__.get("__annotations__") or any(n in klass.__dict__ for n in _OWN):
        realize(klass)  # its bases must be dataclasses before it is made one
        return dataclasses.dataclass(klass, **options)
    _PENDING[klass] = options
    setattr(klass, "__init__", _first_init)
    setattr(klass, "__setstate__", _first_setstate)
    return klass


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:
    def dataclass(cls=None, /, **options):
        """`dataclasses.dataclass(cls, **options)`, applied at the class's first instance."""
        if cls is None:
            return lambda klass: _defer(klass, options)
        return _defer(cls, options)
