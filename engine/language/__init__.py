"""Reading a rule: 评分标准 text into a rule tree, and the tree back into canonical text.

One module per stage: `grammar` (rule.lark, its word lists filled from engine/lexicon),
`transform` with `operands` and `clauses` (the grammar's rules, building `chunks` as lark
parses), `assemble` (phrases joined into statements), `diagnostics` (codes P001–P007,
did-you-mean), `parser` (the entry points `parse_rule`, `parse`), `tree` (the rule tree) and
`printer` (`to_text`). Nothing here scores a rule (engine.scoring) or reads a cell
(engine.values).
"""
