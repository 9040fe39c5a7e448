"""click's own strings in Chinese: Usage, Options, the error lines and the messages a user sees.

click marks its strings for gettext (`from gettext import gettext as _` in each of its modules)
but ships no catalogue, and Python's gettext needs compiled .mo files in a locale directory. So
`install()` points the `_` and `ngettext` of click's modules at this catalogue (a dict, English
msgid → Chinese), falling back to the English for anything it does not know. It changes only
how click words its messages, in this process; `rescore` calls it once, when `engine.cli` is
imported. Placeholders ({name!r}, {param_hint} …) are kept as click formats them.

A few strings click does not mark are set here too: the names of its number types (a bad
`--jobs x` said 不是有效的integer range), a range as 「≥1」 rather than 「x>=1」 (in help and in
errors), a bad value of a range type naming what is allowed (「x」不是有效的整数；须为 ≥1 的整数。),
and the full stop of 缺少参数 'PATH…'。
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

CATALOGUE: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "子命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有子命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "deprecated": "已弃用",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{value!r} is not a valid {number_type}.": "「{value}」不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在允许的范围内。",
    "unknown error": "未知错误",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
}

PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "「{value}」不是 {choice}。",
    "{value!r} is not one of {choices}.": "「{value}」不是 {choices} 之一。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, chosen)


# click's number types by the name its messages and help show
TYPE_NAMES = {"IntParamType": "整数", "FloatParamType": "数字", "IntRange": "整数", "FloatRange": "数字"}


def describe_range(self: Any) -> str:
    """A number range as help and errors show it: ≥1, <5, ≥0 且 ≤100."""
    low = None if self.min is None else f"{'>' if self.min_open else '≥'}{self.min}"
    high = None if self.max is None else f"{'<' if self.max_open else '≤'}{self.max}"
    return " 且 ".join(part for part in (low, high) if part is not None)


def _naming_the_range(convert: Callable[..., Any]) -> Callable[..., Any]:
    """A range type's `convert` whose error says what is allowed: 「x」不是有效的整数；须为 ≥1 的整数。"""
    import click

    def checked(self: Any, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return convert(self, value, param, ctx)
        except click.BadParameter as error:
            message = f"{error.message.rstrip('。.')}；须为 {describe_range(self)} 的{self.name}。"
            raise click.BadParameter(message, ctx=error.ctx, param=error.param, param_hint=error.param_hint) from None

    checked.zh = True  # type: ignore[attr-defined]
    return checked


def missing_message(self: Any) -> str:
    """click's MissingParameter message, ending in a Chinese full stop (缺少参数 'PATH…'。)."""
    from click import exceptions

    hint = self.param_hint if self.param_hint is not None else (
        self.param.get_error_hint(self.ctx) if self.param is not None else None)
    hint = exceptions._join_param_hints(hint)
    kind = self.param_type or (self.param.param_type_name if self.param is not None else None)
    words = {"argument": "Missing argument", "option": "Missing option", "parameter": "Missing parameter"}
    missing = gettext(words[kind]) if kind in words else gettext("Missing {param_type}").format(param_type=kind)
    extra = self.param.type.get_missing_message(param=self.param, ctx=self.ctx) if self.param is not None else None
    message = "。".join(m.rstrip("。.") for m in (self.message, extra) if m)
    return f"{missing}{' ' + hint if hint else ''}。{message + '。' if message else ''}"


def _no_space_after_full_stop(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
    """NoSuchOption / NoSuchCommand join the message and the suggestion with a space:
    「没有选项 '--bogus'。 是不是…」 reads 「…。是不是…」."""

    def joined(self: Any) -> str:
        return format_message(self).replace("。 ", "。")

    joined.zh = True  # type: ignore[attr-defined]
    return joined


def install() -> None:
    """Make click word its messages in Chinese (idempotent)."""
    import click
    from click import types

    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without this module
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    for type_name, words in TYPE_NAMES.items():
        setattr(getattr(types, type_name), "name", words)
    ranges = types._NumberRangeBase
    ranges._describe_range = describe_range  # type: ignore[method-assign]
    if not getattr(ranges.convert, "zh", False):
        ranges.convert = _naming_the_range(ranges.convert)  # type: ignore[method-assign]
    click.MissingParameter.format_message = missing_message  # type: ignore[method-assign]
    for error in (click.NoSuchOption, getattr(click.exceptions, "NoSuchCommand", None)):
        if error is not None and not getattr(error.format_message, "zh", False):
            error.format_message = _no_space_after_full_stop(error.format_message)  # type: ignore[method-assign]
