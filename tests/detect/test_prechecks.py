"""The detectors' cheap pre-checks and lazy patterns never change a result.

Each pre-check skips a costly pattern when the text cannot match it; these tests compare
the fast paths with the plain computation they stand for, on texts built from fragments
that do and do not hold the credit and claim words (mixed case, non-ASCII look-alikes).
"""

from __future__ import annotations

import dataclasses
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.articles.detect import (
    DetectSettings,
    datelines,
    find_attributions,
    lexicon,
    segments,
    sources,
)
from provenance.articles.detect import attribution as attr
from provenance.articles.detect.datelines import find_credit
from provenance.articles.detect.segments import split_block
from provenance.model import Block
from tests.detect.build import article

FRAGMENTS = [
    "The council met on Tuesday.", " ", "(", ")", " - ", " — ", ": ", ". ", "|",
    "With inputs from", "WITH AGENCY INPUTS", "ınputs", "Reporting by Jane Doe;",
    "Editing by Max Roe", "Source", "Fonte", "Con información de", "Mit Material von",
    "Avec", "com", "Com informações da", "इनपुट", "के साथ", "syndicated feed", "Provided by",
    "Reuters", "AFP", "PTI", "dpa", "agencies", "SEOUL", "Aug 6", "AI", "KI", "IA", "A.I",
    "ai", "Midjourney", "künstliche Intelligenz", "Artificial", "aİ", "generated", "image",
    "said", "media", "ſource", "Kİ",
    # the languages added for the world's news: their AI terms and hints
    "ИИ", "ШІ", "нейросеть", "Штучний інтелект", "sztuczna inteligencja", "umělá inteligence",
    "yapay zeka", "YAPAY ZEKA", "kecerdasan buatan", "inteligență artificială", "MI",
    "mesterséges intelligencia", "ΤΝ", "τεχνητή νοημοσύνη", "trí tuệ nhân tạo", "tekoäly",
    "الذكاء الاصطناعي", "ＡＩ", "人工知能", "人工智能", "인공지능", "미드저니", "生成",
]
TEXTS = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)


def _reference_languages(text: str) -> frozenset[str]:
    """``claim_languages`` without its one-pass pre-check (the per-language tests only)."""
    low = text.lower()
    tools = any(h in low for h in lexicon._TOOL_HINTS)
    if tools or re.search(r"\b(?:ai|ki|ia)\b", low):
        return frozenset(lexicon._CASED)
    return frozenset(lang for lang in lexicon._CASED
                     if any(h in text for h in lexicon._CASED[lang])
                     or any(h in low for h in lexicon._LOWER[lang]))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_claim_languages_precheck_changes_nothing(text: str) -> None:
    assert lexicon.claim_languages(text) == _reference_languages(text)


def test_claim_languages_examples() -> None:
    assert lexicon.claim_languages("The mayor said the media were told.") == frozenset()
    assert lexicon.claim_languages("Mit künstlicher Intelligenz erstellt") == frozenset({"de"})
    assert lexicon.claim_languages("made with ai tools") == frozenset(lexicon._CASED)
    # Czech "inteligence" and Romanian "inteligență" share their hint with Spanish.
    assert lexicon.claim_languages("Hecho con inteligencia artificial") == frozenset(
        {"en", "es", "pt", "ro", "cs"})
    assert lexicon.claim_languages("Creata con l'intelligenza artificiale") == frozenset(
        {"en", "it"})
    assert lexicon.claim_languages("Laget med kunstig intelligens") == frozenset({"sc"})
    assert lexicon.claim_languages("Сгенерировано нейросетью") == frozenset({"ru"})
    assert lexicon.claim_languages("Згенеровано нейромережею") == frozenset({"uk"})
    assert lexicon.claim_languages("Yapay zeka ile üretildi") == frozenset({"tr"})
    assert lexicon.claim_languages("Kuva on tekoälyn luoma") == frozenset({"fi"})
    assert lexicon.claim_languages("مولدة بالذكاء الاصطناعي") == frozenset({"ar"})
    assert lexicon.claim_languages("由人工智能生成") == frozenset({"zh"})
    assert lexicon.claim_languages("인공지능으로 생성") == frozenset({"ko"})
    # "AI" in any script wakes every language; CLAIM_VERBS then picks the few to run.
    assert lexicon.claim_languages("图片由AI生成") == frozenset(
        lang for lang, hints in lexicon._CASED.items() if "AI" in hints)
    assert lexicon.claim_languages("A képet mi készítettük") == frozenset()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_closing_hints_change_nothing(text: str) -> None:
    art = article(("body", "The council met on Tuesday."), ("body", text))
    detect = DetectSettings()
    fast = find_attributions(art, detect)
    plain = tuple(dataclasses.replace(f, hint=None) for f in attr._CLOSINGS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attr, "_CLOSINGS", plain)
        assert find_attributions(art, detect) == fast


