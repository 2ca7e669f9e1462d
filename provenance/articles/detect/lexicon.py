"""Multilingual word lists for AI-image disclosures.

Languages: en, de, es, fr, it, pt, nl, the Scandinavian ones (``sc``: da, no, sv), hi, ur.

Kept apart from the decision logic in :mod:`.disclosure` so a reviewer can read and
extend the vocabulary in one place. Every claim and context pattern is compiled
case-insensitively, and only when first used (:class:`LazyPattern`). Python's ``\\b``
does not work inside Devanagari words (vowel signs are not ``\\w``), so Hindi patterns
rely on spaces instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

_F = re.IGNORECASE

# Generators named in captions and credits (product brief, "Known generators"). Bare
# "Imagen" is left out: it is the Spanish word for "image".
TOOLS = (r"(?:Midjourney|DALL[-·‧.\s]?E(?:\s?\d)?|Adobe\s+Firefly|Firefly|Stable\s+Diffusion"
         r"|ChatGPT|GPT-4o|gpt-image-\d|Google\s+Imagen|Gemini|Grok|Microsoft\s+Designer"
         r"|Bing\s+Image\s+Creator|Image\s+Creator|Copilot|Leonardo(?:\.ai)?|Ideogram|FLUX"
         r"|Meta\s+AI|Nano\s+Banana|Sora|Runway|NightCafe|Craiyon|NovelAI|Fooocus)")
_W = r"[\w'’.-]+\s+"  # one filler word
AI_EN = (r"(?:generative\s+)?(?:AI|A\.I\.|artificial[\s-]+intelligence)(?![\w])"
         r"(?:\s+(?:tools?|models?|software|image\s+generators?|generators?|programs?))?")
AI_DE = r"(?:generative[rn]?\s+)?(?:KI|künstliche[rnm]?\s+Intelligenz)(?:-?\w+)?"
AI_ES = r"(?:IA|I\.A\.|inteligencia\s+artificial(?:\s+generativa)?)(?![\w])"
AI_FR = r"(?:l['’]\s*)?(?:IA|I\.A\.|intelligence\s+artificielle(?:\s+générative)?)(?![\w])"
AI_PT = r"(?:IA|I\.A\.|intelig[êe]ncia\s+artificial(?:\s+generativa)?)(?![\w])"
# Italian writes both "IA" and "AI", usually with the article: "l'IA", "dall'AI".
AI_NL = r"(?:AI|A\.I\.|kunstmatige\s+intelligentie)(?![\w])"
AI_SC = r"(?:AI|KI|kunstig\s+intelligens|artificiell\s+intelligens)(?![\w])"
AI_IT = (r"(?:l['’]\s*|la\s+)?(?:IA|AI|I\.A\.|A\.I\.|intelligenza\s+artificiale"
         r"(?:\s+generativa)?)(?![\w])")
AI_UR = r"(?:اے\s?آئی|AI|مصنوعی\s+ذہانت)"
AI_HI = r"(?:एआई|AI|ए\.आई\.|आर्टिफिशियल\s+इंटेलिजेंस|कृत्रिम\s+बुद्धि(?:मत्ता)?)"

# Every claim contains an AI term of its language or a tool name; a sentence is only run
# through the claim patterns of the languages whose term it contains. Plain substring tests
# are an order of magnitude faster than the patterns themselves.
_TOOL_HINTS = ("midjourney", "dall", "firefly", "stable diffusion", "chatgpt", "gpt-",
               "imagen", "gemini", "grok", "designer", "image creator", "copilot", "leonardo",
               "ideogram", "flux", "nano banana", "sora", "runway", "nightcafe", "craiyon",
               "novelai", "fooocus")
_CASED = {"en": ("AI", "A.I"), "de": ("KI",), "es": ("IA", "I.A"), "fr": ("IA", "I.A"),
          "it": ("IA", "I.A", "AI", "A.I"), "pt": ("IA", "I.A"), "nl": ("AI", "A.I"),
          "sc": ("AI", "KI"), "hi": ("AI", "एआई"),
          "ur": ("AI", "اے آئی")}
_LOWER = {"en": ("artificial",), "de": ("künstlich",), "es": ("intelig",),
          "fr": ("intelligence",), "it": ("intelligenza",), "pt": ("intelig",),
          "nl": ("kunstmatig",), "sc": ("kunstig", "artificiell"),
          "hi": ("आर्टिफिशियल", "कृत्रिम"), "ur": ("مصنوعی",)}
# \b(?:ai|ki|ia)\b, written with the letters first so the search can skip ahead to them.
_LOWER_AI = re.compile(r"(?:ai|ki|ia)(?<!\w..)(?!\w)")


def any_literal(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` as written (no flags): a substring test.

    The words are grouped under their first character: re tries every branch of a flat
    alternation at each position that starts one, which for common letters was twice
    as slow as one branch per first character.
    """
    groups: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})"
                               for first, rests in groups.items()))


