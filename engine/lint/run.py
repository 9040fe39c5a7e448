"""`rescore lint`: prove each 评分标准 of a rule set, a report or one rule text consistent.

Each rule is parsed, compiled to its piecewise form for its weight and target
(`engine.lint.form`) and analysed (`engine.lint.analysis`); what fails becomes a `Finding` with a
witness actual: rule-weight-mismatch, rule-direction, rule-unbounded, rule-nonmonotone,
rule-gap, rule-overlap, rule-unreachable (and rule-unparsed for a text that cannot be read).
`lint_path` reads a rule-set file (`*.toml`), a directory of them or a report (`*.json`);
`lint_text` one rule. `render_text` and `render_json` print the same `LintItem.to_dict()`.

Unreadable input raises `LintInputError` with a Chinese message naming the file. sympy is
loaded here (through `engine.lint.form`): import this module only for linting.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from engine.errors import RescoreError
from engine.findings import Finding
from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.lint.analysis import Analysis, analyse
from engine.lint.form import compile_rule
from engine.lint.piecewise import Form
from engine.output.jsonout import dumps
from engine.scoring.outcome import PARTIAL_STEP_NAMES, PartialStep
from engine.text.width import display_width, pad

if TYPE_CHECKING:
    from engine.rulesets import RuleEntry


class LintInputError(RescoreError):
    """The input cannot be linted (missing file, bad TOML, not a report): exit code 2."""

    code = "X006"


@dataclass
class LintItem:
    """One rule, where it came from, its form, the proved facts and the findings."""

    source: str
    text: str
    weight: Decimal
    target: str | None = None
    target_note: str | None = None
    indicator: str | None = None
    direction: str | None = None
    canonical: str | None = None
    form: Form | None = None
    analysis: Analysis | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    acknowledged: list[Finding] = field(default_factory=list)  # a rule set's known_findings
    stale: list[str] = field(default_factory=list)  # known_findings that no longer occur

    @property
    def failing(self) -> bool:
        """Counts for the exit code: an unacknowledged finding, or a stale acknowledgement."""
        return bool(self.findings or self.stale)

    def to_dict(self, latex: bool = False) -> dict[str, Any]:
        """The item as JSON-ready data: what `render_json` prints and `render_text` lays out."""
        form = self.form
        data = {
            "source": self.source, "indicator": self.indicator, "text": self.text, "canonical": self.canonical,
            "weight": self.weight, "target": self.target, "direction": self.direction,
            "shape": form.shape if form is not None else None,
            "numeric": bool(form is not None and form.numeric),
            "reason": form.reason if form is not None else None,
            "formula": form.text() if form is not None and form.numeric else None,
            "facts": self.analysis.summary() if self.analysis is not None and form is not None and form.numeric else [],
            "analysis": self.analysis.to_dict() if self.analysis is not None else {},
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
            "acknowledged": [f.to_dict() for f in self.acknowledged],
            "stale": list(self.stale),
        }
        if latex:
            data["latex"] = form.latex() if form is not None and form.numeric else None
        return data


def lint_text(text: str, weight: Decimal | int | str, target: str | None = None, *, indicator: str | None = None,
              direction: str | None = None, partial: str = "floor", source: str = "<评分标准>",
              table: str | None = None, item: str | None = None, target_note: str | None = None,
              table_number: int | None = None, row: int | None = None) -> LintItem:
    """Lint one rule text for this weight and target (the cell as printed). A rule printed in a
    report is placed by its table's position and its row (`table_number`, `row`), never by name."""
    exact = Decimal(str(weight))
    lint = LintItem(source, text, exact, target, target_note, indicator, direction)
    parsed = parse_rule(text)
    rule = parsed.rule
    if not parsed.ok or rule is None:
        first = next((d for d in parsed.diagnostics if d.severity == "error"), None)
        message = first.message if first is not None else "没有找到计分规定"
        lint.findings.append(Finding(kind="rule-unparsed", message=f"评分标准无法读懂：{message}",
                                     table=table, item=item, table_number=table_number, row=row))
        return lint
    lint.canonical = to_text(rule)
    lint.notes += [d.message for d in parsed.diagnostics]
    form = compile_rule(rule, exact, target, partial=_partial(partial), indicator=indicator, direction=direction)
    lint.form = form
    lint.analysis = analyse(form, indicator=indicator, direction=direction, target=target, table=table, item=item)
    lint.findings.extend(dataclasses.replace(f, table_number=table_number, row=row) for f in lint.analysis.findings)
    return lint


def _partial(name: str) -> PartialStep:
    """The reading of a partial step, named as text by the CLI (a click.Choice of these names)."""
    if name not in PARTIAL_STEP_NAMES:
        raise ValueError(f"unknown partial-step reading {name!r}: one of {', '.join(PARTIAL_STEP_NAMES)}")
    return cast(PartialStep, name)


# ---------------------------------------------------------------- inputs