def test_closing_hint_is_case_insensitive_like_its_pattern() -> None:
    art = article(("body", "The council met on Tuesday. (WITH INPUTS FROM PTI)"))
    found = find_attributions(art, DetectSettings())
    assert [(a.text, a.source) for a in found] == [("(WITH INPUTS FROM PTI)", "PTI")]


def test_credit_needs_a_bracket() -> None:
    known = DetectSettings().known_sources
    assert find_credit("SEOUL Reuters - The talks ended.", known) is None
    credit = find_credit("SEOUL (Reuters) - The talks ended.", known)
    assert credit is not None and credit.sources == ("Reuters",)


def test_one_line_block_is_one_segment() -> None:
    block = Block("body", "  One line, no break. ", 4)
    assert [(s.text, s.start, s.index, s.line_at(5)) for s in split_block(block, 2)] == [
        ("  One line, no break. ", 0, 2, 4)]
    assert split_block(Block("body", "   ", 1), 0) == []
    two = Block("body", "First line.\nSecond line.", 1)
    assert [(s.text, s.start) for s in split_block(two, 0)] == [
        ("First line.", 0), ("Second line.", 12)]


def test_lazy_pattern_compiles_once_on_first_use() -> None:
    pattern = lexicon.LazyPattern(r"a+", re.IGNORECASE)
    match = pattern.search("xxAAa")
    assert match is not None and match.span() == (2, 5)
    assert pattern.match("xxAAa") is None
    assert pattern.match("xxAAa", 2) is not None
    assert pattern.compiled is pattern.compiled


def test_every_lexicon_pattern_compiles_case_insensitively() -> None:
    patterns = [v for v in vars(lexicon).values() if isinstance(v, lexicon.LazyPattern)]
    patterns += [p for _, p in lexicon.CLAIMS] + list(lexicon.NEGATIONS.values())
    assert len(patterns) == 85
    assert all(p.compiled.flags & re.IGNORECASE for p in patterns)


def test_claim_verb_gates_are_lower_case_and_search_folded_text() -> None:
    """The gates run on ``fold_for_gates(sentence)``: written folded, compiled without flags."""
    assert set(lexicon.CLAIM_VERBS) == set(lexicon._CASED) == set(lexicon._LOWER)
    assert set(lexicon.CLAIM_VERBS) == set(lexicon.NEGATIONS)
    for gate in lexicon.CLAIM_VERBS.values():
        assert not gate.compiled.flags & re.IGNORECASE
        source = gate.compiled.pattern
        assert source == source.casefold(), source


_GATE_PARTS = st.sampled_from([
    "GENERATED", "Generiert", "CREADAS", "Généré", "WYGENEROWANE", "Vygenerován", "СГЕНЕРИРОВАНО",
    "Згенеровано", "ÜRETİLDİ", "Oluşturuldu", "DIBUAT", "Generată", "KÉSZÍTETTE", "Készült",
    "ΔΗΜΙΟΥΡΓΉΘΗΚΕ", "Δημιουργήθηκε", "Tạo", "LUOMA", "Tehty", "مولدة", "生成", "생성", "AIGC",
    "ſkapad", "x", " ", "-", "İ", "YAPILDI", "ÇİZİLDİ", "HAZIRLANDI", "DİGENERATE"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_GATE_PARTS, max_size=6).map("".join))
def test_folded_gate_finds_what_a_case_insensitive_gate_finds(text: str) -> None:
    """No claim is lost to the folded gate: whatever the gate would match ignoring case,
    it matches in the folded text (the claim patterns themselves ignore case)."""
    for gate in lexicon.CLAIM_VERBS.values():
        loose = re.compile(gate.compiled.pattern, re.IGNORECASE).search(text)
        if loose is not None and "ſ" not in text:
            folded = lexicon.fold_for_gates(text)
            assert gate.search(folded) is not None, (gate.compiled.pattern, text)