# One pass each over the text and its lower case answers "no language at all", which is
# the case for nearly every sentence of an article; literal alternations, no flags, so
# they are plain substring tests, the same as the per-language ``in`` tests below.
_ANY_CASED = any_literal(tuple(h for hints in _CASED.values() for h in hints))
_ANY_LOWER = any_literal((*_TOOL_HINTS, *(h for hs in _LOWER.values() for h in hs)))


def claim_languages(text: str) -> frozenset[str]:
    """Languages whose claim patterns could match ``text`` (empty: skip it)."""
    low = text.lower()
    if (_ANY_CASED.search(text) is None and _ANY_LOWER.search(low) is None
            and _LOWER_AI.search(low) is None):
        return frozenset()
    if any(h in low for h in _TOOL_HINTS) or _LOWER_AI.search(low):
        return frozenset(_CASED)
    return frozenset(lang for lang in _CASED
                     if any(h in text for h in _CASED[lang])
                     or any(h in low for h in _LOWER[lang]))


def may_claim(text: str) -> bool:
    """Cheap pre-check: could ``text`` contain an AI-made claim at all?"""
    return bool(claim_languages(text))


def claim_candidates(texts: Sequence[str]) -> set[int]:
    """The indexes ``i`` for which ``may_claim(texts[i])``, found in one pass over them all.

    Most articles never mention AI: their lines are joined and the three pre-check
    patterns run once over the whole, instead of a few calls per line. No pattern can
    match across the joining line break, so every line that matches on its own has a
    match inside its stretch of the whole; those lines are then checked one by one.
    """
    joined = "\n".join(texts)
    low = joined.lower()
    if len(low) != len(joined):  # "İ" lower-cases to two characters: offsets would shift
        return {i for i, text in enumerate(texts) if may_claim(text)}
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    hits = {bisect_right(starts, match.start()) - 1
            for pattern, target in ((_ANY_CASED, joined), (_ANY_LOWER, low), (_LOWER_AI, low))
            for match in pattern.finditer(target)}
    return {i for i in hits if may_claim(texts[i])}


