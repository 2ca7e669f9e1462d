"""AI-image disclosures: the outlet's own statement that an image on its page is AI-made.

Keyword matching alone is wrong more often than right (most text mentioning AI images
reports on *other people's* images), so a sentence is a disclosure only when all hold:

1. it **claims AI made or edited something** (:data:`.lexicon.CLAIMS`), in English,
   German, Spanish, French, Italian, Portuguese, Dutch, Swedish, Danish, Norwegian, Hindi,
   Urdu, Polish, Czech, Russian, Ukrainian, Turkish, Indonesian, Romanian, Hungarian,
   Greek, Vietnamese, Finnish, Arabic, Japanese, Chinese and Korean: "AI-generated",
   "created with Midjourney", "KI-generiert", "generada con IA", "générée par l'IA",
   "gerada por IA", "generata con l'IA", "gemaakt met AI", "KI-generert", "skapad med
   AI", "एआई से बनाई गई", "اے آئی سے بنائی گئی", "wygenerowana przez sztuczną
   inteligencję", "vygenerován umělou inteligencí", "сгенерировано нейросетью",
   "згенероване штучним інтелектом", "yapay zeka ile oluşturulmuştur", "dibuat
   menggunakan kecerdasan buatan", "generată cu inteligență artificială", "mesterséges
   intelligencia készítette", "δημιουργήθηκε με τεχνητή νοημοσύνη", "được tạo bởi AI",
   "tekoälyn luoma", "مولدة بالذكاء الاصطناعي", "AIで生成", "由AI生成", "AI로 생성", …, in
   every gender, number and aspect ("generados", "criadas", "générées", "generate",
   "wygenerowany/-a/-e", "сгенерирован/-а/-о/-ы"; Turkish only in positive forms, so
   "oluşturulmamıştır" is no claim), or a policy's ``extra_disclosure_phrases``; "AI"
   in capitals where it is also a word ("MI" in Hungarian, "AI"/"IA" in Romanian). In a
   caption, also an image generator credited at its end as a photographer would be
   ("Boats at dusk – Midjourney („prompt“)");
2. it is **about this page's image**, by one of
   * deixis before the claim — "this image", "the image above", "our illustration",
     "Symbolbild", "esta imagen", "cette illustration", "यह तस्वीर" — or around it: "This
     is an AI-generated image", "…generated with AI for this article";
   * label form — the sentence *is* the label: "AI-generated image", "Imagen generada con
     IA", "Illustration: Midjourney", "Zdjęcie: AI", "Görsel: Yapay zeka", "图片由AI生成",
     "AI 생성 이미지", "（AI生成）", "사진=미드저니", with nothing after it but a credit
     or a purpose ("for representation"), never a verb ("…images flood social media";
     in Chinese, Japanese and Korean nothing but an image noun); a credit is followed by
     nothing but another credit or one name ("Фото: ИИ создаёт рабочие места" is a
     headline); a claim with an active finite verb and a subject of its own ("ИИ создал
     новую профессию", "Rząd wygenerował … przy użyciu AI") is never a label;
   * first person — "we generated this illustration with…", "Hemos generado…";
   * a heading before the body — "ABOUT THE IMAGES: …", or that heading alone on the
     line before;
   * a definite subject ("The image was created with AI", "A képet…", "Η εικόνα…") in a
     caption, in the block next to an image, or among the meta lines; there, in languages
     without articles or with definite endings, also a bare image noun opening the
     sentence ("Obrázek byl vygenerován…", "Bilden är AI-genererad", "Imaginea…",
     "الصورة…", "画像は…", "图片由…") when no verb follows the claim;
   * a note that names this page's images and goes on with a pronoun: "The drawings in
     this series are not photographs. They were generated with Midjourney." (the earlier
     sentence, at most two back, points at the images and has no reporting words);
3. it is **not negated** before the claim ("this image is not AI-generated", "no AI was
   used"), or right after it in its clause in the languages that negate after the verb
   (Japanese "…ではありません", Korean "…아닙니다", Turkish "…değildir";
   :data:`.lexicon.NEGATION_AFTER`), **not a question** ("?", "？", "؟"), **not inside a
   quotation**, and has **no reporting words** (said, according to, viral, fact-check,
   experts, watermark, … and their equivalents in every language above: "według",
   "якобы", "iddia", "menurut", "potrivit", "szerint", "σύμφωνα", "theo các chuyên
   gia", "mukaan", "قال", "拡散", "据称", "주장", …).

Zones read: ``standfirst``, ``meta``, ``body``, ``caption``. Headlines never disclose an
image. Boilerplate is **not recorded at all**: a site-wide notice never counts, and no rule
needs to see one, so validators cannot be fooled by forgetting to filter it.

Also read: an ``ImageRef.caption`` that has no caption block of its own.

``text`` is the whole segment (line) when the disclosure opens a short notice of at most
three sentences — as in the seed, where the second sentence continues the first — or
follows a heading; for a note going on with a pronoun, the sentences from the one naming
the images to the claim; otherwise the disclosing sentence. One disclosure per segment.
Sentences over :data:`MAX_SENTENCE` characters are not read; Chinese and Japanese
sentences are cut at "。", "！" and "？" (no space follows them).

``image``: a caption's own image (a caption never discloses another image); else the image
directly above the block, or directly below it (preferred when the sentence says "below");
else ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from provenance.articles.detect import lexicon as lx
from provenance.articles.detect.segments import (
    Layout,
    Segment,
    inside,
    quoted_spans,
    sentences,
    split_block,
)
from provenance.articles.detect.settings import DetectSettings
from provenance.model import Article, Block, Disclaimer

ZONES = ("standfirst", "meta", "body", "caption")
# A disclosure is a short statement; longer "sentences" are run-on extraction damage
# (tables, menus without punctuation) and are skipped to keep the patterns cheap.
MAX_SENTENCE = 600
NEGATION_REACH = 40  # characters before a claim in which "not", "nicht", "no"... negate it
_SEPARATORS = re.compile(r"[(\[|—–•·:（［：]|\s/\s")
_CLOSERS = re.compile(r"[)\]）］]")
# Languages whose claims open on a participle that agrees with its noun ("generados").
_PARTICIPLES = frozenset({"es", "pt", "fr", "it", "nl", "sc", "pl", "cs", "ru", "uk", "ro", "el"})
_CLAUSE_END = re.compile(r"[;:|(\[；：]|\s[—–-]\s")
_CLAUSE_MARKS = ",;:،，；：、"
_CJK = frozenset({"ja", "zh", "ko"})
_CJK_CLAUSE = re.compile(r"[，,。、；;]")
# Chinese and Japanese end sentences without a space after the mark.
_CJK_STOP = re.compile(r"[。！？][」』”）)]*")


def find_disclosures(article: Article, settings: DetectSettings,
                     layout: Layout | None = None) -> list[Disclaimer]:
    """Every disclosure in ``article``, in reading order (see the module docstring);
    ``layout``: the article's :class:`.segments.Layout`, when shared between detectors."""
    layout = layout or Layout(article)
    near = layout.near
    found: list[Disclaimer] = []
    segments = list(_segments(article, layout))
    # Only lines that may claim AI made something can disclose (with no extra phrases).
    candidates = (None if settings.extra_disclosure_phrases
                  else lx.claim_candidates([seg.text for seg in segments]))
    previous = ""  # the line before: it may be "ABOUT THE IMAGES" on its own
    for number, seg in enumerate(segments):
        if candidates is None:
            hit = _in_segment(seg, settings, _positional(seg, near), previous)
        elif number in candidates:
            hit = _remembered(seg, settings, _positional(seg, near), previous)
        else:
            hit = None
        previous = seg.text
        if hit is not None:
            offset, text, sentence = hit
            image = _image_for(seg, near, sentence)
            found.append(Disclaimer(text, seg.line_at(offset), seg.block.zone, image))
    return found