def _every_character() -> str:
    return "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_fold_matches_as_ignorecase_does_for_every_code_point() -> None:
    chars = _every_character()
    folded = [attr.fold(c) for c in chars]
    assert all(len(f) == 1 for f in folded)
    joined = "".join(folded)
    # \w, \W, \s and \b read the folded text as they read the original.
    for cls in (r"\w", r"\s"):
        assert [m.start() for m in re.finditer(cls, chars)] == [
            m.start() for m in re.finditer(cls, joined)]
    # Every character the pre-check patterns spell out: a character matches it ignoring
    # case exactly when its fold is that character.
    literals = set(string.ascii_lowercase + ")—–-: " + "इनपुटस्रोत")
    by_fold: dict[str, set[str]] = {}
    for char, low in zip(chars, folded, strict=True):
        if low in literals:
            by_fold.setdefault(low, set()).add(char)
    for literal in literals:
        matched = set(re.findall(re.escape(literal), chars, re.IGNORECASE))
        assert matched == by_fold[literal], literal


def test_fold_keeps_offsets() -> None:
    assert attr.fold("İNPUTS from ſOURCE ınto") == "inputs from source into"
    assert attr.fold("(With Inputs From PTI)") == "(with inputs from pti)"


def test_every_closing_form_compiles_case_insensitively() -> None:
    forms = [*attr._CLOSINGS, *attr._extra_closings(("Quelle",))]
    assert all(f.pattern.compiled.flags & re.IGNORECASE for f in forms)
    assert all(f.hint is None or not f.hint.flags & re.IGNORECASE for f in forms)


# The closing-credit pre-check as one pattern: _maybe_closing splits it into cheaper tests.
MAYBE_CLOSING = re.compile(
    r"\)\W*$|[—–-]\s*[\w ]{2,40}\W*$|\b(?:inputs?|reporting|writing|sources?|fontes?|"
    r"fuentes?|quellen?|informa\w+|material|agentur\w*|avec|com|syndicated|provided)\b"
    r"|इनपुट|स्रोत")


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=60))
def test_closing_precheck_split_changes_nothing(text: str, cut: int) -> None:
    folded = attr.fold(text)
    expected = MAYBE_CLOSING.search(folded, cut) is not None
    assert attr._maybe_closing(folded, cut) == expected


def test_closing_precheck_examples() -> None:
    for line, expected in (("the council met.", False), ("ends with (pti)", True),
                           ("next week. — afp", True), ("a telecom deal", False),
                           ("with inputs from pti", True), ("एजेंसी इनपुट के साथ", True),
                           ("see example.com", True), ("a - ", False)):
        assert attr._maybe_closing(line, 0) == expected, line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=8), st.text(max_size=30))
def test_any_literal_is_a_substring_test(words: list[str], text: str) -> None:
    pattern = lexicon.any_literal(tuple(words))
    assert (pattern.search(text) is not None) == any(w in text for w in words)


EDGE_TEXTS = st.text(alphabet=" \t\n\u00a0\x1c([«\"“'‘—–·•|-)]»”’.,;:/&+aZ", max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.one_of(EDGE_TEXTS, TEXTS))
def test_clean_strips_as_the_edge_pattern_does(text: str) -> None:
    assert sources.clean(text) == sources._EDGE.sub("", text).strip()


def _reference_could_name(text: str, known: tuple[str, ...]) -> bool:
    words = [w for w in re.split(r"[\s/,;&+]+", sources.clean(text).lower()) if w]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return bool(words) and words[0] in sources._first_words(known)


@settings(max_examples=500, deadline=None)
@given(st.one_of(EDGE_TEXTS, TEXTS, st.sampled_from(["The AP", "the", "The  / Reuters",
                                                      "— Press Trust of India", "the the"])))
def test_could_name_source_reads_the_first_word(text: str) -> None:
    known = DetectSettings().known_sources
    assert sources.could_name_source(text, known) == _reference_could_name(text, known)


