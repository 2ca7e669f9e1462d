"""Attributions: where the article's text came from (``Attribution(text, source, line, zone)``).

Recognised, in every zone but ``caption`` (boilerplate ones are kept with zone
``boilerplate`` so ATR002 can tell "only in boilerplate"):

* **closing lines** at the end of a segment — ``(With inputs from agencies.)``,
  ``( With inputs from ANI )``, ``With inputs from PTI``, ``(With agency inputs)``,
  ``(Reporting by …; Additional reporting by …; Writing by …; Editing by …)`` and
  ``(Compiled by …)`` (Reuters house style -> ``Reuters``; a credit hard-wrapped over
  several lines of one block is read whole and credited to its first line),
  ``Additional reporting from AFP``, ``With files from …``, ``… contributed to this
  report`` (these three credit only the known sources they name, not staff names),
  ``Fonte: …``, ``(Quelle: …)``, ``来源：…``, ``Source: …``, ``(Con información de
  agencias)`` (known sources only), ``(Mit Material von dpa)``, ``mit dpa``, ``(XY mit
  dpa)``, ``© dpa-infocom …``, ``(Avec AFP)``, ``Com informações da Reuters``,
  ``(एजेंसी इनपुट के साथ)``, an ``(AGENCY)`` standing alone or after the last sentence
  (also ``(KNA 03.02.25)`` and editors' initials before it, ``abc/def (dpa, afp)``),
  syndicated-feed notes and syndication labels (``This article first appeared in …``,
  ``This story was originally published on …``, ``Syndicated from …``);
* **dateline credits** at the start of a segment (:mod:`.datelines`), including local
  scripts (``पटना, 4 मार्च (भाषा)``, Urdu/Arabic/Bengali agency names), the Chinese and
  Japanese wire forms, and a syndicator's prefix ``(MENAFN- Example Times)``;
* **agency bylines** — ``By ANI``, ``By AGENCY | Updated: …``, ``By Jane Doe, Reuters``,
  a byline that is only ``AP`` or ``· Bloomberg``, ``© Provided by The Canadian Press``;
* **syndication headline suffixes** — ``… – Reuters``, ``… | AFP`` (headline zone only);
* the reader's ``byline`` field (a wire feed's ``By NAME`` with the agency on the next
  line reads as ``By NAME, AGENCY``) and ``attribution_hints`` (ninjs ``copyrightholder``,
  JSON-LD ``sourceOrganization``…) when they name a **known** source not already credited
  outside boilerplate; ``line`` is then ``None`` and ``zone`` ``meta``. Unknown names are
  not taken from these fields: a JSON-LD ``publisher`` is usually the outlet itself, and
  crediting it would silence ATR001 on every page that has JSON-LD.

Not attributions: an agency named in prose (nothing is matched mid-sentence), a photo
credit (captions are skipped; an agency-only line next to an image is a photo credit, and
so is a short ``Quelle:``/``Source:`` line right below a short block right below an image,
where a page zones the caption as body), a
section label (``World News Summary`` is not an agency name), an acronym expansion
(``Andhra Pradesh (AP)``), anything inside a quotation.

Several agencies in one credit give **one Attribution per agency**, same text/line/zone.
``text`` is the credit as printed (the closing line, ``SEOUL (Reuters) -``, ``By ANI``, or
the whole headline for a suffix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from provenance.articles.detect import lexicon
from provenance.articles.detect.datelines import find_credit
from provenance.articles.detect.lexicon import LazyPattern
from provenance.articles.detect.segments import (
    Layout,
    Segment,
    inside,
    quoted_spans,
)
from provenance.articles.detect.settings import DetectSettings
from provenance.articles.detect.sources import (
    clean,
    could_name_source,
    could_open_name,
    known_sources_in,
    normalise,
    split_sources,
)
from provenance.model import ZONES, Article, Attribution


@dataclass(frozen=True, slots=True)
class _Closing:
    """One closing-line form: an end-anchored regex with a ``src`` group or a fixed source."""

    pattern: LazyPattern  # most lines never reach most forms: compiled on first use
    source: str | None = None
    need_known: bool = False  # every name must be a known source (ambiguous forms)
    # Only the known names count, and at least one is needed ("With files from The
    # Associated Press and Jane Roe": the staff name is not a source).
    known_only: bool = False
    # What the credit itself must contain, matched against ``fold(text)``: a line without
    # it skips the costly pattern. ``None``: no pre-check (the user's phrases).
    hint: re.Pattern[str] | None = None
    where: str = "tail"  # a key of _LEADS: where the credit may start (see _find)
    # A label that also introduces photo credits ("Quelle: AFP"): not read next to an image.
    photo_label: bool = False


_SRC = r"(?P<src>[^()\n]{2,80}?)"
_END = r"\s*\.?\s*"
# Where a closing form may start: anywhere (``glued``: so distinctive it may end any text,
# even mid-sentence), after the last sentence of a paragraph (``tail``), or only as the
# whole line.
# What ends a sentence, before a "tail" form (see _tail_starts).
_SENTENCE_END = r"[.!?\"”’)\]]"
_LEADS = {"glued": r"", "tail": rf"(?:^[—–·•*-]*|(?<={_SENTENCE_END}))\s*",
          "line": r"^[\s—–·•*-]*"}
_MAX_CLOSING = 500  # closing credits are short: only the end of a long line is searched
# Every built-in closing form ends the line with a bracket or a dash and a few words, or
# contains one of the keywords below; lines with none skip the search. Each is tested on
# its own behind a cheaper necessary condition (a line without a bracket or dash never
# tries the end patterns, and the keywords are first looked for without their leading
# \b, which lets re skip to candidate letters); matched against ``fold(text)``, like the
# hints (so lower-case and no re.IGNORECASE). tests/detect/test_prechecks.py compares
# them with the single pattern they stand for.
_PAREN_END = re.compile(r"\)\W*$")
_DASH_END = re.compile(r"[—–-]\s*[\w ]{2,40}\W*$")
_KEYWORDS = (r"i(?:nputs?|nforma\w+)|r(?:eporting)|w(?:riting)|s(?:ources?|yndicated)|"
             r"f(?:ontes?|uentes?)|q(?:uellen?)|m(?:aterial)|a(?:gentur\w*|vec)|c(?:om)|"
             r"p(?:rovided)")
_KEYWORD_END = re.compile(rf"(?:{_KEYWORDS})\b")
_KEYWORD = re.compile(rf"\b(?:{_KEYWORDS})\b")
# The wire and syndication forms added later have their own pre-check (_maybe_wire), so
# the one above still stands for its single pattern (tests/detect/test_prechecks.py).
_WIRE_WORD = re.compile(r"files|appeared|compiled|contributed|published|infocom|来源|來源|©|"
                        r"źródło|zrodlo|zdroj|kaynak|sumber|источник|джерело|المصدر|bron|"
                        r"källa|kilde|lähde|πηγή|forrás|nguồn|출처|出典|出所|sursa|izvor|vir:|"
                        r"theo |）")
# These credits are short lines, or end a paragraph: only its last characters are read.
_WIRE_TAIL = 160
_MIT_TAIL = 50  # "(XY mit dpa)": "mit" and a short agency name end the line
# The words the two pre-checks above look for, as RE2 patterns for one pass over all of a
# page's lines (see _page_words): a line that holds none passes them only by its closing
# bracket or dash, and most lines hold none. _KEYWORD needs a keyword between two \b:
# its stems stand after a character that is not an ASCII letter, digit or "_", and
# before one ("$": the line's end) unless the keyword lets more letters follow. That is a
# superset of \b whatever \w means (RE2 and re differ on it), since each of those is \w.
# "mit" must start within the last _MIT_TAIL characters, as _maybe_wire reads it.
# tests/detect/test_prechecks_round3.py checks that every line the pre-checks pass holds
# one of the words.
_KEYWORD_STEMS = ("inputs?", "informa", "reporting", "writing", "sources?", "syndicated",
                  "fontes?", "fuentes?", "quellen?", "material", "agentur", "avec", "com",
                  "provided")
_OPEN_STEMS = frozenset(("informa", "agentur"))  # "informa\w+", "agentur\w*"


def _unfolded(word: str) -> str:
    """``word`` (lower case) as RE2 must look for it in unfolded text to find it wherever
    :func:`fold` would make it: case-insensitively, and "İ" and "ı" read as "i" (RE2
    folds neither to it; every other character that fold() maps to a letter of the
    words, RE2 folds to it, tests/detect/test_prechecks_round3.py checks)."""
    return word.replace("i", "[iİı]")


_KEYWORD_WORDS = ("(?im)(?:(?:^|[^0-9A-Za-z_])(?:" + "|".join(
    _unfolded(stem) + ("" if stem in _OPEN_STEMS else r"(?:[^0-9A-Za-z_\n]|$)")
    for stem in _KEYWORD_STEMS) + r")|इनपुट|स्रोत)[^\n]*")
_WIRE_WORDS = ("(?im)(?:" + "|".join(map(_unfolded, _WIRE_WORD.pattern.split("|")))
               + r")[^\n]*|" + _unfolded("mit") + r"[^\n]{0," + str(_MIT_TAIL - 3) + "}$")
# re.IGNORECASE folds case character by character inside the engine, which made these
# pre-checks the detectors' hottest loop. They run without it on ``fold(text)``, where
# plain matching of their lower-case patterns is case-insensitive matching of ``text``:
# lower() maps each character as re does, but for three that re also reads as "i" or "s"
# (tests/detect/test_prechecks.py checks every code point).
_RE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased as re.IGNORECASE compares it, one character for one."""
    low = text.lower()
    # "İ".lower() is "i" and U+0307, two characters: mapped first, offsets hold.
    if "ı" in low or "ſ" in low or "\u0307" in low:
        return text.translate(_RE_FOLDS).lower()
    return low


