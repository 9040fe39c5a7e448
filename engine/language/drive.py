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


_Scan = Callable[[str, int], Any]


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
        self.lexers: dict[int, tuple[tuple[Any, ...], frozenset[str], dict[str, Callable[[Token], Token]]]] = {}
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

    def _lexer(self, state: int) -> tuple[tuple[Any, ...], frozenset[str], dict[str, Callable[[Token], Token]]]:
        lexer = self.contextual[state]
        try:
            mres = tuple(lexer.scanner._mres)  # compiles the state's alternation once (lark keeps it)
            scan = self.lexers[state] = (mres, frozenset(lexer.ignore_types), dict(lexer.callback))
        except AttributeError as other:  # a lark that keeps its lexers otherwise: lark's own parse
            raise Fallback(0) from other
        return scan

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
                if scan is None:
                    scan = self._lexer(state_stack[-1])
                mres, ignore, lexer_callbacks = scan
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
