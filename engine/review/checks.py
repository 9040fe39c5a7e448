"""The review's old entry point, kept so that `from engine.review.checks import rescore` works.

The review is now the ordered list of checks in `engine.review.pipeline`; this module only
re-exports its entry point and the execution row's name.
"""

from __future__ import annotations

from engine.review.execution import EXECUTION_ITEM
from engine.review.pipeline import PASSES, rescore

__all__ = ["EXECUTION_ITEM", "PASSES", "rescore"]
