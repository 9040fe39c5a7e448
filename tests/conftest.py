"""Suite-wide set-up: the CLI's cache of read rules (engine.language.store) goes to a folder of
this test session, never to the user's own cache directory. It stays on, so every CLI test also
runs through it (cold on the first run of a text, warm after)."""

from __future__ import annotations

import os
import tempfile

_CACHE = tempfile.mkdtemp(prefix="rescore-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
os.environ.pop("RESCORE_NO_CACHE", None)
