"""The renderings of a `ReportResult`, under the names callers used before they were split.

Text is `engine.output.text`, markdown `engine.output.markdown`, JSON `engine.output.jsonout`;
all three render the one result object. This module only re-exports them.
"""

from __future__ import annotations

from engine.output.jsonout import render_json
from engine.output.markdown import render_markdown
from engine.output.text import render_item, render_text

__all__ = ["render_item", "render_json", "render_markdown", "render_text"]
