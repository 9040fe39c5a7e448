"""Text before meaning: length-preserving folding (`fold`), Chinese numerals (`numerals`),
exact decimal text (`numbers`) and terminal display width (`width`). Nothing here knows rules,
cells or scores.
"""
