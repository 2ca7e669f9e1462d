"""The HTML reader's third round of shortcuts never changes an answer.

* ``html_notices._held_by_scans``: the paragraphs of a page that hold a notice's needle or
  a biography's role, found in one RE2 pass each over the joined paragraphs, are those the
  substring searches find (``_holding``), so a page's paragraphs are judged notices as one
  by one; a page RE2 cannot take (a lone surrogate) goes the substring way.

The texts are the detector tests' string literals (tests/detect/texts.py), case-mangled
copies of them, and the paragraphs below, written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from provenance.articles import html_notices as hn
from tests.detect.texts import mangled, suite_literals

pytest.importorskip("re2")

# Paragraphs of notice length that are notices, or almost: each needle at a paragraph's
# start and end, two in one paragraph, capitals, accents, a role in a biography and in prose.
PARAGRAPHS = (
    "Copyright 2025 The Valley Courier. All rights reserved. Printed in Lisbon.",
    "This story may not be copied or republished without written permission.",
    "Alle Rechte vorbehalten. Eine Weitergabe ist ohne schriftliche Genehmigung untersagt.",
    "Tous droits réservés. Toute reproduction sans autorisation est interdite.",
    "Todos los derechos reservados por la editorial del periódico local.",
    "Tutti i diritti riservati: la riproduzione è vietata senza autorizzazione.",
    "Todos os direitos reservados ao jornal e aos seus autores, desde sempre.",
    "We use cookies to improve your reading of this site; see our cookie policy.",
    "Subscribe now to read every story from the harbour and the hills above it.",
    "Sign up for our morning newsletter and get the day's news before breakfast.",
    "Support local journalism: become a member of the Valley Courier today.",
    "Jetzt abonnieren und unabhängigen Journalismus in der Region unterstützen.",
    "Abonnez-vous pour soutenir le journalisme de notre petite rédaction.",
    "Suscríbete y apoya el periodismo que cuenta lo que pasa en tu barrio.",
    "Jane Roe is a reporter at the Valley Courier, covering the port and the river.",
    "John Smith has been a staff photographer for the Courier since the floods.",
    "The editor said the ferry would return in spring, once repairs were finished.",
    "The council voted to keep the old bridge open to walkers and to cyclists.",
    "Residents were asked for their permission before the survey of the gardens.",
    "The right bank of the river flooded twice this winter, the mayor's office said.",
    "RIGHT NOW THE HARBOUR IS CLOSED TO EVERY BOAT BUT THE FERRY AND THE PILOT.",
    "members of the rowing club met at dawn to carry their boats down to the water",
)


def _page_paragraphs() -> list[str]:
    found = {m for text in [*PARAGRAPHS, *suite_literals(sentences=True)]
             for m in mangled(text) if "\n" not in m}
    return sorted(found)


def _pages(texts: list[str], size: int) -> list[list[str]]:
    return [texts[i:i + size] for i in range(0, len(texts), size)]


@pytest.mark.parametrize("size", [1, 9, 60])
def test_a_page_of_paragraphs_is_judged_as_one_by_one(size: int) -> None:
    assert hn._scans() is not None
    notices = 0
    for page in _pages(_page_paragraphs(), size):
        want = [hn.is_notice(text) for text in page]
        assert hn.notices(page) == want, page
        notices += sum(want)
    assert notices > 40


def test_the_scans_find_the_paragraphs_the_searches_find() -> None:
    held = 0
    for page in _pages(_page_paragraphs(), 25):
        lows = [text.lower() for text in page]
        if any("\n" in low for low in lows):
            continue
        joined = "\n".join(lows)
        starts = [sum(len(low) + 1 for low in lows[:k]) for k in range(len(lows))]
        want = (hn._holding(joined, starts, hn._SCANNED_NEEDLES),
                hn._holding(joined, starts, hn._BIO_ROLES))
        assert hn._held_by_scans(joined) == want, page
        held += len(want[0]) + len(want[1])
    assert held > 100


def test_without_re2_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages(_page_paragraphs(), 30)
    fast = [hn.notices(page) for page in pages]
    monkeypatch.setattr(hn, "_scans", lambda: None)
    assert [hn.notices(page) for page in pages] == fast


def test_a_page_re2_cannot_take_goes_the_search_way(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    notice_scan, bio_scan, lines_matched = hn._scans()

    def counting(scan: Any, data: bytes) -> set[int]:
        calls.append(data)
        return lines_matched(scan, data)

    monkeypatch.setattr(hn, "_scans", lambda: (notice_scan, bio_scan, counting))
    page = [PARAGRAPHS[0], PARAGRAPHS[16], PARAGRAPHS[14]]
    assert hn.notices(page) == [True, False, True] and len(calls) == 2
    odd = [PARAGRAPHS[0] + " " + chr(0xDC80), PARAGRAPHS[14]]
    assert hn.notices(odd) == [hn.is_notice(text) for text in odd] == [True, True]
    assert len(calls) == 2
