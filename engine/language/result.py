"""`ParseResult`: what reading one rule text gives, in a module that imports no parser.

`engine.language.parser` builds it; `engine.language.store` keeps it on disk; the review reads
it. Keeping it apart lets a run whose rules all come from the store skip importing lark.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.language import tree as rt
from engine.language.diagnostics import Diagnostic


@dataclass(frozen=True)
class ParseResult:
    """The rule that was read (None when nothing usable was) and every diagnostic."""

    text: str
    rule: rt.Rule | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the rule can be evaluated: no error-level diagnostic, and a scoring rule."""
        return self.rule is not None and not any(d.severity == "error" for d in self.diagnostics) \
            and not self.not_a_rule

    @property
    def not_a_rule(self) -> bool:
        """The text is not a scoring rule at all (P010): a description of what to check, or how
        other scores are combined. Never an error: the item is scored by the profile."""
        return any(d.code == "P010" for d in self.diagnostics)