def _c(hint: str, body: str, source: str | None = None, need_known: bool = False,
       where: str = "tail", known_only: bool = False, photo_label: bool = False) -> _Closing:
    full = _LEADS[where] + "(?P<m>" + body + r")\s*\.?\s*$"
    pattern = re.compile(hint) if hint else None
    return _Closing(LazyPattern(full, re.IGNORECASE), source, need_known, known_only,
                    pattern, where, photo_label)


# Reuters house style: "(Reporting by …; Additional reporting by …; Writing by …; Editing
# by …)", also "Compiled by" for round-ups.
_DESK_ROLE = r"(?:additional\s+)?(?:reporting|writing|compiled)\s+by\b"
# The person or desk named before "contributed to this report" ("Associated Press writer
# Jane Roe in Oslo"): the source, then an optional job title and name.
_CONTRIBUTOR = (rf"(?:the\s+)?{_SRC}(?:\s+(?:staff\s+)?(?:writers?|reporters?|"
                r"correspondents?|journalists?|photographers?)\b[^()\n]{0,80}?)?")


# "Source:" in the languages the pages come in (besides those written out in the form).
_SOURCE_LABELS = (r"źródło|zrodlo|zdroj|kaynak|sumber|источник|джерело|المصدر|bron|källa|"
                  r"kilde|lähde|πηγή|forrás|nguồn|출처|出典|出所|sursa|izvor|vir")