def lint_path(path: str | Path, partial: str = "floor") -> list[LintItem]:
    """Lint a rule-set or profile file, every `*.toml` of a directory, or every rule printed in a
    report. A `*.toml` file is a profile when it has no `[[rule]]` table."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.toml"))
        if not files:
            raise LintInputError(f"{path}: 目录里没有规则集文件（*.toml）")
        return [item for f in files for item in _lint_toml(f, partial)]
    if not path.exists():
        raise LintInputError(f"{path}: 文件不存在")
    if path.suffix.lower() == ".toml":
        return _lint_toml(path, partial)
    return lint_report(path, partial)


def lint_shipped_profiles(partial: str = "floor") -> list[LintItem]:
    """The common-indicator rules of every scoring profile shipped in the package."""
    from engine.profiles import PROFILE_DIR

    return [item for f in sorted(PROFILE_DIR.glob("*.toml")) for item in lint_profile(f, partial)]


def _lint_toml(path: Path, partial: str) -> list[LintItem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LintInputError(f"{path}: 无法读取：{error}") from None
    from engine.profiles.checks import is_profile_text  # profiles have [[rule]]s too (report-level rules)

    is_ruleset = any(line.strip() == "[[rule]]" for line in text.splitlines()) and not is_profile_text(text)
    return lint_ruleset(path, partial) if is_ruleset else lint_profile(path, partial)


def lint_profile(path: Path, partial: str = "floor") -> list[LintItem]:
    """The common-indicator rules a scoring profile file itself defines ([[indicator]], not the
    ones it inherits), each at its own full marks: a profile gives no weight, a row's weight
    caps the rule when it is used."""
    import tomllib

    from engine.scoring import full_marks, to_decimal

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LintInputError(f"{path}: 无法读取：{error}") from None
    from engine.profiles.checks import check_file

    items = [LintItem(str(path), "（评分办法文件：字段、出处与适用年度）", Decimal(0), findings=check_file(path))]
    for common in data.get("indicator", []):
        name, text = common["names"][0], common["rule"]
        parsed = parse_rule(text)
        marks = full_marks(parsed.rule) if parsed.rule is not None else None
        weight = to_decimal(marks) if marks is not None else Decimal(5)
        items.append(lint_text(text, weight, None, indicator=name, partial=partial,
                               source=f"{path}:{name}", table=str(path), item=name))
    return items


def lint_ruleset(path: Path, partial: str = "floor") -> list[LintItem]:
    """Every entry of a rule set, at its weight and the first target of its examples; the
    findings it acknowledges (known_findings) are kept apart, and ones that no longer occur said."""
    from engine.rulesets import RuleSetError, load_ruleset

    try:
        ruleset = load_ruleset(path)
    except RuleSetError as error:
        raise LintInputError(str(error)) from None
    except OSError as error:
        raise LintInputError(f"{path}: 无法读取：{error.strerror or error}") from None
    items = []
    for entry in ruleset.rules:
        target, note = _entry_target(entry, partial)
        item = lint_text(entry.effective_text, Decimal(entry.weight), target, indicator=entry.indicator,
                         direction=entry.direction, partial=partial, source=f"{path}:{entry.id}",
                         table=str(path), item=entry.id, target_note=note)
        if entry.encoding is not None:
            item.notes.insert(0, f"照印原文「{entry.text}」按 encoding 改写后检查：{entry.encoding_note}")
        if entry.known_findings:
            known = set(entry.known_findings)
            item.acknowledged = [f for f in item.findings if f.code in known]
            item.findings = [f for f in item.findings if f.code not in known]
            item.stale = sorted(known - {f.code for f in item.acknowledged})
            item.notes.append(f"已知问题 {'、'.join(entry.known_findings)}：{entry.known_note}")
        items.append(item)
    return items


def _entry_target(entry: RuleEntry, partial: str) -> tuple[str | None, str | None]:
    """A rule set gives targets only in its examples: the first one the rule can use."""
    targets = list(dict.fromkeys(e.target for e in entry.examples))
    if not targets:
        return None, None
    parsed = parse_rule(entry.effective_text)
    rule = parsed.rule if parsed.ok else None
    for target in targets:
        if rule is not None and compile_rule(rule, Decimal(entry.weight), target, partial=_partial(partial),
                                             indicator=entry.indicator, direction=entry.direction).numeric:
            return target, "取自例子"
    return targets[0], "取自例子"


def lint_report(path: Path, partial: str = "floor") -> list[LintItem]:
    """Every rule printed in a report with a 分值, placed by its table's position and its row."""
    from engine.report.loading import ReportError, load_report

    try:
        report = load_report(path)
    except ReportError as error:
        raise LintInputError(error.format()) from None
    items = []
    for number, table in enumerate(report.tables, start=1):
        for row, indicator in enumerate(table.indicators, start=1):
            if not indicator.rule or not indicator.rule.strip() or indicator.weight is None:
                continue  # a row without a 分值 has no full marks to prove the rule against
            items.append(lint_text(indicator.rule, indicator.weight, indicator.target, indicator=indicator.name,
                                   partial=partial, source=f"{table.name} › {indicator.name}",
                                   table=table.name, item=indicator.name, table_number=number, row=row))
    return items