# What the candidate lines already read disclose. Sites print the same notice under many
# stories ("AI-generated image", "Illustration generated with AI for this article"), and
# reading one costs tens of microseconds (every sentence through the claim, negation,
# reporting and deixis patterns). Without extra phrases (the only setting the reading
# depends on), the result depends only on the key: the line, whether it is a caption,
# whether it stands by an image or among the meta lines, and whether the line before is
# a heading ("ABOUT THE IMAGES").
_Hit = tuple[int, str, str]
_REMEMBERED: dict[tuple[str, bool, bool, bool], _Hit | None] = {}
_MAX_REMEMBERED = 5_000  # lines kept (cleared when full)
_MAX_REMEMBERED_LINE = 1_000  # longer lines are read each time
_UNSEEN: _Hit = (-1, "", "")  # not a line read yet (told apart by identity)


def _remembered(seg: Segment, settings: DetectSettings, positional: bool,
                previous: str) -> _Hit | None:
    """``_in_segment(..., checked=True)`` for a candidate line, remembered by its key
    (with no extra disclosure phrases: the caller checks)."""
    text = seg.text
    if len(text) > _MAX_REMEMBERED_LINE:
        return _in_segment(seg, settings, positional, previous, checked=True)
    key = (text, seg.block.zone == "caption", positional,
           lx.HEADING_LINE.match(previous) is not None)
    hit = _REMEMBERED.get(key, _UNSEEN)
    if hit is _UNSEEN:
        hit = _in_segment(seg, settings, positional, previous, checked=True)
        if len(_REMEMBERED) >= _MAX_REMEMBERED:
            _REMEMBERED.clear()
        _REMEMBERED[key] = hit
    return hit