# Each form: the text it must contain (its cheap pre-check), then the pattern.
_CLOSINGS: tuple[_Closing, ...] = (
    _c("input", rf"\(\s*with\s+(?:additional\s+)?inputs?\s+from\s+{_SRC}{_END}\)",
       where="glued"),
    _c("input", rf"with\s+(?:additional\s+)?inputs?\s+from\s+{_SRC}"),
    _c("input", r"\(\s*with\s+(?:agency|agencies'?|wire)\s+inputs?\s*\.?\s*\)", "agencies",
       where="glued"),
    _c("input", r"with\s+(?:agency|agencies'?|wire)\s+inputs?", "agencies"),
    _c("input", rf"\(\s*inputs?\s*(?:from|:|-)\s*{_SRC}{_END}\)"),
    _c("input", rf"inputs?\s*(?:from|:|-)\s*{_SRC}", where="line"),
    _c("[—–-]", rf"[—–-]{{1,2}}\s*{_SRC}", need_known=True),  # "...next week. — AFP"
    _c("reporting|writing|compiled", rf"\(\s*{_DESK_ROLE}[^()]{{2,400}}\)", "Reuters",
       where="glued"),
    _c("reporting|writing|compiled",
       rf"{_DESK_ROLE}[^()]{{2,300}};\s*(?:{_DESK_ROLE}|editing\s+by\b)[^()]*",
       "Reuters", where="line"),
    _c("reporting", rf"(?:[—–-]\s*)?(?:additional\s+)?reporting\s+from\s+{_SRC}",
       known_only=True),
    _c("files", rf"\(?\s*with\s+files\s+from\s+{_SRC}{_END}\)?", known_only=True),
    _c("contributed", rf"{_CONTRIBUTOR}\s+contributed\s+to\s+this\s+(?:report|story|article)",
       where="line", known_only=True),
    # Syndication notes: "This article first appeared in …", "Syndicated from …".
    _c("appeared|published|syndicated",
       r"(?:this\s+(?:article|story|piece|report)\s+(?:first\s+appeared|was\s+(?:first\s+|"
       r"originally\s+)?(?:published|syndicated))\s+(?:in|on|by|from)|(?:originally\s+|"
       rf"first\s+)?(?:published|syndicated|republished)\s+(?:from|by))\s+{_SRC}"
       # "… by Example News. Read the original article.": the link text is not the name.
       r"(?:\.\s+[^()\n.]{2,60}?)?"),
    _c("[:：]",
       rf"\(?\s*(?:sources?|fontes?|fuentes?|quellen?|स्रोत|来源|來源|{_SOURCE_LABELS})\s*[:：]\s*"
       rf"{_SRC}{_END}\)?", where="line", photo_label=True),
    # "Theo TTXVN" (Vietnamese: "according to"): a known agency only.
    _c("theo", rf"theo\s+{_SRC}", need_known=True, where="line"),
    # "（共同）": the agency in full-width brackets, as Japanese and Chinese pages print it.
    _c("（", r"（\s*(?P<src>[^（）\n]{1,20}?)\s*）", need_known=True, where="glued"),
    _c("informaci", rf"\(?\s*con\s+informaci[oó]n(?:es)?\s+de\s+{_SRC}{_END}\)?",
       known_only=True),
    _c("agentur", r"\(?\s*mit\s+(?:agenturmaterial|agenturen)\s*\)?", "agencies"),
    _c("material", rf"\(?\s*mit\s+material\s+(?:von|der|des)\s+{_SRC}{_END}\)?"),
    # "mit dpa", "(FR mit dpa)": the outlet's initials, then the agency it drew on.
    _c("mit", rf"\(?\s*(?:[a-z]{{2,5}}\s+)?mit\s+{_SRC}{_END}\)?", need_known=True),
    _c("infocom", r"©\s*dpa-infocom\b[^\n]*", "dpa", where="line"),
    _c("avec", rf"\(?\s*avec\s+{_SRC}{_END}\)?", need_known=True),
    _c("informa", rf"\(?\s*com\s+informa[cç][oõ]es\s+(?:d[aeo]s?\s+)?{_SRC}{_END}\)?"),
    _c("com", rf"\(?\s*com\s+{_SRC}{_END}\)?", need_known=True),
    _c("इनपुट", rf"\(?\s*इनपुट\s*[:\-–]\s*{_SRC}\s*\)?"),
    _c("इनपुट", r"\(?\s*(?P<src>[^()\n]{2,30}?)\s+(?:के\s+)?इनपुट\s+के\s+साथ\s*\)?"),
    _c("syndicated", r"\(?[^()\n]*?\bsyndicated\s+feed\b[^()\n]*\)?", "syndicated feed"),
    _c("provided", rf"(?:©\s*)?provided\s+by\s+{_SRC}", where="line"),
    _c(r"\)", rf"\(\s*{_SRC}\s*\)", need_known=True),
    # "(KNA 19.11.21)": the agency and the day it filed.
    _c(r"\)", rf"\(\s*{_SRC}\s+\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\s*\)", need_known=True),
    # "(KNA, DR)", "(dpa, jk)": the agency, then the outlet's or the editor's initials.
    _c(r"\)", r"\(\s*(?P<src>[^()\n,;/]{2,40}?)\s*[,;/]\s*[a-z]{1,4}\s*\)", need_known=True),
    # "© SZ/KNA/chrk - Rechte am Artikel …": the outlet, the agencies it drew on and the
    # editor's initials; only the known names are sources.
    _c("©", r"©\s*(?P<src>[^\s/()]{2,25}(?:\s*/\s*[^\s/()]{2,25})+)(?:\s+[-–—|][^\n]*)?",
       where="line", known_only=True, photo_label=True),
    # "cwo/fab (dpa, afp)": the editors' initials, then the agencies.
    _c(r"\)", rf"[a-z]{{2,4}}(?:/[a-z]{{2,4}})*\s*\(\s*{_SRC}\s*\)", need_known=True,
       where="line"),
)
_DATE_TAIL = (r"(?:\s*[|·•–—-]\s*(?:updated|published|last\s+updated|posted|actualizado|"
              r"aktualisiert|publicado|atualizado|mis\s+à\s+jour|publié|अपडेटेड|\d).*)?")
