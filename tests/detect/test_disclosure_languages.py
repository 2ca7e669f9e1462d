"""AI-image disclosures in the languages added for the world's news.

Per language: caption labels and sentences that disclose the caption's image (found, and
tied to it), and traps that must stay silent — a negation ("this image is not
AI-generated") and reporting about someone else's image (a viral photo, a fact-check,
experts). Every sentence is written for these tests; none is copied from a page.

Languages: pl, cs, ru, uk, tr, id, sv/da/no (``sc``), ro, hu, el, vi, fi, ar, ja, zh, ko.
"""

from __future__ import annotations

import pytest

from provenance.articles import parse_article_text
from provenance.articles.detect import DetectSettings, annotate, find_disclosures, lexicon
from provenance.model import Article
from tests.detect.build import article

BODY = ("body", "The ferry timetable changes on Monday.")
ONE = (("a.jpg", 0),)


def _cap(text: str) -> Article:
    return article(("caption", text, 1, "a.jpg"), BODY, images=ONE)


def _found(art: Article) -> list[tuple[str, str, str | None]]:
    return [(d.text, d.zone, d.image) for d in find_disclosures(art, DetectSettings())]


# language -> (caption labels, sentences), each disclosing the caption's image.
DISCLOSURES: dict[str, tuple[list[str], list[str]]] = {
    "pl": (["Zdjęcie: AI", "Ilustracja wygenerowana przez sztuczną inteligencję",
            "Krajobraz wygenerowany przez AI", "Grafika: stworzona za pomocą Midjourney"],
           ["To zdjęcie zostało wygenerowane przy użyciu sztucznej inteligencji.",
            "Zdjęcie wygenerowane przy użyciu AI (Midjourney).",
            "Obrazy do tego tekstu powstały dzięki sieci neuronowej."]),
    "cs": (["Obrázek: Midjourney", "Ilustrační obrázek vygenerovaný umělou inteligencí"],
           ["Tento obrázek byl vytvořen pomocí umělé inteligence.",
            "Obrázek byl vygenerován umělou inteligencí."]),
    "ru": (["Фото: ИИ", "Иллюстрация сгенерирована нейросетью",
            "Обложка: нейросеть Kandinsky", "ИИ-сгенерированное изображение"],
           ["Это изображение сгенерировано с помощью искусственного интеллекта.",
            "Изображение сгенерировано нейросетью.",
            "Картинка создана в Midjourney по запросу редакции."]),
    "uk": (["Ілюстрація: ШІ", "Зображення згенероване нейромережею"],
           ["Це зображення створене за допомогою штучного інтелекту.",
            "Зображення згенероване штучним інтелектом."]),
    "tr": (["Görsel: Yapay zeka", "Yapay zeka ile oluşturulan görsel",
            "Görsel: Yapay zeka ile üretilmiştir"],
           ["Bu görsel yapay zeka tarafından oluşturulmuştur.",
            "Bu görsel yapay zeka ile oluşturulmuştur."]),
    "id": (["Ilustrasi: AI", "Gambar hasil AI"],
           ["Foto ini dibuat dengan bantuan kecerdasan buatan.",
            "Gambar ini dibuat menggunakan kecerdasan buatan (AI)."]),
    "sv": (["AI-genererad bild", "Illustration: AI"],
           ["Bilden är AI-genererad.", "Bilden är skapad med hjälp av artificiell intelligens."]),
    "da": (["Illustration: Midjourney", "AI-genereret billede"],
           ["Billedet er genereret med kunstig intelligens."]),
    "no": (["KI-generert illustrasjon", "Illustrasjon: KI"],
           ["Bildet er laget med kunstig intelligens."]),
    "ro": (["Ilustrație: AI", "Imagine generată cu inteligență artificială"],
           ["Această imagine a fost creată cu ajutorul inteligenței artificiale.",
            "Imaginea a fost generată cu Midjourney."]),
    "hu": (["Kép: mesterséges intelligencia", "MI által generált kép",
            "Mesterséges intelligenciával készült kép"],
           ["A képet mesterséges intelligencia készítette.",
            "Ez a kép mesterséges intelligencia segítségével készült."]),
    "el": (["Φωτογραφία: τεχνητή νοημοσύνη", "Εικόνα δημιουργημένη με τεχνητή νοημοσύνη"],
           ["Η εικόνα δημιουργήθηκε με τεχνητή νοημοσύνη.",
            "Αυτή η φωτογραφία δημιουργήθηκε με τη βοήθεια AI."]),
    "vi": (["Ảnh: AI", "Ảnh minh họa tạo bằng AI"],
           ["Bức ảnh này được tạo bằng trí tuệ nhân tạo.",
            "Ảnh minh họa được tạo bởi AI."]),
    "fi": (["Kuva: tekoäly", "Tekoälyn luoma kuvituskuva"],
           ["Kuva on tekoälyn luoma.", "Tämä kuva on luotu tekoälyn avulla."]),
    "ar": (["صورة مولدة بالذكاء الاصطناعي", "الصورة: الذكاء الاصطناعي"],
           ["الصورة مولدة بالذكاء الاصطناعي",
            "هذه الصورة تم إنشاؤها باستخدام الذكاء الاصطناعي."]),
    "ja": (["（AI生成）", "AI生成画像", "写真：AI生成"],
           ["画像はAIで生成したイメージです。",
            "この写真は画像生成AIを使って作成しました。"]),
    "zh": (["图片由AI生成", "（AI生成图片）", "配图：AI生成", "圖片由人工智慧生成"],
           ["本文配图使用人工智能生成。", "此图片由AI生成。"]),
    "ko": (["AI 생성 이미지", "이미지=AI 생성", "사진=미드저니"],
           ["이 이미지는 AI로 생성되었습니다.", "위 사진은 인공지능을 활용해 제작했습니다."]),
}

