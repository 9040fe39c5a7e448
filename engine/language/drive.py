"""lark's LALR parse of a rule text, run in one loop.

lark's own parse (`Lark.parse` with the contextual lexer) spends most of its time in the layers
around the work: a generator per lexer, a method call and a dictionary lookup chain per token,
line and column counting nobody reads. `Driver` runs the same tables, the same lexers (each
parser state's scanner, as lark's contextual lexer picks it) and the same callbacks (so the
value is the one lark returns), in one loop over the text.

It is only the fast path: whenever lark would raise (no terminal matches, a token the state does
not expect, input that ends too early), `Driver.parse` raises `Fallback` and the caller runs
lark's own parse, which raises lark's exception with lark's message and positions. So the errors
are lark's and the results are lark's; tests/test_parse_driver.py checks both on the corpus.
"""

from __future__ import annotations

from typing import Any, Callable

from lark import Lark, Token
from lark.parsers.lalr_analysis import Shift


class Fallback(Exception):
    """The text did not lex or parse in the driver: run lark's parser for its own error."""


_Scan = tuple[tuple[Any, ...], frozenset[str], dict[str, Callable[[Token], Token]], int | None]
"""How a state lexes: the patterns tried in order (the state's compiled alternation, or its
terminals one by one), the terminals skipped, lark's terminal callbacks, and for one by one the
tokens lexed so far (None: the alternation)."""

ALTERNATION_AFTER = 64
"""Tokens a state lexes one terminal at a time before its alternation is compiled: a hot state
(a large report, a batch) pays the compile once and lexes fast; a state a small run passes
through a few times never pays it."""