_BY = re.compile(rf"^\s*(?:by|por|von|par|द्वारा)\s+(?P<name>[^|\n]{{2,80}}?){_DATE_TAIL}$",
                 re.IGNORECASE)
_BY_FIRST = frozenset("bBpPvVद")
_ALONE = re.compile(rf"^[\s·•|—–-]*(?!\()(?P<name>[^|\n·•]{{2,40}}?){_DATE_TAIL}$", re.IGNORECASE)
# Without one of these, _ALONE can only match a line of at most 40 characters (and a final
# line break) after its leading spaces: its date tail starts with one of them.
_SEPARATORS = re.compile(r"[|·•–—-]")
_NAME_TAIL = re.compile(r"(?:,|\||\s[-–—]\s|\sfor\s)\s*(?P<src>[^,|]{2,40}?)\s*$")
# "AP National Political Writer", "Reuters Staff": the agency with a job title after it.
_ROLE = re.compile(r"(?:\s+[A-Z][a-z]+)*\s+(?:Writer|Correspondent|Reporter|Staff|Editor)$")
_SUFFIX = re.compile(r"\s(?:[-–—|]|\\u201[34])\s*(?P<src>[^-–—|]{2,40}?)\s*$")


_NOT_BOILERPLATE = tuple(z for z in ZONES if z != "boilerplate")


def find_attributions(article: Article, settings: DetectSettings,
                      layout: Layout | None = None) -> list[Attribution]:
    """Every attribution in ``article``, in reading order, then field-derived ones.

    Site boilerplate is read only when the article itself credits no source: its credits
    matter then (ATR002 reports them), and not otherwise; skipping it when they cannot
    matter halves the work on real web pages, whose sidebars and footers are most of
    their blocks. ``layout``: the article's :class:`.segments.Layout`, when the caller
    shares one between detectors.
    """
    layout = layout or Layout(article)
    near = _photo_credit_places(article, layout)
    found = _scan(article, settings, near, ("caption", "boilerplate"), layout)
    found.extend(_from_fields(article, settings, found))
    # Only boilerplate blocks are read then (and only they can frame the text): an
    # article with none (most Markdown and ninjs) has nothing more to give.
    if not any(a.zone != "boilerplate" for a in found) and any(
            b.zone == "boilerplate" for b in article.blocks):
        frame = _frame(article)
        found = _scan(article, settings, near, _NOT_BOILERPLATE, layout, frame) + found
        found.extend(_translated_from(article, frame))
    return _dedupe(found)


# "Traduit de l'anglais" under the name of the paper a story was translated from (a
# press-review outlet's header): that paper is the source.
_TRANSLATED = re.compile(
    r"^\W*(?:traduit\s+de\s+l['’]\w+|traduit\s+d[ue]\s+\w+|translated\s+from\s+(?:the\s+)?\w+|"
    r"aus\s+dem\s+\w+\s+(?:übersetzt|übertragen)|traducido\s+del\s+\w+|tradotto\s+dall['’]\w+|"
    r"traduzido\s+do\s+\w+)\W*$", re.IGNORECASE)
_MAX_PAPER_NAME = 60


def _translated_from(article: Article, frame: dict[int, bool]) -> Iterator[Attribution]:
    """The paper named on the line above a "translated from" note under the headline."""
    blocks = article.blocks
    for i, above in frame.items():
        if not above or i == 0 or not _TRANSLATED.match(blocks[i].text):
            continue
        paper = clean(blocks[i - 1].text)
        if (blocks[i - 1].zone in ("boilerplate", "meta") and 1 < len(paper) <= _MAX_PAPER_NAME
                and not any(c.isdigit() for c in paper)):
            yield Attribution(f"{paper} — {blocks[i].text.strip()}", paper, blocks[i].line,
                              "meta")


# The article's own furniture that pages put outside the element holding the text: the
# source line under the headline ("AA", "来源：…", "Edited by … (with inputs from
# Agencies)") and the closing line after the text ("(KNA, DR)", "With files from …",
# "© SZ/KNA"). Counted from the headline to this many blocks past the body's first, and
# this many blocks past the body's last.
_FRAME_HEAD = 3
_FRAME_TAIL = 6
_MAX_FRAME_TEXT = 300
_PARENTHESISED = re.compile(r"\([^()]{2,80}\)")
# The label of a box of other stories, which ends the frame below the text.
_SECTION_LABEL = re.compile(
    r"^\W*(?:trending(?:\s+now)?|related(?:\s+\w+)?|read\s+(?:more|also|next)|also\s+read|"
    r"more\s+(?:from|on|stories|news|to\s+read)\b.{0,30}|recommended(?:\s+for\s+you)?|popular|"
    r"most\s+(?:read|popular|viewed|shared)|latest(?:\s+news)?|top\s+stories|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested)|don['’]?t\s+miss|"
    r"editor['’]?s\s+picks|lo\s+m[áa]s\s+le[íi]do|m[áa]s\s+le[íi]das|te\s+puede\s+interesar|"
    r"leia\s+(?:tamb[ée]m|mais)|mais\s+lidas|[àa]\s+lire\s+aussi|lire\s+aussi|"
    r"les\s+plus\s+lus|mehr\s+zum\s+thema|weitere\s+artikel|meistgelesen|das\s+k[öo]nnte\s+"
    r"sie\s+auch\s+interessieren|leggi\s+anche|(?:i\s+)?pi[ùu]\s+letti)\W*$", re.IGNORECASE)


