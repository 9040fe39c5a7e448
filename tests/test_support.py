"""The test helpers themselves: where the shared corpus is looked for, and what happens when it
is not there (a failure naming the expected path, never a skip)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import REPOSITORY, SharedCorpusMissing, shared

HERE = Path(__file__).resolve().parent


def test_shared_resolves_beside_the_repository_root() -> None:
    """`shared(...)` is <repository root>/../shared/..., the repository root being tests/'s parent."""
    assert REPOSITORY == HERE.parent
    assert shared("corpus", "phrases.tsv") == HERE.parent.parent / "shared" / "corpus" / "phrases.tsv"
    assert shared("corpus", "phrases.tsv").read_text(encoding="utf-8").startswith("phrase\t")


def test_a_missing_shared_file_fails_naming_the_expected_path() -> None:
    """A missing corpus file raises (so the test using it errors) with the path it expected."""
    expected = HERE.parent.parent / "shared" / "corpus" / "no-such-file.tsv"
    with pytest.raises(SharedCorpusMissing) as caught:
        shared("corpus", "no-such-file.tsv")
    assert f"the shared corpus is expected at {expected}" in str(caught.value)
    assert "clone the repository beside shared/" in str(caught.value)
    assert isinstance(caught.value, FileNotFoundError)


def test_no_test_reads_the_shared_corpus_by_an_absolute_path_or_skips_without_it() -> None:
    """Every test goes through `support.shared`: no absolute path to the shared folder, no
    counting of parent directories, no skip on a missing corpus (the banned strings are split
    so that this file does not match itself)."""
    banned = ["/work/" + "shared", "parents[" + "2]", "corpus not " + "mounted",
              "corpus not " + "present", "seed report not " + "available"]
    offenders = [(path.name, word) for path in sorted(HERE.rglob("*.py")) + sorted(HERE.rglob("*.toml"))
                 for word in banned if word in path.read_text(encoding="utf-8")]
    assert offenders == []