def _reference_quoted_spans(text: str) -> list[tuple[int, int]]:
    """``quoted_spans`` stepping through every character (what its jumps stand for)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        close = segments._QUOTE_PAIRS.get(ch)
        if close is None and ch == "'" and (i == 0 or text[i - 1] in " ([\u00a0"):
            close = "'"
        end = None if close is None else segments._closing(text, i + 1, close)
        if end is None:
            i += 1
            continue
        spans.append((i, end + 1))
        i = end + 1
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="“”„«»‹›‘’\"「」' ([\u00a0ab", max_size=16))
def test_quoted_spans_jump_to_quote_marks_only(text: str) -> None:
    assert segments.quoted_spans(text) == _reference_quoted_spans(text)


LINE_TEXTS = st.lists(st.sampled_from(
    ["AP", "Reuters", "MUMBAI", "New Delhi", " ", "  ", "\n", "\t", "|", "·", "•", "–", "—", "-",
     ":", ",", "(", "Updated", "2024", "Aug 6", "x" * 30, "Word", "é"]), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINE_TEXTS)
def test_alone_byline_precheck_never_hides_a_match(text: str) -> None:
    assert attr._may_stand_alone(text) or attr._ALONE.match(text) is None


@settings(max_examples=500, deadline=None)
@given(LINE_TEXTS)
def test_caps_place_precheck_never_hides_a_match(text: str) -> None:
    assert datelines._PLACE_END.search(text) or datelines._CAPS_PLACE.match(text) is None


def test_prechecks_examples() -> None:
    assert attr._may_stand_alone("  Reuters") and attr._may_stand_alone("x" * 60 + " | 2024")
    assert not attr._may_stand_alone("The council met on Tuesday to discuss the budget")
    assert datelines._PLACE_END.search("MUMBAI: The talks")
    assert datelines._PLACE_END.search("WASHINGTON — The talks")
    assert datelines._PLACE_END.search("The council met on Tuesday") is None


_CLAIMS_BY_LANGUAGE = {
    "en": ["This picture was generated with AI.", "An AI-assisted illustration.",
           "Image made using Midjourney.", "AI was used to create this graphic.",
           "We used Midjourney to design the cover.", "Drawn by artificial intelligence.",
           "The collage was composed via DALL-E 3."],
    "de": ["Dieses Bild wurde mit KI erzeugt.", "KI-generiertes Symbolbild.",
           "Erstellt mit Midjourney.", "Mit Hilfe von KI gestaltet."],
    "es": ["Imagen generada con IA.", "Ilustración hecha mediante Midjourney.",
           "Creamos esta imagen usando inteligencia artificial."],
    "fr": ["Image générée par l'IA.", "Illustration conçue avec Midjourney.",
           "Photo retouchée à l'aide de l'IA."],
    "pt": ["Imagem gerada por IA.", "Ilustração feita com Midjourney.",
           "Criamos esta imagem usando inteligência artificial."],
    "it": ["Immagine generata con l'IA.", "Disegni realizzati dall'intelligenza artificiale.",
           "Foto creata tramite Midjourney.", "Ritratti fatti con l'AI."],
    "nl": ["AI-gegenereerde tekening.", "Illustratie gemaakt met kunstmatige intelligentie."],
    "sc": ["KI-generert illustrasjon.", "Bild skapad med hjälp av AI.",
           "Tegning lavet med Midjourney."],
    "hi": ["यह तस्वीर एआई की मदद से बनाई गई है", "एआई जनित तस्वीर", "एआई से बनी तस्वीर"],
    "ur": ["یہ تصویر اے آئی کی مدد سے بنائی گئی ہے"],
    "pl": ["Ilustracja wygenerowana przez sztuczną inteligencję.", "AI wygenerowała obraz.",
           "Zdjęcie stworzone za pomocą Midjourney.", "Grafika powstała dzięki sieci neuronowej.",
           "Obraz wygenerowany sztuczną inteligencją."],
    "cs": ["Obrázek byl vygenerován umělou inteligencí.", "Foto vytvořené pomocí AI.",
           "Umělá inteligence vygenerovala obrázek.", "Kresba nakreslená s využitím Midjourney."],
    "ru": ["Изображение сгенерировано нейросетью.", "ИИ-сгенерированное фото.",
           "Картинка создана в Midjourney.", "Рисунок сделан с помощью искусственного интеллекта.",
           "Нейросеть нарисовала обложку."],
    "uk": ["Зображення згенероване штучним інтелектом.", "ШІ створив ілюстрацію.",
           "Фото створене за допомогою нейромережі.", "Нейромережа намалювала обкладинку."],
    "tr": ["Bu görsel yapay zeka ile oluşturulmuştur.", "Yapay zekâ tarafından üretildi.",
           "Midjourney ile çizildi.", "Yapay zeka destekli görsel.", "AI'la yapılmış fotoğraf."],
    "id": ["Gambar ini dibuat menggunakan kecerdasan buatan (AI).", "Gambar hasil AI.",
           "Foto dihasilkan oleh Midjourney.", "Ilustrasi diolah dengan bantuan AI."],
    "ro": ["Imagine generată cu inteligență artificială.", "Foto creată cu ajutorul AI.",
           "Ilustrație realizată prin intermediul Midjourney."],
    "hu": ["A képet mesterséges intelligencia készítette.", "MI által generált kép.",
           "Midjourney segítségével készült.", "A képet generálta a mesterséges intelligencia."],
    "el": ["Η εικόνα δημιουργήθηκε με τεχνητή νοημοσύνη.", "Φωτογραφία φτιαγμένη με AI.",
           "Σκίτσο σχεδιασμένο μέσω Midjourney."],
    "vi": ["Ảnh minh họa được tạo bởi AI.", "Hình ảnh do trí tuệ nhân tạo tạo ra.",
           "Ảnh thiết kế bằng công cụ Midjourney."],
    "fi": ["Kuva on tekoälyn luoma.", "Tekoälyllä tehty kuvitus.", "Kuva luotu tekoälyllä.",
           "Midjourneyn avulla tehty kuva.", "Tekoälyavusteinen kuva.", "AI:n luoma kuva."],
    "ar": ["الصورة مولدة بالذكاء الاصطناعي", "تم توليدها باستخدام الذكاء الاصطناعي",
           "رسم مصمم عبر Midjourney"],
    "ja": ["画像はAIで生成したイメージです。", "人工知能を使って作成", "（AI生成）",
           "ミッドジャーニーで描いた"],
    "zh": ["图片由AI生成", "使用人工智能生成", "Midjourney绘制", "本图为AIGC"],
    "ko": ["이 이미지는 AI로 생성되었습니다.", "인공지능을 활용해 제작", "AI 생성 이미지",
           "미드저니로 만든 그림"],
}


@pytest.mark.parametrize("lang", sorted(_CLAIMS_BY_LANGUAGE))
def test_every_claim_needs_one_of_its_languages_verbs(lang: str) -> None:
    """CLAIM_VERBS gates the claim patterns: blanking the verbs out must stop every match."""
    patterns = [p for code, p in lexicon.CLAIMS if code == lang]
    gate = lexicon.CLAIM_VERBS[lang].compiled
    for sentence in _CLAIMS_BY_LANGUAGE[lang]:
        assert any(p.search(sentence) for p in patterns), sentence
        # The cheap pre-checks let it through: its language, then its verbs.
        assert lang in lexicon.claim_languages(sentence), sentence
        folded = lexicon.fold_for_gates(sentence)
        assert gate.search(folded), sentence
        assert len(folded) == len(sentence), sentence
        blanked = "".join("#" if any(m.start() <= i < m.end() for m in gate.finditer(folded))
                          else ch for i, ch in enumerate(sentence))
        assert not any(p.search(blanked) for p in patterns), blanked


_LINE_PARTS = st.sampled_from(["AI", "ai", "Ai-made", "said", "KI", "IA", "I.A.", "A.I", "x",
                               " ", ".", "Midjourney", "stable diffusion", "İ", "ſ", "ki ",
                               "एआई", "اے آئی", "inteligência", "künstliche", "-", "(", "\u2028",
                               "ИИ", "нейросеть", "ＡＩ", "人工智能", "MI", "yapay zek", "tekoäly",
                               "ذكاء", "인공지능", "ΤΝ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LINE_PARTS, max_size=6).map("".join), max_size=8))
def test_claim_candidates_are_the_lines_that_may_claim(lines: list[str]) -> None:
    """One pass over the joined lines finds exactly the lines may_claim accepts."""
    assert lexicon.claim_candidates(lines) == {
        i for i, line in enumerate(lines) if lexicon.may_claim(line)}


_CREDIT_PARTS = st.sampled_from([
    "(With inputs from PTI)", "With inputs from agencies", "(Reuters)", "— AFP", " - AP",
    "Source: Ministry", "(Reporting by Jane Doe; Editing by Joe Roe)", "Com informações da",
    " Reuters", ". ", "! ", "? ", "”", "’", ")", "]", "\"", " ", "x", "Mit Material von dpa",
    "Avec AFP", "(Con información de EFE)", "© Provided by The Canadian Press", "-", "·",
    "syndicated feed", "इनपुट: एजेंसी", "Inputs: IANS", "(ANI)", "e" * 40])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CREDIT_PARTS, max_size=12).map("".join), st.integers(0, 60))
def test_closing_forms_start_only_where_their_lead_can(text: str, cut: int) -> None:
    """_find tries a form only at its possible starts and finds what search() finds."""
    cut = min(cut, len(text))
    for form in attr._CLOSINGS + attr._extra_closings(("per",)):
        starts = attr._tail_starts(text, cut)
        found, searched = attr._find(form, text, cut, starts), form.pattern.search(text, cut)
        assert (found and (found.span(), found.groupdict())) == (
            searched and (searched.span(), searched.groupdict())), (form.pattern, text, cut)
