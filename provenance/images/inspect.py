"""``provenance inspect``: read every image named or found under the given paths.

Folders are walked in sorted order, hidden folders (and hidden files) skipped, and only
files with an image extension are taken from them; a file named directly is always read,
so an unknown format shows up as ``unsupported`` rather than disappearing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provenance.images import IMAGE_EXTENSIONS, read_image
from provenance.images.model import ImageEvidence


def inspect_paths(paths: list[Path], root: Path, **opts: Any) -> list[ImageEvidence]:
    """Evidence for each image, in the order found; ``opts`` go to :func:`read_image`."""
    root = root.resolve()
    return [read_image(p, _relative(p, root), **opts) for p in _expand(paths)]


def _expand(paths: list[Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for path in paths:
        found = _walk(path) if path.is_dir() else iter([path])
        for item in found:
            if item not in seen:
                seen.add(item)
                yield item


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_EXTENSIONS:
                yield Path(dirpath) / name


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