def _segments(article: Article, layout: Layout) -> Iterator[Segment]:
    captioned = {b.image for b in article.blocks if b.zone == "caption" and b.image}
    for index, block in enumerate(article.blocks):
        if block.zone in ZONES:
            yield from layout.segments(index)
    for image in article.images:
        # Another size of the same picture (srcset) shares its caption: read it once, for
        # the picture; the AID rules tie it to every size (validators/disclosure.py).
        if image.caption and image.src not in captioned and image.placement != "srcset":
            pseudo = Block("caption", image.caption, image.line, image.src)
            yield from split_block(pseudo, -1)


def _positional(seg: Segment, near: dict[int, list[tuple[str, str]]]) -> bool:
    return seg.block.zone in ("caption", "meta") or seg.index in near


def _in_segment(seg: Segment, settings: DetectSettings, positional: bool,
                previous: str, checked: bool = False) -> tuple[int, str, str] | None:
    """``(offset, reported text, sentence)`` of the segment's disclosure, if any.

    ``previous`` is the line before; it is read as a heading only for a line that may
    disclose (most never get that far). ``checked``: the line is known to pass the
    pre-check (:func:`.lexicon.claim_candidates` chose it), which is then not run again.
    """
    text = seg.text
    extra = settings.extra_disclosure_phrases
    if (not checked and not lx.may_claim(text)
            and not any(p.lower() in text.lower() for p in extra)):
        return None
    heading = (lx.HEADING_LINE.match(previous) is not None
               or lx.HEADING.match(text) is not None)
    bounds = _sentences(text)
    for number, (start, end) in enumerate(bounds):
        if end - start > MAX_SENTENCE:
            continue
        sentence = text[start:end]
        claim = _claim(sentence, settings, seg.block.zone == "caption")
        if claim is None or inside(quoted_spans(text), start + claim[1], start + claim[2]):
            continue
        if not _valid(sentence, claim):
            continue
        if heading or _about_this_image(sentence, claim, positional):
            if heading or (number == 0 and len(bounds) <= 3):
                lead = len(text) - len(text.lstrip())
                return lead, text.strip(), sentence
            return start, sentence, sentence
        topic = _topic_before(text, bounds, number)
        if topic is not None:
            return topic, text[topic:end], sentence
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    """:func:`.segments.sentences`, with Chinese and Japanese ones cut at "。", "！", "？"."""
    bounds = sentences(text)
    if "。" not in text and "！" not in text and "？" not in text:
        return bounds
    cut: list[tuple[int, int]] = []
    for start, end in bounds:
        for stop in _CJK_STOP.finditer(text, start, end):
            if stop.end() < end and text[start:stop.end()].strip():
                cut.append((start, stop.end()))
                start = stop.end()
                while start < end and text[start].isspace():
                    start += 1
        if start < end:
            cut.append((start, end))
    return cut


def _topic_before(text: str, bounds: list[tuple[int, int]], number: int) -> int | None:
    """Start of the sentence a note's claim refers back to, if it names this page's images.

    A note explaining how a story's images were made often names them once and goes on
    with a pronoun: "The pictures in this series are not photographs. They were generated
    with Midjourney…". The claim sentence must open with that pronoun, and the earlier
    sentence (up to two back) must point at this page's images without reporting words.
    """
    start, _ = bounds[number]
    if number == 0 or lx.ANAPHORA.match(text, start) is None:
        return None
    for first, last in reversed(bounds[max(0, number - 2):number]):
        earlier = text[first:last]
        if lx.DEIXIS.search(earlier) and not lx.REPORTING.search(earlier):
            return first
    return None


def _claim(sentence: str, settings: DetectSettings,
           caption: bool = False) -> tuple[str, int, int] | None:
    """``(language, start, end)`` of the first AI-made claim in the sentence.

    In a caption, a generator credited at the end as a photographer would be
    ("Boats at dusk – Midjourney") is a claim too.
    """
    hits: list[tuple[int, int, str]] = []
    for phrase in settings.extra_disclosure_phrases:
        at = sentence.lower().find(phrase.lower())
        if at >= 0:
            hits.append((at, at + len(phrase), "extra"))
    languages = lx.claim_languages(sentence)
    folded = lx.fold_for_gates(sentence) if languages else ""
    verbs = lx.claim_verbs(folded, languages)
    for lang, pattern in lx.CLAIMS:
        match = pattern.search(sentence) if lang in verbs else None
        if match:
            hits.append((match.start(), match.end(), lang))
    # A tool credit ("Illustration: Midjourney") has its separator; most sentences have none.
    separated = any(mark in sentence for mark in ":/|=：／")
    credit = lx.CREDIT_TOOL.match(sentence) if languages and separated else None
    if credit:
        hits.append((credit.start(), credit.end(), "credit"))
    tail = lx.CREDIT_TAIL.search(sentence) if caption and languages else None
    if tail:
        hits.append((tail.start(), tail.end(), "credit"))
    if not hits:
        return None
    start, end, lang = min(hits)
    return lang, start, end