# language -> traps: negations first, then reporting about others' images.
TRAPS: dict[str, list[str]] = {
    "pl": ["To zdjęcie nie zostało wygenerowane przez AI.",
           "Według ekspertów wiralowe zdjęcie zostało wygenerowane przez AI.",
           "Zdjęcia wygenerowane przez AI zalały media społecznościowe.",
           "Burmistrz udostępnił zdjęcie wygenerowane przez AI.",
           "Zdjęcie wygenerowane przez AI opublikował burmistrz",
           "Zdjęcie wykonane podczas konferencji o AI"],
    "cs": ["Tento obrázek nebyl vytvořen umělou inteligencí.",
           "Podle expertů byla virální fotka vytvořena pomocí AI."],
    "ru": ["Это изображение не сгенерировано нейросетью.",
           "Вирусное фото, которое якобы создано нейросетью, оказалось настоящим.",
           "По словам экспертов, снимок сгенерирован ИИ.",
           "Фото: ИИ создаёт рабочие места"],
    "uk": ["Це фото не згенероване штучним інтелектом.",
           "Фактчекери з'ясували, що вірусне фото створене нейромережею."],
    "tr": ["Bu görsel yapay zeka ile oluşturulmamıştır.",
           "Bu fotoğraf yapay zeka ile üretilmiş değildir.",
           "Sosyal medyada paylaşılan görselin yapay zeka ile üretildiği iddia edildi."],
    "id": ["Gambar ini tidak dibuat menggunakan AI.",
           "Foto yang beredar di media sosial itu diduga dibuat dengan AI."],
    "sv": ["Bilden är inte AI-genererad.",
           "Enligt experter är den virala bilden skapad med AI."],
    "da": ["Billedet er ikke genereret med kunstig intelligens.",
           "Ifølge eksperter er billedet genereret med AI."],
    "no": ["Bildet er ikke laget med kunstig intelligens.",
           "Bildet som spredte seg på sosiale medier, er laget med KI, ifølge faktasjekkere."],
    "ro": ["Această imagine nu a fost generată cu inteligență artificială.",
           "Potrivit experților, fotografia virală a fost generată cu AI."],
    "hu": ["A kép nem mesterséges intelligenciával készült.",
           "A szakértők szerint a virális képet mesterséges intelligencia készítette.",
           "A képet mi készítettük a helyszínen."],
    "el": ["Η εικόνα δεν δημιουργήθηκε με τεχνητή νοημοσύνη.",
           "Σύμφωνα με ειδικούς, η φωτογραφία που κυκλοφορεί δημιουργήθηκε με AI."],
    "vi": ["Bức ảnh này không được tạo bằng AI.",
           "Theo các chuyên gia, bức ảnh lan truyền trên mạng xã hội được tạo bởi AI."],
    "fi": ["Kuva ei ole tekoälyn luoma.",
           "Asiantuntijoiden mukaan somessa levinnyt kuva on tekoälyn luoma."],
    "ar": ["هذه الصورة ليست مولدة بالذكاء الاصطناعي.",
           "قال خبراء إن الصورة المتداولة مولدة بالذكاء الاصطناعي."],
    "ja": ["この画像はAIで生成したものではありません。",
           "SNSで拡散した画像はAIで生成されたものだと専門家は指摘した。",
           "この写真はAIで生成されたものですか？"],
    "zh": ["此图片并非由AI生成。", "这张图片不是AI生成的。",
           "网传的这张图片据称由AI生成，专家表示其为虚假。"],
    "ko": ["이 사진은 AI로 생성된 것이 아닙니다.", "이 이미지는 AI로 생성되지 않았습니다.",
           "SNS에서 확산된 사진이 AI로 생성된 가짜라는 주장이 나왔다."],
}