class LazyPattern:
    """A pattern compiled on its first use, with the ``search``/``match`` the detectors use.

    Most patterns below only ever run on the rare sentence that mentions AI, and compiling
    them all made importing the detectors (so every ``provenance`` command) slow.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it has not been yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """:meth:`re.Pattern.search`."""
        return self.compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """:meth:`re.Pattern.match`."""
        return self.compiled.match(text, pos)


_EN_VERBS = (r"(?:generated|created|made|produced|rendered|edited|enhanced|altered|"
             r"manipulated|modified|designed|drawn|illustrated|composed|generate|create|"
             r"make|produce|edit|render|design)")
_EN_USE = r"(?:create|generate|make|produce|edit|alter|render|design|illustrate)"

# Each claim says something was made or edited by AI; ``lang`` selects the negations.
CLAIMS: tuple[tuple[str, LazyPattern], ...] = (
    ("en", LazyPattern(rf"\b(?:AI|A\.I\.|gen(?:erative)?[\s-]?AI|{TOOLS})[\s-]*(?:generated|"
                      r"created|made|produced|rendered|edited|enhanced|altered|manipulated|"
                      r"modified|assisted)\b", _F)),
    ("en", LazyPattern(rf"\b{_EN_VERBS}\s+(?:{_W}){{0,6}}?(?:with|by|using|via|through|in|on|"
                      rf"from)\s+(?:{_W}){{0,3}}?(?:{AI_EN}|{TOOLS})", _F)),
    ("en", LazyPattern(rf"\b(?:{AI_EN}|{TOOLS})\s+(?:was|were|has\s+been|had\s+been|is)\s+"
                      rf"used\s+(?:to|in)\s+{_EN_USE}", _F)),
    ("en", LazyPattern(rf"\bused\s+(?:{_W}){{0,2}}?(?:{AI_EN}|{TOOLS})\s+to\s+{_EN_USE}", _F)),
    ("de", LazyPattern(r"\bKI[\s-]*(?:generiert|erzeugt|erstellt|bearbeitet|gestützt)\w*", _F)),
    ("de", LazyPattern(rf"\b(?:mit(?:hilfe)?|mit\s+Hilfe|durch|von|per|mittels)\s+(?:{_W}){{0,2}}?"
                      rf"(?:{AI_DE}|{TOOLS})\s+(?:{_W}){{0,2}}?(?:generiert|erzeugt|erstellt|"
                      r"bearbeitet|gestaltet|geschaffen|produziert|verändert|hergestellt)\w*", _F)),
    ("de", LazyPattern(rf"\b(?:generiert|erzeugt|erstellt|bearbeitet)\s+(?:mit|durch|von|mittels)"
                      rf"\s+(?:{_W}){{0,2}}?(?:{AI_DE}|{TOOLS})", _F)),
    ("es", LazyPattern(r"\b(?:(?:generad|cread|hech|elaborad|producid|editad|modificad|"
                      r"manipulad|realizad|diseñad|retocad|alterad)[oa]s?|generamos|creamos|"
                      rf"hicimos|elaboramos|editamos)\s+(?:{_W}){{0,3}}?(?:con|por|mediante|"
                      r"usando|utilizando|a\s+través\s+de|gracias\s+a)\s+"
                      rf"(?:{_W}){{0,3}}?(?:{AI_ES}|{TOOLS})", _F)),
    ("fr", LazyPattern(r"\b(?:(?:g[ée]n[ée]r[ée]|cr[ée][ée]|r[ée]alis[ée]|produit|fabriqu[ée]|"
                      r"retouch[ée]|modifi[ée]|con[çc]u|illustr[ée])e?s?)\s+(?:[\w'’.-]+\s+)"
                      r"{0,3}?(?:par|avec|à\s+l['’]aide\s+d[e'’u]|grâce\s+à|au\s+moyen\s+d[e'’u]"
                      rf"|via|en\s+utilisant)\s*(?:{_W}){{0,3}}?(?:{AI_FR}|{TOOLS})", _F)),
    ("pt", LazyPattern(r"\b(?:(?:gerad|criad|feit|produzid|editad|modificad|manipulad|elaborad|"
                      r"desenvolvid|alterad)[oa]s?|geramos|criamos|fizemos)\s+"
                      rf"(?:{_W}){{0,3}}?(?:por|com|pela|pelo|usando|utilizando|atrav[ée]s\s+"
                      r"d[aeo]|com\s+o\s+uso\s+d[ae]|por\s+meio\s+d[ae]|com\s+ajuda\s+d[ae])\s+"
                      rf"(?:{_W}){{0,3}}?(?:{AI_PT}|{TOOLS})", _F)),
    ("it", LazyPattern(r"\b(?:(?:generat|creat|realizzat|prodott|elaborat|modificat|ritoccat|"
                      r"alterat|manipolat|fatt|disegnat)[oaie])\s+(?:[\w'’.-]+\s+){0,3}?"
                      r"(?:con|da|dall['’]|dalla|tramite|mediante|usando|utilizzando|attraverso|"
                      r"grazie\s+(?:a|all['’])|con\s+l['’]aiuto\s+d\w*|per\s+mezzo\s+d\w*)\s*"
                      rf"(?:{_W}){{0,3}}?(?:{AI_IT}|{TOOLS})", _F)),
    ("nl", LazyPattern(r"\bAI[\s-]*gegenereerd\w*", _F)),
    ("nl", LazyPattern(r"\b(?:gegenereerd|gemaakt|gecre[ëe]erd|bewerkt)\s+(?:[\w'’.-]+\s+){0,3}?"
                      rf"(?:met|door|via|met\s+behulp\s+van)\s+(?:{_W}){{0,3}}?(?:{AI_NL}|{TOOLS})",
                      _F)),
    ("sc", LazyPattern(r"\b(?:AI|KI)[\s-]*(?:generer(?:t|et|ad|ade|ede|te)|skap(?:t|et|ad|ade))"
                      r"\w*", _F)),
    ("sc", LazyPattern(r"\b(?:generer(?:t|et|ad|ade|ede)|laget|lavet|skapa(?:d|de|t)|skapt|skabte?)"
                      r"\s+"
                      r"(?:[\w'’.-]+\s+){0,3}?(?:med|av|af|ved\s+hjelp\s+av|med\s+hjälp\s+av|"
                      rf"ved\s+hjælp\s+af)\s+(?:{_W}){{0,3}}?(?:{AI_SC}|{TOOLS})", _F)),
    ("hi", LazyPattern(rf"{AI_HI}\s*(?:की\s+मदद\s+से|के\s+ज़?जरिए|के\s+जरिये|के\s+द्वारा|द्वारा|से|"
                      r"का\s+(?:इस्तेमाल|उपयोग|प्रयोग)\s+(?:करके|कर\s+के|कर))\s+(?:\S+\s+){0,2}?"
                      r"(?:बनाई|बनाया|बनाए|बनी|बना|तैयार|जनरेट|निर्मित|जनित)", _F)),
    ("hi", LazyPattern(rf"{AI_HI}[\s-]*(?:जनरेटेड|जनित|निर्मित)", _F)),
    ("ur", LazyPattern(rf"{AI_UR}\s*(?:کی\s+مدد\s+سے|کے\s+ذریعے|سے)\s+(?:\S+\s+){{0,2}}?"
                      r"(?:بنائی|بنایا|بنائے|بنی|تیار|تخلیق)", _F)),
)

# Every claim pattern of a language holds one of these verbs (or "used"): a sentence
# without any skips that language's patterns, which are costly to compile and run (a
# name like "Gemini" or the word "AI" alone makes a sentence a candidate in every
# language). tests/detect/test_prechecks.py checks that each claim needs its verbs.
CLAIM_VERBS: dict[str, LazyPattern] = {
    "en": LazyPattern(r"generat|creat|made|make|produc|render|edit|enhanc|alter|manipulat|"
                      r"modif|assist|design|drawn|illustrat|compos|used", _F),
    "de": LazyPattern(r"generiert|erzeugt|erstellt|bearbeitet|gestützt|gestaltet|geschaffen|"
                      r"produziert|verändert|hergestellt", _F),
    "es": LazyPattern(r"generad|cread|hech|elaborad|producid|editad|modificad|manipulad|"
                      r"realizad|diseñad|retocad|alterad|generamos|creamos|hicimos|"
                      r"elaboramos|editamos", _F),
    "fr": LazyPattern(r"g[ée]n[ée]r[ée]|cr[ée][ée]|r[ée]alis[ée]|produit|fabriqu[ée]|"
                      r"retouch[ée]|modifi[ée]|con[çc]u|illustr[ée]", _F),
    "pt": LazyPattern(r"gerad|criad|feit|produzid|editad|modificad|manipulad|elaborad|"
                      r"desenvolvid|alterad|geramos|criamos|fizemos", _F),
    # The ending is part of the gate: English "generated"/"created" must not wake Italian.
    "it": LazyPattern(r"(?:generat|creat|realizzat|prodott|elaborat|modificat|ritoccat|alterat|"
                      r"manipolat|fatt|disegnat)[oaie](?!\w)", _F),
    "nl": LazyPattern(r"gegenereerd|gemaakt|gecre[ëe]erd|bewerkt", _F),
    "sc": LazyPattern(r"generer|skap|laget|lavet|skabt", _F),
    "hi": LazyPattern(r"बना|बनी|तैयार|जनरेट|निर्मित|जनित", _F),
    "ur": LazyPattern(r"بنائی|بنایا|بنائے|بنی|تیار|تخلیق", _F),
}

IMAGE_NOUNS = (r"(?:images?|pictures?|photos?|photographs?|illustrations?|graphics?|artwork|"
               r"visuals?|pics?|thumbnail|rendering|collage|cartoon|Bild|Bilder|Fotos?|"
               r"Illustrationen|Grafik(?:en)?|Symbolbild|Titelbild|Aufmacherbild|Abbildung|"
               r"imagen|imágenes|fotografías?|ilustración|ilustraciones|gráfic[oa]|montaje|"
               r"photographie|visuels?|montage|imagem|imagens|fotografia|ilustraç(?:ão|ões)|"
               r"montagem|retratos?|dibujos?|fotomontajes?|desenhos?|fotomontage(?:m|ns)|"
               r"dessins?|portraits?|photomontages?|drawings?|Zeichnung(?:en)?|immagin[ei]|"
               r"illustrazion[ei]|fotografie|disegn[oi]|ritratt[oi]|fotomontagg(?:io|i)|"
               r"afbeelding(?:en)?|illustraties?|foto['’]s|bilde[tr]?|billede[tr]?|"
               r"illustrasjon(?:en|er)?|illustrationen|"
               r"तस्वीर|तस्वीरें|तस्वीरों|छवि|फोटो|फ़ोटो|चित्र|इमेज|تصویر|تصاویر)")

# "This image", "the image above", "Symbolbild", "esta imagen", "cette illustration"...
DEIXIS = LazyPattern(
    rf"\b(?:this|these|our|dieses?|diese[rnm]?|obige[snm]?|unser(?:e[snm]?)?|esta|estas|este"
    rf"|ceci|c['’]est"
    rf"|estos|estes|essa|essas|nuestr[ao]s?|cette|ces|cet|notre|nos|nossa|nossas|nosso"
    rf"|quest[aeio]|nostr[aeio]|deze|dit|onze|denne|dette|disse|denna|detta|dessa)\s+"
    rf"(?:{_W}){{0,2}}?{IMAGE_NOUNS}(?![\w])"
    rf"|(?:^|\s)(?:यह|ये|इस|इन)\s+(?:\S+\s+){{0,2}}?(?:तस्वीर|छवि|फोटो|फ़ोटो|चित्र|इमेज)"
    rf"|(?:^|\s)(?:یہ|اس|ان)\s+(?:\S+\s+){{0,2}}?(?:تصویر|تصاویر)"
    # "the illustration [of the boats] in this article": up to three words may qualify it.
    rf"|{IMAGE_NOUNS}(?:\s+(?:of|showing|with|from)(?:\s+[\w'’-]+){{1,3}}?)?"
    rf"\s+(?:above|below|at\s+the\s+top|on\s+this\s+page|(?:in|of|for|on|"
    rf"accompanying|used\s+(?:in|for|with)|with)\s+this\s+(?:article|story|post|report|piece|"
    rf"page|series|feature|special|investigation|project)|oben|unten|(?:in|zu)\s+diese[mr]\s+"
    rf"(?:Artikel|Beitrag|Text|Serie|Geschichte|Recherche)|de\s+(?:arriba|portada)|superior"
    rf"|que\s+acompaña|de\s+(?:esta|este)\s+(?:nota|noticia|artículo|reportaje|serie|especial"
    rf"|información)|ci-dessus|ci-dessous|(?:de|dans)\s+cet(?:te)?\s+(?:article|série|reportage"
    rf"|enquête)|qui\s+illustre|acima|abaixo|de\s+capa|dest[ae]\s+(?:matéria|reportagem|notícia"
    rf"|artigo|série|especial)|que\s+ilustra|(?:di|in|per)\s+quest[oa]\s+(?:articolo|servizio"
    rf"|serie|pezzo|inchiesta|pagina)|(?:qui\s+)?(?:sopra|sotto)|in\s+alto|che\s+illustra)"
    rf"|\b(?:above|accompanying|featured|header|cover|lead)\s+{IMAGE_NOUNS}"
    rf"|\b(?:Symbolbild|Titelbild|Aufmacherbild|Beitragsbild)\b", _F)

# "This is an AI-generated image", "Dies ist ein KI-generiertes Bild": a demonstrative and a
# copula before the claim, an image noun right after it.
COPULA_BEFORE = LazyPattern(
    r"(?:^|\s)(?:this|it|dies|das|ceci|c['’]est|esta|este|isto|isso|questa|questo|यह|یہ)\s+"
    r"(?:(?:is|was|ist|war|est|es|é|è|era|fue|foi)\s+)?"
    r"(?:(?:an?|ein(?:e|es)?|une?|una?|uma?|um|uno)\s+|un['’])?$", _F)
NOUN_AFTER = LazyPattern(rf"^\W*(?:\S+\s+)?{IMAGE_NOUNS}(?![\w])", _F)

# Right after a claim: "…generated with AI for this article", "…con IA para esta nota".
FOR_THIS = LazyPattern(
    r"\s*(?:\([^)]{0,30}\)\s*)?(?:for|in|of|accompanying|für|zu|para|en|pour|de|dans|em|n[ao]"
    r"|per|di)\s+(?:this|these|diese[nmrs]?|esta|este|cette|cet|ce|essa|esse|quest[oa])\s+"
    r"(?:article|story|report|post|piece|page|series|feature|Artikel|Beitrag|Text|Serie|nota"
    r"|noticia|artículo|información|reportaje|reportagem|matéria|notícia|reportage|articolo"
    r"|servizio|serie)\b", _F)

# The sentence is an image label: "AI-generated image", "Imagen generada con IA"...
LABEL_PREFIX = LazyPattern(
    rf"^[\s(\[«\"“•·*-]*(?:{IMAGE_NOUNS}|credits?|crédito|crédit|quelle|fonte|fuente|note)"
    r"\s*[:/|—–-]\s*", _F)
LABEL_LEAD = LazyPattern(
    rf"^(?:[\s'’]*(?:{IMAGE_NOUNS}|an?|un|una|une|um|uma|uno|ein|eine|representational|representative"
    r"|symbolic|illustrative|file|simbólica|ilustrativa|प्रतीकात्मक)\b)*\W*$", _F)
ONE_WORD = LazyPattern(r"^[\s(\[«\"“•·*-]*[^\W\d_][\w'’-]*\s+$", _F)  # "Retrato "
CREDIT_TOOL = LazyPattern(
    rf"^[\s(\[«\"“•·*-]*(?:{IMAGE_NOUNS}|credits?|crédito|crédit|quelle|fonte|fuente)\s*"
    rf"[:/|]\s*(?:[\w.&-]+\s*/\s*)?(?:{TOOLS}|AI|KI|IA|एआई)(?![\w])", _F)
# A caption closing on a generator credit after a dash, bar or slash, as a photo credit
# would: "Boats at dusk – Midjourney", "… | Stable Diffusion / Desk", optionally followed by
# the prompt in brackets or quotes ("– Midjourney („a harbour at dusk“)"). Only image
# generators: a chatbot credited so ("… – ChatGPT") is more often a screenshot of it.
_IMAGE_TOOLS = (r"(?:Midjourney|DALL[-·‧.\s]?E(?:\s?\d)?|Adobe\s+Firefly|Firefly|Stable\s+"
                r"Diffusion|Google\s+Imagen|Bing\s+Image\s+Creator|Image\s+Creator|Leonardo\.ai"
                r"|Ideogram|FLUX|NightCafe|Craiyon|NovelAI|Fooocus)")
CREDIT_TAIL = LazyPattern(
    rf"(?:\s[—–|/-]|[—–|])\s*{_IMAGE_TOOLS}(?:\s*/\s*[\w .&-]{{1,40}}?)?\s*"
    r"(?:\([^()]*\)|„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|«[^»]*»)?[\s.]*$", _F)
TAIL_VERB = LazyPattern(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|flood\w*|spread\w*|"
    r"went|goes|shows?|showed|appear\w*|became|become|fool\w*|trick\w*|sparked?|caus\w*|"
    r"drew|raise[sd]?|es|son|fue|fueron|ha|han|ist|sind|war|wurde|wurden|hat|haben|est|sont|"
    r"ont|été|são|foi|foram|tem|têm|è|sono|erano|stat[aoie]|hanno|zijn|werd|werden|heeft|"
    r"hebben|är|ble|blev|blir|hadde|hade)\b"
    r"|(?:^|\s)(?:है|हैं|था|थी|थे|ہے|ہیں|تھا|تھی|تھے)(?:\s|$|।|۔)", _F)
DEFINITE_SUBJECT = LazyPattern(
    rf"^[\s(\[«\"“]*(?:the|das|die|la|el|las|los|les|le|il|gli|lo|l['’]|a|o|as|os|यह)\s*"
    rf"{IMAGE_NOUNS}(?![\w])", _F)

_HEADING_WORDS = (
    r"(?:about\s+(?:the|these|this|our)\s+(?:images?|illustrations?|photos?|pictures?|"
    r"graphics?)|(?:a\s+)?note\s+(?:on|about)\s+(?:the\s+|our\s+)?(?:images?|illustrations?)|"
    r"(?:ai\s+)?image\s+disclosure|ai\s+disclosure|sobre\s+(?:las?|estas?|as|essas?|esta)\s+"
    r"(?:imágenes|imagen|imagens?|ilustraç(?:ão|ões)|ilustraci(?:ón|ones))|zu\s+(?:den|diesen)"
    r"\s+(?:Bildern|Illustrationen)|hinweis\s+zu(?:m|den)\s+(?:Bild(?:ern)?)|(?:à\s+propos|au"
    r"\s+sujet)\s+des?\s+(?:images?|illustrations?)|(?:nota\s+)?sulle\s+immagini|a\s+proposito\s+"
    r"delle\s+immagini|über\s+(?:die|diese|unsere)\s+Bilder|how\s+we\s+(?:made|created|"
    r"produced)\s+(?:the|these|this|our)\s+(?:images?|illustrations?|pictures?)|nota\s+sobre\s+"
    r"(?:las|as)\s+(?:imágenes|imagens|ilustraciones|ilustrações)|तस्वीरों\s+के\s+बारे\s+में)")
# "ABOUT THE IMAGES: …" opening a block, or standing alone as the line before the notice.
HEADING = LazyPattern(rf"^\W*{_HEADING_WORDS}\s*[:—–-]", _F)
HEADING_LINE = LazyPattern(rf"^\W*{_HEADING_WORDS}\s*[:.]?\s*$", _F)

FIRST_PERSON = LazyPattern(
    r"(?:^|[^\w])(?:we|we['’]ve|our\s+(?:team|staff|editors|newsroom|art\s+desk|graphics\s+"
    r"desk|designers?)|wir|hemos|nosotros|nous|nós|hicimos|generamos|creamos|usamos|"
    r"utilizamos|geramos|criamos|fizemos|usamos|abbiamo|noi|हमने)(?![\w])", _F)

NEGATIONS: dict[str, LazyPattern] = {
    "en": LazyPattern(r"\b(?:not|no|never|neither|nor|without)\b|n['’]t\b", _F),
    "de": LazyPattern(r"\b(?:nicht|kein\w*|nie|niemals|ohne)\b", _F),
    "es": LazyPattern(r"\b(?:no|nunca|ni|tampoco|ning[uú]n\w*|sin)\b", _F),
    "fr": LazyPattern(r"\b(?:ne|pas|jamais|aucun\w*|sans)\b|\bn['’]", _F),
    "pt": LazyPattern(r"\b(?:não|nao|nunca|nem|nenhum\w*|sem)\b", _F),
    "it": LazyPattern(r"\b(?:non|mai|né|nessun\w*|senza)\b", _F),
    "nl": LazyPattern(r"\b(?:niet|geen|nooit|zonder)\b", _F),
    "sc": LazyPattern(r"\b(?:ikke|inte|ej|aldri|aldrig|ingen|inget|uten|utan|uden)\b", _F),
    "hi": LazyPattern(r"(?:^|\s)(?:नहीं|न|ना)(?:\s|$|।|,)", _F),
    "ur": LazyPattern(r"(?:^|\s)(?:نہیں|نہ)(?:\s|$|۔|،)", _F),
}

# Reporting about other people's images: speech, fact-check and virality vocabulary.
REPORTING = LazyPattern(
    r"\b(?:said|says|say|saying|told|according\s+to|claim(?:s|ed)?|allegedly|purport\w*|"
    r"viral\w*|circulat\w*|shared\s+(?:on|online|widely|by|across)|widely\s+shared|social\s+"
    r"media|fact[\s-]?check\w*|debunk\w*|fakes?|false(?:ly)?|misleading|hoax|experts?|"
    r"analys[ie]s|analy[sz]ed|detect(?:ed|ion|ors?)?|(?:we|they|researchers|analysts|it)\s+found|found\s+that|concluded|determined|verified|"
    r"watermark\w*|label(?:l)?ed\s+as|controvers\w*|backlash|outrage|deepfakes?|scam|rumou?rs?|"
    r"posted|tweeted|likely|seems?|appears?\s+to|suggest\w*|reverse\s+image|laut|sagte|sagt|"
    r"angeblich|kursier\w*|faktencheck\w*|gefälscht\w*|fälschung\w*|experten|verbreitet\w*|"
    r"vermutlich|offenbar|mutmaßlich|wasserzeichen|según|dijo|dice|afirm\w*|circula\w*|"
    r"verificaci[oó]n|verificad\w*|falso|falsa|bulo|expertos|difundid\w*|compartid\w*|"
    r"supuestamente|presuntamente|redes\s+sociales|desmient\w*|selon|déclaré|vérifi\w*|faux|"
    r"fausse|partagée?s?|diffusée?s?|prétendu\w*|réseaux\s+sociaux|filigrane|intox|segundo|"
    r"de\s+acordo\s+com|disse|diz|checagem|verifica\w*|especialistas|compartilhad\w*|"
    r"divulgad\w*|supostamente|redes\s+sociais|boato|secondo|dichiarat\w*|virale|circola\w*|"
    r"condivis\w*|fals[aeio]|esperti|sui\s+social|presunt\w*|bufala|smentit\w*|volgens|"
    r"zegt|zei|nep|ifølge|enligt|sier|sagde|falske?|falska|sosiale\s+medier|sociala\s+medier|"
    r"sociale\s+medi[ae]r?)\b"
    r"|(?:वायरल|फर्जी|फ़र्ज़ी|दावा|दावे|फैक्ट\s*चेक|विशेषज्ञ|के\s+मुताबिक|के\s+अनुसार|कहा|सोशल\s+मीडिया|وائرل|جعلی|دعوی|ماہرین|کے\s+مطابق|کہا|سوشل\s+میڈیا)",
    _F)

# A note's later sentence referring back to the images its first sentence named: "They
# were generated with…", "Sie wurden mit … erstellt", "Fueron generadas con…".
ANAPHORA = LazyPattern(
    r"[\s\"“]*(?:they|these|those|all\s+of\s+them|each\s+of\s+them|both|sie|alle|ellas|ellos"
    r"|todas|todos|fueron|elles|ils|toutes|tous|elas|eles|foram|esse|queste|questi|sono\s+"
    r"stat[ei]|furono)\b", _F)

BELOW = LazyPattern(r"\b(?:below|following|unten|abajo|ci-dessous|abaixo)\b|नीचे", _F)
