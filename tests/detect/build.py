"""Build in-memory Articles for the detector tests (no files, no readers).

``article(("body", "text"), ...)`` gives block *i* the line ``i + 1`` unless a line is
given as a third item; ``images`` are ``(src, position)`` pairs or ImageRefs.
"""

from __future__ import annotations

from provenance.model import Article, Block, ImageRef

BlockSpec = tuple[str, str] | tuple[str, str, int] | tuple[str, str, int, str]


def article(*specs: BlockSpec, images: tuple[tuple[str, int], ...] = (),
            **fields: object) -> Article:
    """An Article with the given blocks, images and extra fields."""
    blocks = []
    for i, spec in enumerate(specs):
        zone, text = spec[0], spec[1]
        line = spec[2] if len(spec) > 2 else i + 1
        image = spec[3] if len(spec) > 3 else None
        blocks.append(Block(zone, text, line, image))
    refs = [ImageRef(src=src, position=pos) for src, pos in images]
    art = Article(path="a.txt", format="text", blocks=blocks, images=refs)
    for name, value in fields.items():
        setattr(art, name, value)
    return art
