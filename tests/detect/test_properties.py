"""Properties that hold for any input: no crash, and every hit points at printed text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.articles.detect import annotate
from provenance.model import ZONES, Article, Attribution, Block, Disclaimer, ImageRef

# Words that steer the text towards the detectors' patterns, mixed with arbitrary text.
WORDS = st.sampled_from([
    "This", "image", "is", "AI-generated", "not", "(Reuters)", "SEOUL", "-", "—", "(",
    ")", "With", "inputs", "from", "agencies.", "By", "ANI", "|", "Updated:", "27-12-2025",
    "03:05", "IST", "\"", "“", "”", "Imagen", "generada", "con", "IA", "KI-generiert", "\n",
    "एआई", "से", "बनाई", "गई", "तस्वीर", "Illustration:", "Midjourney", "we", "generated",
    "–", "They", "were", "in", "this", "series.", "Immagine", "generata", "l'IA",
])
TEXT = st.one_of(st.text(max_size=200),
                 st.lists(WORDS, max_size=30).map(" ".join))
BLOCKS = st.lists(st.tuples(st.sampled_from(ZONES), TEXT), max_size=8)


@settings(max_examples=300, deadline=None)
@given(BLOCKS, st.lists(st.integers(min_value=0, max_value=9), max_size=3))
def test_hits_point_at_printed_text(blocks: list[tuple[str, str]], positions: list[int]) -> None:
    art = Article(path="p.txt", format="text",
                  blocks=[Block(zone, text, 1 + 10 * i) for i, (zone, text) in enumerate(blocks)],
                  images=[ImageRef(src=f"i{n}.png", position=p) for n, p in enumerate(positions)])
    annotate(art)
    printed = [b.text.replace("\n", " ") for b in art.blocks]
    hits: list[Attribution | Disclaimer] = [*art.attributions, *art.disclaimers]
    for hit in hits:
        assert any(hit.text in text for text in printed)
        assert hit.zone in ZONES
        owner = [b for b in art.blocks if hit.text in b.text.replace("\n", " ")]
        assert hit.line is not None
        assert any(b.line is not None and b.line <= hit.line <= b.line + b.text.count("\n")
                   for b in owner)
    for disclaimer in art.disclaimers:
        assert disclaimer.zone != "boilerplate" and disclaimer.zone != "headline"
        assert disclaimer.image in {None, *(i.src for i in art.images)}
    for value in (art.published, art.updated):
        assert value is None or value[:4].isdigit()
