"""`rescore lint`: prove a rule's scoring consistent from its exact piecewise form.

One stage a module: `explore` runs the evaluator on a symbolic actual; `form` compiles a rule to
its `piecewise.Form` that way; `calculus` solves, bounds and takes limits on the pieces;
`printing` shows them as plain text and LaTeX; `analysis` proves range, direction, coverage and
jumps, each failure a Finding with a witness; `run` reads rule sets, profiles and reports and
renders the results. Importing this package loads nothing: sympy comes with the modules.
"""