class Driver:
    """The tables, scanners and callbacks of one `Lark` parser (parser="lalr",
    lexer="contextual", a transformer), read once."""

    def __init__(self, lark: Lark, start: str = "start") -> None:
        frontend: Any = lark.parser
        parser = frontend.parser.parser
        table = parser.parse_table
        self.states: dict[int, dict[str, tuple[Any, Any]]] = table.states
        self.start = table.start_states[start]
        self.end = table.end_states[start]
        self.callbacks: dict[Any, Callable[[Any], Any]] = parser.callbacks
        # per parser state, built at the state's first token (compiling all of them at once would
        # cost the first parse of a run ~250 ms): the compiled alternations of the state's lexer,
        # the terminals it skips and the terminal callbacks lark's lexer applies
        self.contextual: dict[int, Any] = frontend.lexer.lexers
        self.lexers: dict[int, _Scan] = {}
        self.terminals: dict[tuple[str, int], Any] = {}  # each terminal compiled alone, once
        self.folded: dict[tuple[str, str], bool] = {}
        self.shift = Shift
        self.token: Callable[..., Token] = Token._future_new  # Token(...) without its check for a deprecated keyword

    @classmethod
    def of(cls, lark: Lark) -> Driver | None:
        """The driver of `lark`, or None when this lark lays out its parser otherwise (another
        version): the caller then uses lark's own parse, which gives the same results."""
        try:
            return cls(lark)
        except (AttributeError, KeyError, TypeError):
            return None

    def _lexer(self, state: int) -> _Scan:
        """How to lex in `state`. A state's own alternation of its terminals costs ~1-6 ms to
        compile, and a run that reads a few rules visits ~100 states: so a state is first lexed
        by trying its terminals one by one, in the order of lark's alternation (the first that
        matches wins, as in the alternation), each terminal compiled once for all states; after
        `ALTERNATION_AFTER` tokens in it, the state gets lark's compiled alternation."""
        scan = self.lexers.get(state)
        if scan is not None and scan[3] is not None:  # lexed one by one so far: count, maybe promote
            if scan[3] < ALTERNATION_AFTER:
                scan = self.lexers[state] = (scan[0], scan[1], scan[2], scan[3] + 1)
                return scan
            scan = None
            promote = True
        else:
            promote = False
        lexer = self.contextual[state]
        try:
            one_by_one = None if promote else self._one_by_one(lexer)
            if one_by_one is not None:
                scan = self.lexers[state] = (one_by_one, frozenset(lexer.ignore_types), {}, 1)
                return scan
            mres = tuple(lexer.scanner._mres)  # compiles the state's alternation once (lark keeps it)
            scan = self.lexers[state] = (mres, frozenset(lexer.ignore_types), dict(lexer.callback), None)
        except AttributeError as other:  # a lark that keeps its lexers otherwise: lark's own parse
            raise Fallback(0) from other
        return scan

    def _one_by_one(self, lexer: Any) -> tuple[Any, ...] | None:
        """The state's terminals, each compiled alone as a group of its own name, in the order of
        the alternation lark would compile; None where lark's lexer would do more than match
        (a callback of the grammar's, or a string terminal that a pattern of the same priority
        also matches, which lark folds into that pattern with a callback)."""
        if lexer.user_callbacks:
            return None
        terminals = lexer.terminals
        compiled = tuple(self._terminal(lexer, t) for t in terminals)
        strings = [t for t in terminals if t.pattern.type == "str"]
        for t, mre in zip(terminals, compiled):
            if t.pattern.type == "re":
                for string in strings:
                    if string.priority == t.priority and self._folds(mre, string.pattern.value):
                        return None
        return compiled

    def _terminal(self, lexer: Any, terminal: Any) -> Any:
        key = (terminal.name, lexer.g_regex_flags)
        mre = self.terminals.get(key)
        if mre is None:
            mre = self.terminals[key] = lexer.re.compile(f"(?P<{terminal.name}>{terminal.pattern.to_regexp()})",
                                                         lexer.g_regex_flags)
        return mre

    def _folds(self, mre: Any, value: str) -> bool:
        key = (mre.pattern, value)
        folds = self.folded.get(key)
        if folds is None:
            m = mre.match(value)
            folds = self.folded[key] = m is not None and m.group(0) == value
        return folds

    def parse(self, text: str) -> Any:
        """What `lark.parse(text)` returns, or `Fallback` where lark would raise."""
        states, lexers, callbacks, shift, new = self.states, self.lexers, self.callbacks, self.shift, self.token
        state_stack = [self.start]
        value_stack: list[Any] = []
        pos, end = 0, len(text)
        token: Token | None = None
        while True:
            if pos < end:
                scan = lexers.get(state_stack[-1])
                if scan is None or scan[3] is not None:
                    scan = self._lexer(state_stack[-1])
                mres, ignore, lexer_callbacks, _ = scan
                for mre in mres:
                    m = mre.match(text, pos)
                    if m:
                        break
                else:
                    raise Fallback(pos)
                value, type_ = m.group(0), m.lastgroup
                start, pos = pos, m.end()
                if type_ in ignore and type_ not in lexer_callbacks:
                    continue
                token = new(type_, value, start, 1, start + 1, 1, pos + 1, pos)
                if type_ in lexer_callbacks:
                    token = lexer_callbacks[type_](token)
                    if type_ in ignore:
                        continue
                    type_ = token.type
                is_end = False
            else:
                type_ = "$END"
                token = Token.new_borrow_pos("$END", "", token) if token is not None else Token("$END", "", 0, 1, 1)
                is_end = True
            while True:
                actions = states[state_stack[-1]]
                got = actions.get(type_)
                if got is None:
                    raise Fallback(pos)
                action, arg = got
                if action is shift:
                    if is_end:
                        raise Fallback(pos)
                    state_stack.append(arg)
                    value_stack.append(token if type_ not in callbacks else callbacks[type_](token))
                    break
                size = len(arg.expansion)
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                reduced = callbacks[arg](children)
                _, goto = states[state_stack[-1]][arg.origin.name]
                state_stack.append(goto)
                value_stack.append(reduced)
                if is_end and goto == self.end:
                    return reduced