# Sentences with an AI claim that are about something else than an image: never labels.
NOT_ABOUT_AN_IMAGE = [
    "Rząd wygenerował nowe przepisy przy użyciu AI.",  # a finite verb with its own subject
    "AI wygenerowała raport o inflacji.",
    "ИИ создал новую профессию.",
    "Фото: Reuters. ИИ создал новую профессию.",
    "MI készítette a jelentést a kormánynak.",
    "Photo: AI creates jobs in the port",  # a headline after a credit's separator
    "Фото: ИИ создаёт рабочие места",
    "Kuva: Tekoäly luo uusia työpaikkoja",
    "Şirket yapay zeka ile yeni ürünler üretti.",
    "人工智能生成内容正在改变新闻业。",  # CJK: a predicate after the claim
    "政府はAIで作成した報告書を公開した。",
    "정부는 AI로 생성한 보고서를 공개했다.",
    "A képet mi készítettük a helyszínen.",  # "mi" is "we", not "MI"
    "Zdjęcie wykonane podczas konferencji o AI",
    # A label followed by what the picture did: reporting, with no reporting word.
    "Zdjęcie wygenerowane przez AI obiegło internet",
    "Фото, сгенерированное нейросетью, облетело интернет.",
    "Фото створене нейромережею облетіло мережу",
    "Obrázek vytvořený umělou inteligencí obletěl internet",
    "Yapay zeka ile üretilen görsel kısa sürede binlerce beğeni aldı",
    "A mesterséges intelligenciával készült kép bejárta az internetet",
    "Bức ảnh tạo bằng AI gây bão mạng",
    "Tekoälyn luoma kuva keräsi tuhansia tykkäyksiä",
    "Imaginea generată cu AI a devenit virală",
    "AI로 생성된 사진이 온라인에서 화제가 됐다",
]

_POSITIVE = [(lang, text) for lang, (labels, sents) in DISCLOSURES.items()
             for text in labels + sents]
_NEGATIVE = [(lang, text) for lang, texts in TRAPS.items() for text in texts]


def test_every_language_has_labels_sentences_and_traps() -> None:
    assert set(DISCLOSURES) == set(TRAPS)
    for lang, (labels, sents) in DISCLOSURES.items():
        assert len(labels) + len(sents) >= 2 and labels and sents, lang
        assert len(TRAPS[lang]) >= 2, lang


@pytest.mark.parametrize(("lang", "text"), _POSITIVE, ids=[f"{lang}-{i}" for i, (lang, _) in
                                                           enumerate(_POSITIVE)])
def test_caption_disclosure_is_found_and_tied_to_its_image(lang: str, text: str) -> None:
    assert _found(_cap(text)) == [(text, "caption", "a.jpg")], lang


@pytest.mark.parametrize(("lang", "text"), _NEGATIVE, ids=[f"{lang}-{i}" for i, (lang, _) in
                                                           enumerate(_NEGATIVE)])
def test_negation_and_reporting_stay_silent(lang: str, text: str) -> None:
    assert _found(_cap(text)) == [], lang


@pytest.mark.parametrize(("lang", "text"), _NEGATIVE[::3], ids=[
    f"{lang}-{i}" for i, (lang, _) in enumerate(_NEGATIVE[::3])])
def test_traps_stay_silent_in_prose_too(lang: str, text: str) -> None:
    assert _found(article(BODY, ("body", text), BODY)) == [], lang