def _frame(article: Article) -> dict[int, bool]:
    """The short boilerplate blocks that frame the article's text (see above), each with
    whether it lies above the text (``True``) or below it.

    Above the text only when a headline precedes the body: with none the window would be a
    guess, and a sidebar's credit must stay a sidebar's (ATR002).
    """
    blocks = article.blocks
    body = [i for i, b in enumerate(blocks) if b.zone == "body"]
    if not body:
        return {}
    window: dict[int, bool] = {}
    for i in range(body[-1] + 1, min(body[-1] + 1 + _FRAME_TAIL, len(blocks))):
        if _SECTION_LABEL.match(blocks[i].text):
            break  # "TRENDING", "Related": what follows is other stories' furniture
        window[i] = False
    head = next((i for i, b in enumerate(blocks) if b.zone == "headline"), None)
    if head is not None and head < body[0]:
        window.update(dict.fromkeys(range(head + 1, body[0] + _FRAME_HEAD), True))
    # Two letters alone are a text-size button ("AA") as often as an agency.
    return {i: above for i, above in window.items() if i < len(blocks)
            and blocks[i].zone == "boilerplate"
            and 2 < len(blocks[i].text.strip()) <= _MAX_FRAME_TEXT}


_SHORT_CAPTION = 200  # a block right below an image, this short, is read as its caption
_SHORT_CREDIT = 40


def _photo_credit_places(article: Article, layout: Layout) -> dict[int, Any]:
    """The blocks next to an image, and a short line right below a short block that
    stands right below an image: pages that zone the caption as body put the photo
    credit ("Quelle: AFP") on the line after it."""
    near: dict[int, Any] = dict(layout.near)
    blocks = article.blocks
    for index, sides in list(near.items()):
        below = index + 1
        if (any(side == "above" for _, side in sides) and below < len(blocks)
                and len(blocks[index].text) <= _SHORT_CAPTION
                and len(blocks[below].text.strip()) <= _SHORT_CREDIT):
            near.setdefault(below, [])
    return near


# A credit found in a line: (offset in the line, credit text, sources).
_Credit = tuple[int, str, tuple[str, ...]]
# Lines up to this long are remembered with their credits (see _credits_of).
_MAX_REMEMBERED = 300
_REMEMBERED = 20_000


# A Reuters-style credit left open at the end of a line: "(Reporting by Jane Roe;
# Additional reporting by" with the rest hard-wrapped onto the next lines.
_OPEN_CREDIT = re.compile(r"\(\s*(?:additional\s+)?(?:reporting|writing|compiled)\s+by\b"
                          r"[^()]*$")
_MAX_WRAPPED = 600  # a credit wrapped over more than this is not one


def _scan(article: Article, settings: DetectSettings, near: dict[int, Any],
          skip: tuple[str, ...], layout: Layout,
          frame: dict[int, bool] | None = None) -> list[Attribution]:
    """Credits in the blocks of the zones not skipped; those in ``frame`` (see
    :func:`_frame`) are the article's own (zone ``meta``) when they name a known source and
    are the whole line, or, above the text, a parenthesised credit inside a byline bar
    ("Edited by Jane Roe (with inputs from agencies) Updated: …"). A related story's
    teaser that ends in a credit stays boilerplate."""
    frame = frame or {}
    found: list[Attribution] = []
    memo = _memo(settings.known_sources, settings.extra_attribution_phrases)
    wrapped: _Wrapped | None = None
    segments = _segments_outside(article, skip, layout)
    # The page's words, worked out for the first line not remembered: an article whose
    # lines were all read before (a site's furniture, a wire's stock lines) needs none.
    words: tuple[set[int], set[int]] | None = None
    words_read = False
    for number, seg in enumerate(segments):
        text, zone = seg.text, seg.block.zone
        if wrapped is not None:
            wrapped = wrapped.extend(seg, settings, found)
        elif "(" in text and _opens_credit(text):  # most lines have no bracket: no call
            wrapped = _Wrapped(seg, text)
        key = (text, zone == "headline", seg.index in near)
        credits = memo.get(key) if len(text) <= _MAX_REMEMBERED else None
        if credits is None:
            if not words_read:
                words, words_read = _page_words([seg.text for seg in segments]), True
            credits = (_credits_of(text, key[1], key[2], settings) if words is None else
                       _credits_of(text, key[1], key[2], settings, number in words[0],
                                   number in words[1]))
            if len(text) <= _MAX_REMEMBERED:
                if len(memo) >= _REMEMBERED:
                    memo.clear()
                memo[key] = credits
        above = frame.get(seg.index)
        if above is not None:
            whole = [c for c in credits if c[0] == 0]
            if not whole and above:
                whole = _parenthesised_credits(text, settings)
            # Only a known source: a framing "Source:" line often names the outlet itself.
            framed = _known_only(whole, settings.known_sources)
            if framed:
                zone, credits = "meta", tuple(framed)
        for offset, credit, sources in credits:
            line = seg.line_at(offset)
            found.extend(Attribution(credit, source, line, zone) for source in sources)
    return found


