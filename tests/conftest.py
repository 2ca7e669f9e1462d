"""Shared test fixtures.

The interop suite reads real files from ``../shared/corpus`` (next to the checkout, as
CI lays it out). Where it is absent the tests that need it skip with a visible reason;
the project never needs it to install or run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _find_shared() -> Path | None:
    env = os.environ.get("PROVENANCE_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared", REPO.parent.parent / "shared"]
    for c in candidates:
        if (c / "corpus").is_dir():
            return c
    return None


SHARED = _find_shared()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Audits in tests never touch the user's cache folder, nor share one another's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` or a skip that says why (set PROVENANCE_SHARED to point elsewhere)."""
    if SHARED is None:
        pytest.skip("../shared/corpus is absent: interop tests need the shared corpus "
                    "(set PROVENANCE_SHARED=/path/to/shared)")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus"