_SENTENCE_BY_LANGUAGE = [(lang, sents[0]) for lang, (_, sents) in DISCLOSURES.items()]


@pytest.mark.parametrize(("lang", "text"), _SENTENCE_BY_LANGUAGE)
def test_html_figure_caption_end_to_end(lang: str, text: str) -> None:
    """The page as a reader sees it: a figure with its caption between two paragraphs."""
    html = ("<html><body><article><h1>Harbour news</h1><p>The ferry timetable changes on "
            "Monday, officials confirmed.</p><figure><img src='a.jpg'><figcaption>"
            f"{text}</figcaption></figure><p>Traffic doubled last year.</p></article>"
            "</body></html>")
    art = next(a for a in parse_article_text(html, "p.html", "html") if isinstance(a, Article))
    annotate(art, DetectSettings())
    assert [(d.text, d.image) for d in art.disclaimers] == [(text, "a.jpg")], lang


def test_sentence_after_another_in_a_japanese_paragraph() -> None:
    """Chinese and Japanese sentences end on "。" with no space: each is read alone."""
    text = "港の様子。画像はAIで生成したイメージです。"
    assert _found(_cap(text)) == [("画像はAIで生成したイメージです。", "caption", "a.jpg")]
    reported = "政府は発表したと専門家が指摘した。この画像はAIで生成したイメージです。"
    assert _found(_cap(reported)) == [("この画像はAIで生成したイメージです。", "caption", "a.jpg")]


@pytest.mark.parametrize(("lang", "text"), _POSITIVE)
def test_every_disclosure_passes_its_cheap_precheck(lang: str, text: str) -> None:
    assert lexicon.may_claim(text)
    assert lexicon.claim_candidates(["Nothing here.", text]) == {1}


@pytest.mark.parametrize("text", NOT_ABOUT_AN_IMAGE)
def test_claims_about_something_else_stay_silent(text: str) -> None:
    assert _found(_cap(text)) == []
    assert _found(article(BODY, ("body", text), BODY)) == []


# More label and sentence shapes: participles agreeing with one noun, credits with "=",
# Japanese and Chinese "made with AI" followed only by the image noun.
MORE_LABELS = [
    "Фото: ИИ-сгенерированное изображение",
    "Иллюстрация: сгенерировано нейросетью Midjourney",
    "Zdjęcie ilustracyjne wygenerowane przez AI",
    "Fotografie vytvořená pomocí AI",
    "Kuvitus: tekoäly / toimitus",
    "Temsili görsel: yapay zeka ile üretilmiştir.",
    "Ilustrație generată de AI",
    "Εικονογράφηση: AI",
    "الصورة من إنتاج الذكاء الاصطناعي",
    "AIで作成した画像です",
    "图／AI生成",
    "이미지=챗GPT 생성",
    "AI로 생성한 이미지입니다",
    "Billede: AI-genereret",
    "Bildene er laget med KI.",
    "Ảnh được tạo bằng AI.",
    "AI制图",
    "港の夕暮れ（AI生成）",  # full-width brackets close a caption as ASCII ones do
    "海边日落（AI生成）",
    "바다 풍경(AI 생성)",
    "(صورة: الذكاء الاصطناعي)",
    "صورة تعبيرية مولدة بالذكاء الاصطناعي",
    "Εικόνα που δημιουργήθηκε από AI",
    "Kép: MI-vel generált illusztráció",
    "Snímek: vygenerováno AI",
    "Zdjęcie poglądowe wygenerowane przez AI",
    "Fotoğraf: Yapay zeka ile oluşturuldu",
    "Kuvituskuva on luotu tekoälyllä.",
    "Изображение сгенерировано нейросетью «Кандинский»",
]


@pytest.mark.parametrize("text", MORE_LABELS)
def test_more_caption_shapes(text: str) -> None:
    assert _found(_cap(text)) == [(text, "caption", "a.jpg")]


@pytest.mark.parametrize(("lang", "text"), _SENTENCE_BY_LANGUAGE)
def test_sentence_in_the_paragraph_under_the_image(lang: str, text: str) -> None:
    """Not a caption: the paragraph right below the picture, tied to it."""
    art = article(BODY, ("body", text), BODY, images=(("a.jpg", 1),))
    assert _found(art) == [(text, "body", "a.jpg")], lang