def _segments_outside(article: Article, skip: tuple[str, ...], layout: Layout) -> list[Segment]:
    """The segments of the blocks whose zone is not in ``skip``, in reading order, as one
    list: a generator (:func:`.segments.iter_segments`) cost a resumption per line, and
    real pages have hundreds."""
    out: list[Segment] = []
    for index, block in enumerate(article.blocks):
        if block.zone not in skip:
            out.extend(layout.segments(index))
    return out


def _known_only(credits: list[_Credit], known: tuple[str, ...]) -> list[_Credit]:
    kept = [(offset, credit, tuple(s for s in sources if s in known))
            for offset, credit, sources in credits]
    return [credit for credit in kept if credit[2]]


def _parenthesised_credits(text: str, settings: DetectSettings) -> list[_Credit]:
    """The credits that a framing line holds in parentheses, each read as a line alone."""
    out: list[_Credit] = []
    for match in _PARENTHESISED.finditer(text):
        for _, credit, sources in _credits_of(match.group(), False, False, settings):
            out.append((match.start(), credit, sources))
    return out


def _opens_credit(text: str) -> bool:
    """Does ``text`` end inside an open Reuters-style credit? (cheap tests first)"""
    paren = text.rfind("(")
    return (paren >= 0 and text.find(")", paren) < 0 and " by" in fold(text[paren:])
            and _OPEN_CREDIT.search(fold(text), paren) is not None)


@dataclass(slots=True)
class _Wrapped:
    """An open credit and the lines read so far; it is credited to its first line."""

    first: Segment
    text: str

    def extend(self, seg: Segment, settings: DetectSettings,
               found: list[Attribution]) -> _Wrapped | None:
        """Add the next line; on the closing bracket, record the credit and stop."""
        if seg.index != self.first.index or "(" in seg.text:
            return None  # another block, or another bracket: not the same credit
        self.text = f"{self.text} {seg.text.strip()}"
        if ")" not in seg.text:
            return self if len(self.text) <= _MAX_WRAPPED else None
        closing = _closing(self.text, settings)
        if closing is not None:
            offset, credit, sources = closing
            line = self.first.line_at(min(offset, len(self.first.text)))
            zone = self.first.block.zone
            found.extend(Attribution(credit, source, line, zone) for source in sources)
        return None


@lru_cache(maxsize=8)
def _memo(known: tuple[str, ...],
          extra: tuple[str, ...]) -> dict[tuple[str, bool, bool], tuple[_Credit, ...]]:
    """Credits of short lines already read, for one policy's sources and phrases.

    Menus, share bars and footers repeat the same short lines on every page of a site;
    what a line credits depends only on its text, on whether it is a headline and on
    whether it stands next to an image (see :func:`_credits_of`).
    """
    return {}


def _credits_of(text: str, headline: bool, by_image: bool, settings: DetectSettings,
                keyword: bool = True, wire: bool = True) -> tuple[_Credit, ...]:
    """The credits in one line: a headline's suffix; else a dateline credit, an agency
    byline and a closing credit (``keyword``, ``wire``: see :func:`_closing`)."""
    if headline:
        return ((0, text.strip(), tuple(_suffix(text, settings))),)
    known = settings.known_sources
    out: list[_Credit] = []
    credit = find_credit(text, known)
    if credit is not None:
        out.append((0, credit.text, credit.sources))
    byline = _byline(text, known, by_image)
    if byline is not None:
        out.append((0, byline[0], tuple(byline[1])))
    closing = _closing(text, settings, by_image, keyword, wire)
    if closing is not None:
        out.append((closing[0], closing[1], tuple(closing[2])))
    return tuple(out)


def _closing(text: str, settings: DetectSettings, by_image: bool = False,
             keyword: bool = True, wire: bool = True) -> tuple[int, str, list[str]] | None:
    """``(offset, text, sources)`` of a closing credit ending ``text``; next to an image
    (``by_image``) the labels that also introduce photo credits are not read.

    ``keyword=False`` says that ``text`` holds none of :data:`_KEYWORD_WORDS`, and
    ``wire=False`` none of :data:`_WIRE_WORDS` (found for a whole page by
    :func:`_page_words`): the pre-checks that look for them are then skipped, and a line
    with neither kind of word nor a closing bracket or dash (most lines) is done without
    folding its case."""
    # Folding neither makes nor removes brackets and dashes; with no phrases, no extra forms.
    if not (keyword or wire or ")" in text or "-" in text or "—" in text or "–" in text
            or settings.extra_attribution_phrases):
        return None
    # search(text, pos) keeps "^" at the real start of the line, unlike slicing.
    cut = max(0, len(text) - _MAX_CLOSING)
    extra = _extra_closings(settings.extra_attribution_phrases)
    folded = fold(text)
    maybe = _maybe_closing(folded, cut, keyword) or (wire and _maybe_wire(folded, cut))
    forms = extra
    # Which forms' hints the line holds, all found at once when RE2 can: then only those
    # forms are tried (their hints need no look), in their order.
    numbers = _hint_numbers(folded, cut) if maybe else None
    if numbers is not None:
        forms = (*extra, *_hinted_forms(numbers))
    elif maybe:
        forms = (*extra, *_CLOSINGS)
    seen: dict[re.Pattern[str], bool] = {}  # hint -> found, without RE2
    starts: list[int] | None = None  # where a "tail" form may start, worked out on first need
    for form in forms:
        if by_image and form.photo_label:
            continue
        hint = form.hint
        if hint is not None and numbers is None:
            # Without RE2, each hint is looked for here, once (forms share them). A hint
            # lies inside the credit, which starts at or after ``cut``.
            has = seen.get(hint)
            if has is None:
                has = seen[hint] = hint.search(folded, cut) is not None
            if not has:
                continue
        if form.where == "tail" and starts is None:
            starts = _tail_starts(text, cut)
        match = _find(form, text, cut, starts or [])
        if match is None or inside(quoted_spans(text), match.start("m"), match.end("m")):
            continue
        sources = _sources(match, form, settings.known_sources)
        if sources:
            return match.start("m"), match.group("m").strip(), sources
    return None