def _valid(sentence: str, claim: tuple[str, int, int]) -> bool:
    """Not a question, not negated before the claim, not reporting on others' images."""
    lang, _, end = claim
    if sentence.rstrip(" \"”’»)）」").endswith(("?", "？", "؟")):
        return False
    if lx.REPORTING.search(sentence):
        return False
    _, start, _ = claim
    # Only the words right before the claim, in its own clause, negate it: "This image,
    # which does not show real people, was generated with AI" is still a disclosure.
    clause = max(sentence.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
    begin = max(0, start - NEGATION_REACH, clause)
    window = sentence[begin:end + 12 if lang in ("hi", "ur") else end]  # नहीं may follow
    after = lx.NEGATION_AFTER.get(lang)
    if after:  # "AIで生成したものではありません", "yapay zeka ile oluşturulmuş değildir"
        tail = sentence[end:end + after]
        window += " " + tail[:min((i for i in map(tail.find, _CLAUSE_MARKS + "。.") if i >= 0),
                                  default=len(tail))]
    negations = lx.NEGATIONS.values() if lang in ("extra", "credit") else [lx.NEGATIONS[lang]]
    return not any(n.search(window) for n in negations)


def _about_this_image(sentence: str, claim: tuple[str, int, int], positional: bool) -> bool:
    _, start, end = claim
    before = sentence[:start]
    if lx.DEIXIS.search(before) or lx.DEIXIS.search(sentence[start:end]):
        return True
    if lx.FOR_THIS.match(sentence, end):  # "generated with AI for this article"
        return True
    if lx.COPULA_BEFORE.search(before) and lx.NOUN_AFTER.match(sentence[end:]):
        return True
    if lx.FIRST_PERSON.search(before):
        return True
    if _is_label(sentence, claim, positional):
        return True
    if not positional:
        return False
    if lx.DEFINITE_SUBJECT.match(sentence) is not None:
        return True
    # A bare noun opening the caption ("Obrázek byl vygenerován…", "Bilden är AI-genererad",
    # "图片由AI生成"), when no verb follows the claim ("Zdjęcie wygenerowane przez AI
    # opublikował burmistrz" is about the mayor).
    return (lx.BARE_SUBJECT.match(sentence) is not None
            and lx.TAIL_VERB.search(_first_clause(sentence[end:])) is None)


def _is_label(sentence: str, claim: tuple[str, int, int], positional: bool) -> bool:
    """The claim is a bare label: only image nouns before it, no verb after it.

    The label may fill the sentence ("AI-generated image") or, in a caption or next to an
    image, close it after a separator ("Protesters in Paris | AI-generated image",
    "A robot waves (AI-generated image)"). There, a participle that agrees with its noun
    makes any one noun a label ("Retrato generado con IA"); not in English, where
    "Officials generated with AI…" reads as a verb.
    """
    lang, start, end = claim
    if lang in ("credit", "extra"):
        return True
    if lx.FINITE_CLAIM.search(sentence[start:end]):
        return False
    prefix = lx.LABEL_PREFIX.match(sentence)
    from_start = prefix.end() if prefix and prefix.end() <= start else 0
    leads = [(from_start, len(sentence))]
    if positional:
        cuts = [m.end() for m in _SEPARATORS.finditer(sentence, 0, start)]
        if cuts:
            close = _CLOSERS.search(sentence, end)
            leads.append((cuts[-1], close.start() if close else len(sentence)))
    one_noun = positional and lang in _PARTICIPLES
    if lang in _CJK and lx.CJK_LABEL_TAIL.match(_CJK_CLAUSE.split(sentence[end:], 1)[0]) is None:
        return False  # "人工智能生成内容正在改变新闻业" is a sentence, not a label
    return any((lx.LABEL_LEAD.match(sentence[a:start]) is not None
                or (one_noun and lx.ONE_WORD.match(sentence[a:start]) is not None))
               and lx.TAIL_VERB.search(_first_clause(sentence[end:b])) is None
               for a, b in leads)


def _first_clause(tail: str) -> str:
    """The label's own clause: "…AI for this article; it does not show…" ends at the ";"."""
    return _CLAUSE_END.split(tail, maxsplit=1)[0]


def _image_for(seg: Segment, near: dict[int, list[tuple[str, str]]],
               sentence: str) -> str | None:
    if seg.block.zone == "caption" and seg.block.image:
        return seg.block.image
    sides = near.get(seg.index, [])
    above = [src for src, side in sides if side == "above"]
    below = [src for src, side in sides if side == "below"]
    if below and (lx.BELOW.search(sentence) or not above):
        return below[0]
    return above[0] if above else None


