"""Scoring: what a rule tree means for one indicator's target, actual and weight.

`evaluate(rule, target, actual, weight)` gives an `Outcome`: an exact score, an allowed range or
"unknown" with a reason code, with the trace and every judgement call. This package is the one
definition of each rule shape's meaning; the symbolic form `rescore lint` proves things about
is derived from it. Nothing here reads files or reports.
"""

from engine.scoring.evaluate import (PARTIAL_STEP_NAMES, Note, Outcome, PartialStep, UnknownCode, evaluate, fmt,
                                     full_marks, infer_direction, shape, to_decimal)
from engine.scoring.outcome import alternative_words

__all__ = ["PARTIAL_STEP_NAMES", "Note", "Outcome", "PartialStep", "UnknownCode", "alternative_words", "evaluate", "fmt",
           "full_marks", "infer_direction", "shape", "to_decimal"]