def _find(form: _Closing, text: str, cut: int, starts: list[int]) -> re.Match[str] | None:
    """``form.pattern.search(text, cut)``, trying only the positions where it can start.

    A "line" form starts with ``^``, which matches at the real start of the text only; a
    "tail" form starts at the text's start or right after a sentence end (its lead's
    look-behind). Searching instead tries the pattern at every one of up to 500 positions.
    Trying the possible starts in order finds the same, leftmost, match
    (tests/detect/test_prechecks.py compares the two).
    """
    if form.where == "line":
        return form.pattern.match(text) if cut == 0 else None
    if form.where == "tail":
        for start in starts:
            match = form.pattern.match(text, start)
            if match is not None:
                return match
        return None
    return form.pattern.search(text, cut)


_SENTENCE_END_RE = re.compile(_SENTENCE_END)


@cache
def _hint_set() -> tuple[Any, tuple[re.Pattern[str], ...]] | None:
    """The built-in forms' distinct hints, as one RE2 set of patterns (``None`` without
    google-re2), and the hints in the set's numbering."""
    re2 = lexicon._re2()
    if re2 is None:
        return None
    hints = tuple(dict.fromkeys(form.hint for form in _CLOSINGS if form.hint is not None))
    # 64 MB: far above what two dozen short hints take.
    return lexicon.search_set(re2, [hint.pattern for hint in hints], 64 << 20), hints


def _hints_in(folded: str, cut: int) -> dict[re.Pattern[str], bool]:
    """Whether each built-in hint occurs in ``folded`` at or after ``cut``, found in one
    pass: a line that may close with a credit went through a dozen hint searches, one
    per distinct hint its forms reached. The hints are plain strings and character
    classes, which RE2 and ``re`` match alike (tests/detect/test_prechecks_round2.py).
    Empty (the hints are then looked for one by one) without RE2 or for a text RE2
    cannot take (a lone surrogate)."""
    numbers = _hint_numbers(folded, cut)
    hint_set = _hint_set()
    if numbers is None or hint_set is None:
        return {}
    hints = hint_set[1]
    seen = dict.fromkeys(hints, False)
    for number in numbers:
        seen[hints[number]] = True
    return seen


def _hint_numbers(folded: str, cut: int) -> tuple[int, ...] | None:
    """The numbers (in :func:`_hint_set`'s numbering) of the built-in hints that occur in
    ``folded`` at or after ``cut``, in increasing order (see :func:`_hints_in`, which
    reads them; ``None`` where it is empty)."""
    hint_set = _hint_set()
    if hint_set is None:
        return None
    try:
        found = hint_set[0].Match(folded[cut:]) or ()
    except UnicodeEncodeError:
        return None
    return tuple(sorted(found))


@lru_cache(maxsize=1024)
def _hinted_forms(numbers: tuple[int, ...]) -> tuple[_Closing, ...]:
    """The built-in forms whose hint is one of ``numbers`` (:func:`_hint_numbers`), in
    order: a line that may close with a credit holds the hints of a few forms, and
    going through all three dozen to skip the others cost more than trying those few.
    Lines hold few distinct sets of hints: each set's forms are worked out once."""
    hint_set = _hint_set()
    hints = () if hint_set is None else hint_set[1]
    present = {hints[number] for number in numbers}
    return tuple(form for form in _CLOSINGS if form.hint is None or form.hint in present)


@cache
def _word_scans() -> tuple[Any, Any] | None:
    """:data:`_KEYWORD_WORDS` and :data:`_WIRE_WORDS` compiled by RE2 (``None`` without
    google-re2). Two passes: as one alternation, "mit" counted back from the line's end
    made RE2's automaton many times slower."""
    re2 = lexicon._re2()
    if re2 is None:
        return None
    return re2.compile(_KEYWORD_WORDS), re2.compile(_WIRE_WORDS)


def _page_words(texts: list[str]) -> tuple[set[int], set[int]] | None:
    """The indexes of the lines that hold one of :data:`_KEYWORD_WORDS`, and of those that
    hold one of :data:`_WIRE_WORDS`, each found in one pass over them all: the pre-checks
    that look for these words cost a few microseconds a line, and most lines hold none.
    ``None`` (any line may) without RE2, for a text RE2 cannot take (a lone surrogate) or
    for a line with a line break (segments have none).

    The lines are joined by line breaks, which no word holds, and read as UTF-8 bytes,
    whose offsets RE2 gives back without converting them (and without folding their
    case, which took as long as the passes): the line breaks before a match's end
    number its line, and each match runs on to the end of its line, so that a line is
    matched once however many words it holds.
    """
    scans = _word_scans()
    if scans is None:
        return None
    try:
        data = "\n".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return None
    if data.count(b"\n") >= len(texts):  # the lines could not be numbered
        return None
    keyword, wire = scans
    return lexicon.lines_matched(keyword, data), lexicon.lines_matched(wire, data)


def _tail_starts(text: str, cut: int) -> list[int]:
    """Every position at or after ``cut`` where a "tail" form's lead can match, in order."""
    starts = [0] if cut == 0 else []
    starts.extend(m.end() for m in _SENTENCE_END_RE.finditer(text, max(cut - 1, 0)))
    return starts


