"""Every exception class the engine defines is an input error with a stable code, or one of the
the few the engine catches itself (docs/output.md, "Exceptions"); an input error no command caught
exits 2 with its code, never 「内部错误」."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import engine
from engine.errors import CODES, RescoreError

# the engine's own control flow: raised and caught inside, never reaching a caller
INTERNAL = {
    "engine.language.operands.BadNumeral": "engine.language.parser turns it into P014 / P001",
    "engine.language.operands.PercentPoints": "engine.language.parser turns it into P014",
    "engine.language.operands.InexactShare": "engine.language.parser turns it into P004",
    "engine.language.operands.UnevenCap": "engine.language.parser turns it into P004",
    "engine.language.operands.UnevenInclusion": "engine.language.parser turns it into P004",
    "engine.language.operands.UnreadPeriod": "engine.language.parser turns it into P004",
    "engine.language.drive.Fallback": "engine.language.transform reruns lark's own parse for its error",
    "engine.lint.explore.TooManyBranches": "engine.lint.form says the analysis was not proved",
    "engine.scoring.outcome.Unknown": "engine.scoring.evaluate makes it the item's unknown outcome",
}
DOCS = Path(__file__).resolve().parent.parent / "docs" / "output.md"


def _exception_classes() -> dict[str, type[BaseException]]:
    found = {}
    for info in pkgutil.walk_packages(engine.__path__, "engine."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = obj
    return found


def test_every_exception_is_an_input_error_with_a_code_or_internal() -> None:
    classes = _exception_classes()
    errors = {path: cls for path, cls in classes.items() if path not in INTERNAL and cls is not RescoreError}
    assert set(INTERNAL) <= set(classes)
    assert all(issubclass(cls, RescoreError) for cls in errors.values()), \
        [p for p, c in errors.items() if not issubclass(c, RescoreError)]
    codes = [cls.code for cls in errors.values()]
    assert sorted(codes) == sorted(CODES), "each code used once, each class one code"
    for cls in errors.values():  # CODES names the class it belongs to
        assert f"{cls.__module__}.{cls.__name__}" in CODES[cls.code][1] or cls.__name__ in CODES[cls.code][1]


def test_the_codes_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (X\d{3}) \| ([a-z-]+) \|", text, re.MULTILINE))
    assert rows == {code: name for code, (name, _) in CODES.items()}
    for path in INTERNAL:
        assert path.rsplit(".", 1)[1] in text


def test_an_uncaught_input_error_exits_2_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli.guard import guarded
    from engine.profiles.loading import ProfileError

    def command() -> None:
        raise ProfileError("没有评分办法「x」")

    assert guarded(command) == 2
    err = capsys.readouterr().err
    assert "错误 [X003]：没有评分办法「x」" in err and "内部错误" not in err


def test_any_other_exception_is_internal(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli.guard import guarded

    def command() -> None:
        raise ZeroDivisionError("x")

    assert guarded(command) == 70
    assert "内部错误：ZeroDivisionError" in capsys.readouterr().err