# ---------------------------------------------------------------- output


def render_json(items: list[LintItem], latex: bool = False) -> str:
    """The items and a summary of their codes, as indented JSON."""
    counts = Counter(f.code for i in items for f in i.findings)
    known = Counter(f.code for i in items for f in i.acknowledged)
    return dumps({"rules": [i.to_dict(latex) for i in items],
                  "summary": {"rules": len(items), "with_findings": sum(1 for i in items if i.failing),
                              "findings": dict(sorted(counts.items())),
                              "acknowledged": dict(sorted(known.items())),
                              "stale": sum(len(i.stale) for i in items)}}, indent=2)


_LABEL = 10  # display columns of the label column


def _row(label: str, text: str) -> list[str]:
    """A labelled block: the label in its column, continuation lines indented under the text."""
    lines = text.splitlines() or [""]
    head = "  " + pad(label, _LABEL)
    return [head + lines[0]] + ["  " + " " * _LABEL + line for line in lines[1:]]


def render_text(items: list[LintItem], latex: bool = False) -> str:
    """Per rule: source, text, canonical form, weight and target, formula, proved facts, and
    the findings with their witnesses, aligned; then a one-line summary."""
    return "\n\n".join([_block(item, latex) for item in items] + [_summary(items)])


def _block(item: LintItem, latex: bool) -> str:
    """One rule's lines: what it is, what was proved, what fails."""
    data = item.to_dict(latex)
    head = item.source + (f"（{item.indicator}）" if item.indicator and item.indicator not in item.source else "")
    return "\n".join([head] + _rule_rows(item, data, latex) + _fact_rows(item, data) + _finding_lines(item))


def _rule_rows(item: LintItem, data: dict[str, Any], latex: bool) -> list[str]:
    """The rule as given and as read: its text, canonical form, weight and target, formula."""
    lines = _row("评分标准", item.text)
    if item.canonical is not None:
        lines += _row("规范形式", item.canonical)
    cell = item.target if item.target is None or len(item.target) <= 30 else item.target[:30] + "…"
    target = "（空）" if cell is None else cell + (f"（{item.target_note}）" if item.target_note else "")
    lines += _row("分值", f"{_num(item.weight)} 分    年度指标值 {target}")
    if data["formula"] and item.form is not None:
        lines += _row("公式", data["formula"] + f"\n（{item.form.legend()}）")
    elif data["reason"]:
        lines += _row("公式", f"没有数值形式：{data['reason']}")
    if latex and data.get("latex"):
        lines += _row("LaTeX", data["latex"])
    return lines


def _fact_rows(item: LintItem, data: dict[str, Any]) -> list[str]:
    """The proved facts under one 分析 label, then the notes."""
    lines: list[str] = []
    for fact in data["facts"]:
        lines += _row("分析" if fact == data["facts"][0] else "", "· " + fact)
    for note in item.notes:
        lines += _row("说明", note)
    return lines


def _finding_lines(item: LintItem) -> list[str]:
    """The findings, acknowledged ones marked, code and witness columns aligned; stale
    acknowledgements; or 无问题."""
    shown = item.findings + item.acknowledged
    width = max((display_width(f"{f.code} {f.kind}") for f in shown), default=0)
    wit = max((display_width(_witness(f)) for f in shown), default=0)
    marks = [""] * len(item.findings) + ["（已知，不计入退出码）"] * len(item.acknowledged)
    lines = ["  " + pad(f"{f.code} {f.kind}", width) + "  " + pad(_witness(f), wit) + "  " + mark + f.message
             for f, mark in zip(shown, marks)]
    for code in item.stale:
        lines.append(f"  known_findings 列出了 {code}，但已不再出现：请从规则集中删去")
    if not shown and not item.stale:
        lines.append("  无问题")
    return lines


def _summary(items: list[LintItem]) -> str:
    """How many rules, how many fail, the codes found and those a rule set acknowledges."""
    counts = Counter(f"{f.code} {f.kind}" for i in items for f in i.findings)
    flagged = sum(1 for i in items if i.failing)
    tail = f"共 {len(items)} 条评分标准，{flagged} 条有问题"
    if counts:
        tail += "：" + "，".join(f"{k} ×{v}" for k, v in sorted(counts.items()))
    known = Counter(f"{f.code} {f.kind}" for i in items for f in i.acknowledged)
    if known:
        tail += "；规则集已注明的已知问题：" + "，".join(f"{k} ×{v}" for k, v in sorted(known.items()))
    return tail


def _witness(f: Finding) -> str:
    """x = the witness actual, or nothing for a finding without one."""
    return f"x = {_num(f.witness)}" if f.witness is not None else ""


def _num(value: Decimal) -> str:
    """A Decimal without trailing zeros (5, 0.5)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
