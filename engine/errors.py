"""The exceptions the engine raises on a user's input: all `RescoreError`, each with a stable code.

A caller (the CLI, a script that imports the engine) can catch `RescoreError` and know the
input, not the engine, is at fault; `code` names the kind for a log or a bug report, and the
message is Chinese and names the file, table, row or character position. Codes are stable and
never reused (`CODES`; the list is in docs/output.md, "Exceptions"). Anything else that escapes
the engine is a defect: the CLI turns it into 「内部错误」 with status 70 (engine.cli.guard), and the
fuzz run (tests/test_fuzz.py, bench/fuzz.py) checks that it never happens.
"""

from __future__ import annotations

__all__ = ["CODES", "RescoreError"]

CODES = {
    "X001": ("report", "报告文件无法使用（engine.report.problems.ReportError）"),
    "X002": ("rule-syntax", "评分标准无法读懂（engine.language.diagnostics.RuleSyntaxError）"),
    "X003": ("profile", "评分办法无法找到或读取（engine.profiles.loading.ProfileError）"),
    "X004": ("profile-rule", "评分办法中的一条报告级规则无法读取（engine.profiles.rules.RuleError）"),
    "X005": ("rule-set", "规则集文件无法使用（engine.rulesets.RuleSetError）"),
    "X006": ("lint-input", "无法检查的输入（engine.lint.run.LintInputError）"),
    "X007": ("selection", "--select / --ignore 写的代码不存在（engine.review.selection.SelectionError）"),
    "X008": ("lexicon", "词表中没有的键或形状不对的值（engine.lexicon.LexiconError）"),
}
"""Stable exception codes: code -> (name, Chinese title). Never reuse a code."""


class RescoreError(Exception):
    """The base of every exception the engine raises on a user's input; `code` is in `CODES`."""

    code = "X000"

    @property
    def name(self) -> str:
        return CODES[self.code][0]