def _maybe_closing(folded: str, cut: int, keyword: bool = True) -> bool:
    """Could a built-in closing form match ``folded`` (the folded line) after ``cut``?
    (``keyword=False``: the line holds none of :data:`_KEYWORD_WORDS`.)"""
    if folded.find(")", cut) >= 0 and _PAREN_END.search(folded, cut):
        return True
    if (folded.find("-", cut) >= 0 or folded.find("—", cut) >= 0
            or folded.find("–", cut) >= 0) and _DASH_END.search(folded, cut):
        return True
    if not keyword:
        return False
    if _KEYWORD_END.search(folded, cut) and _KEYWORD.search(folded, cut):
        return True
    return folded.find("इनपुट", cut) >= 0 or folded.find("स्रोत", cut) >= 0


def _maybe_wire(folded: str, cut: int) -> bool:
    """Could a wire or syndication form (files, contributed, mit, 来源…) match after ``cut``?"""
    if folded.find("mit", max(cut, len(folded) - _MIT_TAIL)) >= 0:
        return True
    return _WIRE_WORD.search(folded, max(cut, len(folded) - _WIRE_TAIL)) is not None


@lru_cache(maxsize=32)
def _extra_closings(phrases: tuple[str, ...]) -> tuple[_Closing, ...]:
    return tuple(_c("", rf"\(?\s*{re.escape(p)}\s*:?\s*{_SRC}{_END}\)?", where="line")
                 for p in phrases)


def _sources(match: re.Match[str], form: _Closing, known: tuple[str, ...]) -> list[str]:
    if form.source is not None:
        return [form.source]
    names = split_sources(match.group("src"), known)
    if form.need_known and not all(n in known for n in names):
        return []
    if form.known_only:
        return [n for n in names if n in known]
    return names


def _byline(text: str, known: tuple[str, ...], by_image: bool) -> tuple[str, list[str]] | None:
    """``(credit text, sources)`` for an agency byline segment."""
    if len(text) > 160:
        return None
    # _BY can only match a line whose first word starts with one of _BY_FIRST.
    by = _BY.match(text) if text.lstrip()[:1] in _BY_FIRST else None
    if by is not None:
        name = by.group("name")
        names = known_sources_in(name, known)
        if names:
            return clean(text[:by.end("name")]), names
        tail = _NAME_TAIL.search(name)
        agency = normalise(_ROLE.sub("", tail.group("src")), known) if tail else ""
        return (clean(text[:by.end("name")]), [agency]) if agency in known else None
    if by_image or not _may_stand_alone(text):  # next to an image: its photo credit
        return None
    # Only a known source can be the name: most lines do not even start like one.
    if not could_open_name(text, known):
        return None
    alone = _ALONE.match(text)
    if alone is None:
        return None
    if not could_name_source(alone.group("name"), known):
        return None
    names = known_sources_in(alone.group("name"), known)
    return (clean(alone.group("name")), names) if names else None


def _may_stand_alone(text: str) -> bool:
    """Cheap pre-check: could ``_ALONE`` match ``text``? (Its pattern costs far more.)"""
    return len(text.lstrip()) <= 41 or _SEPARATORS.search(text) is not None


def _suffix(headline: str, settings: DetectSettings) -> list[str]:
    match = _SUFFIX.search(headline)
    if match is None:
        return []
    return known_sources_in(match.group("src"), settings.known_sources)


def _from_fields(article: Article, settings: DetectSettings,
                 found: list[Attribution]) -> Iterator[Attribution]:
    """Credits from the headline/byline fields and structured hints not already in text."""
    # A credit only in the page furniture does not make the structured one redundant.
    seen = {a.source for a in found if a.zone != "boilerplate"}
    if article.headline and not any(b.zone == "headline" for b in article.blocks):
        for source in _suffix(article.headline, settings):
            seen.add(source)
            yield Attribution(article.headline, source, None, "headline")
    candidates = [article.byline] if article.byline else []
    for raw in [*candidates, *article.attribution_hints]:
        for source in _field_sources(raw, settings):
            if source not in seen:
                seen.add(source)
                yield Attribution(raw, source, None, "meta")


def _field_sources(raw: str, settings: DetectSettings) -> tuple[str, ...]:
    """The sources a byline or hint names (:func:`_read_field`), remembered per policy:
    sites sign most stories with a few bylines and desks ("Staff Reporter", "Agencies")."""
    memo = _field_memo(settings.known_sources, settings.extra_attribution_phrases)
    sources = memo.get(raw)
    if sources is None:
        sources = tuple(_read_field(raw, settings))
        if len(memo) >= _REMEMBERED:
            memo.clear()
        memo[raw] = sources
    return sources


@lru_cache(maxsize=8)
def _field_memo(known: tuple[str, ...], extra: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Sources of the bylines and hints already read, for one policy (see :func:`_memo`)."""
    return {}


def _read_field(raw: str, settings: DetectSettings) -> list[str]:
    # A wire feed's byline may put the agency on a line of its own: "By Jane Roe\nAssociated
    # Press" reads as "By Jane Roe, Associated Press".
    raw = ", ".join(part.strip() for part in raw.strip().splitlines() if part.strip())
    byline = _byline(raw, settings.known_sources, by_image=False)
    if byline is not None:
        return byline[1]
    closing = _closing(raw, settings)
    if closing is not None:
        return closing[2]
    # A byline signed jointly by the outlet and an agency ("Le Figaro et AFP", "Jane Roe
    # and Reuters"): the agencies it names.
    names = split_sources(raw, settings.known_sources)
    if len(names) > 1:
        return [n for n in names if n in settings.known_sources]
    return []


def _dedupe(items: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[str, str, int | None, str]] = set()
    out: list[Attribution] = []
    for item in items:
        key = (item.text, item.source, item.line, item.zone)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
