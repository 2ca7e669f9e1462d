"""AI-image disclosure detection in eight languages, with every trap.

All sentences are written for these tests. Each case is an Article built in memory and
the complete list of ``(text, line, zone, image)`` the detector must return.
"""

from __future__ import annotations

import time

import pytest

from provenance.articles.detect import DetectSettings, find_disclosures
from provenance.model import Article, Block, Disclaimer, ImageRef
from tests.detect.build import article

D = tuple[str, int | None, str, str | None]
BODY = ("body", "The new bridge will connect the two districts by 2027.")
ONE = (("a.jpg", 0),)  # one image above the first block


def _cap(text: str, src: str = "a.jpg") -> tuple[str, str, int, str]:
    return ("caption", text, 1, src)


PASSING: list[tuple[str, Article, list[D]]] = [
    # English
    ("en-notice-meta",
     article(("meta", "Example Desk | Oslo | Updated: 01-02-2025 10:00 CET"),
             ("meta", "This image is AI-generated and does not show a real place. It is an "
                      "illustration only."), BODY),
     [("This image is AI-generated and does not show a real place. It is an illustration "
       "only.", 2, "meta", None)]),
    ("en-caption-label", article(_cap("AI-generated image"), BODY, images=ONE),
     [("AI-generated image", 1, "caption", "a.jpg")]),
    ("en-caption-second-sentence",
     article(_cap("Commuters cross the new bridge at dusk. Image generated with AI."), BODY,
             images=ONE),
     [("Image generated with AI.", 1, "caption", "a.jpg")]),
    ("en-next-to-image-midjourney",
     article(("body", "Illustration created with Midjourney"), BODY, images=ONE),
     [("Illustration created with Midjourney", 1, "body", "a.jpg")]),
    ("en-caption-dalle", article(_cap("Illustration created with DALL·E"), images=ONE),
     [("Illustration created with DALL·E", 1, "caption", "a.jpg")]),
    ("en-caption-firefly-credit", article(_cap("Image: Adobe Firefly"), images=ONE),
     [("Image: Adobe Firefly", 1, "caption", "a.jpg")]),
    ("en-caption-edited", article(_cap("Photo edited with generative AI"), images=ONE),
     [("Photo edited with generative AI", 1, "caption", "a.jpg")]),
    ("en-first-person",
     article(BODY, ("body", "We generated this illustration with DALL-E 3 to show how the "
                            "bridge could look.")),
     [("We generated this illustration with DALL-E 3 to show how the bridge could look.", 2,
       "body", None)]),
    ("en-qualified-image-in-this-article",
     article(BODY, ("body", "The illustration of the bridge in this article was generated "
                            "with AI.")),
     [("The illustration of the bridge in this article was generated with AI.", 2, "body",
       None)]),
    ("en-first-person-in-paragraph",
     article(("body", "The bridge opens in 2027. Planners expect heavy traffic. Cyclists get "
                      "a lane. We used Midjourney to create the picture at the top.")),
     [("We used Midjourney to create the picture at the top.", 1, "body", None)]),
    ("en-about-the-images",
     article(("standfirst", "ABOUT THE IMAGES: The illustrations in this story were made "
                            "with Adobe Firefly by our design desk."), BODY),
     [("ABOUT THE IMAGES: The illustrations in this story were made with Adobe Firefly by "
       "our design desk.", 1, "standfirst", None)]),
    ("en-about-the-images-own-line",
     article(("standfirst", "About the images"),
             ("standfirst", "All illustrations were made with Midjourney by our art desk."),
             BODY),
     [("All illustrations were made with Midjourney by our art desk.", 2, "standfirst",
       None)]),
    ("es-sobre-las-imagenes",
     article(("body", "Sobre las imágenes: las ilustraciones fueron generadas con IA."), BODY),
     [("Sobre las imágenes: las ilustraciones fueron generadas con IA.", 1, "body", None)]),
    ("en-image-above",
     article(BODY, ("body", "The image above was created using AI."),
             images=(("a.jpg", 1),)),
     [("The image above was created using AI.", 2, "body", "a.jpg")]),
    ("en-representational", article(_cap("Representational image generated using AI"),
                                    images=ONE),
     [("Representational image generated using AI", 1, "caption", "a.jpg")]),
    ("en-credit-tool", article(_cap("Illustration: Midjourney / The Example Times"),
                               images=ONE),
     [("Illustration: Midjourney / The Example Times", 1, "caption", "a.jpg")]),
    ("en-definite-subject-caption", article(_cap("The image was created with AI."),
                                           images=ONE),
     [("The image was created with AI.", 1, "caption", "a.jpg")]),
    ("en-caption-parenthesised-label",
     article(_cap("A robot waves at visitors (AI-generated image)"), images=ONE),
     [("A robot waves at visitors (AI-generated image)", 1, "caption", "a.jpg")]),
    ("en-caption-after-separator",
     article(_cap("Protesters in Paris | AI-generated illustration"), images=ONE),
     [("Protesters in Paris | AI-generated illustration", 1, "caption", "a.jpg")]),
    ("en-negation-in-other-clause",
     article(("meta", "This image, which does not show real people, was generated with AI.")),
     [("This image, which does not show real people, was generated with AI.", 1, "meta",
       None)]),
    ("en-for-this-article-then-clause",
     article(_cap("Illustration generated with AI for this story; it does not show the real "
                  "harbour."), images=ONE),
     [("Illustration generated with AI for this story; it does not show the real harbour.", 1,
       "caption", "a.jpg")]),
    ("en-for-this-article-in-prose",
     article(BODY, ("body", "The harbour map was drawn with AI for this article.")),
     [("The harbour map was drawn with AI for this article.", 2, "body", None)]),
    ("en-this-is-an", article(BODY, ("body", "This is an AI-generated image.")),
     [("This is an AI-generated image.", 2, "body", None)]),
    ("de-dies-ist-ein", article(BODY, ("body", "Dies ist ein KI-generiertes Bild.")),
     [("Dies ist ein KI-generiertes Bild.", 2, "body", None)]),
    ("fr-c-est-une", article(BODY, ("body", "C'est une image générée par IA.")),
     [("C'est une image générée par IA.", 2, "body", None)]),
    ("en-no-comma-yes",
     article(("meta", "No, this image is not a photograph: it is AI-generated.")),
     [("No, this image is not a photograph: it is AI-generated.", 1, "meta", None)]),
    # German
    ("de-symbolbild", article(_cap("Symbolbild: KI-generiert"), images=ONE),
     [("Symbolbild: KI-generiert", 1, "caption", "a.jpg")]),
    ("de-credit-ki", article(_cap("Bild: KI / Redaktion"), images=ONE),
     [("Bild: KI / Redaktion", 1, "caption", "a.jpg")]),
    ("de-dieses-bild", article(BODY, ("body", "Dieses Bild wurde mit KI erstellt.")),
     [("Dieses Bild wurde mit KI erstellt.", 2, "body", None)]),
    ("de-wir", article(BODY, ("body", "Wir haben diese Illustration mit Midjourney erzeugt.")),
     [("Wir haben diese Illustration mit Midjourney erzeugt.", 2, "body", None)]),
    # Spanish
    ("es-caption", article(_cap("Imagen generada con inteligencia artificial"), images=ONE),
     [("Imagen generada con inteligencia artificial", 1, "caption", "a.jpg")]),
    ("es-esta-imagen",
     article(BODY, ("body", "Esta imagen fue creada con IA y no representa hechos reales.")),
     [("Esta imagen fue creada con IA y no representa hechos reales.", 2, "body", None)]),
    ("es-hemos", article(BODY, ("body", "Hemos generado esta ilustración con Midjourney.")),
     [("Hemos generado esta ilustración con Midjourney.", 2, "body", None)]),
    # French
    ("fr-caption", article(_cap("Image générée par IA"), images=ONE),
     [("Image générée par IA", 1, "caption", "a.jpg")]),
    ("fr-cette-illustration",
     article(BODY, ("body", "Cette illustration a été réalisée à l'aide de l'intelligence "
                            "artificielle.")),
     [("Cette illustration a été réalisée à l'aide de l'intelligence artificielle.", 2,
       "body", None)]),
    # Portuguese
    ("pt-caption", article(_cap("Imagem gerada por IA"), images=ONE),
     [("Imagem gerada por IA", 1, "caption", "a.jpg")]),
    ("pt-esta-imagem",
     article(BODY, ("body", "Esta imagem foi criada com inteligência artificial.")),
     [("Esta imagem foi criada com inteligência artificial.", 2, "body", None)]),
    # Italian
    ("it-caption", article(_cap("Immagine generata con l'IA"), images=ONE),
     [("Immagine generata con l'IA", 1, "caption", "a.jpg")]),
    ("it-questa-immagine",
     article(BODY, ("body", "Questa illustrazione è stata realizzata con Midjourney.")),
     [("Questa illustrazione è stata realizzata con Midjourney.", 2, "body", None)]),
    ("caption-tool-credit-tail",
     article(_cap("Cranes over the harbour at dusk – Midjourney"), images=ONE),
     [("Cranes over the harbour at dusk – Midjourney", 1, "caption", "a.jpg")]),
    # Hindi
    ("hi-caption", article(_cap("एआई से बनाई गई तस्वीर"), images=ONE),
     [("एआई से बनाई गई तस्वीर", 1, "caption", "a.jpg")]),
    ("hi-yah-tasveer", article(BODY, ("body", "यह तस्वीर एआई की मदद से बनाई गई है।")),
     [("यह तस्वीर एआई की मदद से बनाई गई है।", 2, "body", None)]),
    # Urdu
    ("ur-caption", article(_cap("اے آئی سے بنائی گئی تصویر"), images=ONE),
     [("اے آئی سے بنائی گئی تصویر", 1, "caption", "a.jpg")]),
    ("ur-yeh-tasveer", article(BODY, ("body", "یہ تصویر اے آئی کی مدد سے بنائی گئی ہے۔")),
     [("یہ تصویر اے آئی کی مدد سے بنائی گئی ہے۔", 2, "body", None)]),
    # Image assignment
    ("caption-own-image-only",
     article(_cap("Crowds at the station.", "a.jpg"), BODY, _cap("AI-generated image", "b.jpg"),
             images=(("a.jpg", 0), ("b.jpg", 2))),
     [("AI-generated image", 1, "caption", "b.jpg")]),
    ("between-images-below",
     article(BODY, ("body", "The image below was generated with AI."), BODY,
             images=(("a.jpg", 1), ("b.jpg", 2))),
     [("The image below was generated with AI.", 2, "body", "b.jpg")]),
    ("between-images-default-above",
     article(BODY, ("body", "AI-generated image."), BODY, images=(("a.jpg", 1), ("b.jpg", 2))),
     [("AI-generated image.", 2, "body", "a.jpg")]),
    ("merged-block-line", article(("meta", "Example Desk | Oslo\nAI-generated image", 7)),
     [("AI-generated image", 8, "meta", None)]),
    ("extra-phrase", article(_cap("Synthetic illustration"), images=ONE),
     [("Synthetic illustration", 1, "caption", "a.jpg")]),
]

TRAPS: list[tuple[str, Article]] = [
    ("en-controversy",
     article(("body", "Controversy over AI-generated images of the pope spread online."))),
    ("en-viral-experts",
     article(("body", "The viral picture was created with AI, experts say."))),
    ("en-negated", article(("meta", "This image is not AI-generated."))),
    ("en-no-ai-used", article(("meta", "No AI was used to create this image."))),
    ("en-qualified-image-negated",
     article(("body", "The image of the bridge in this article was not generated with AI."))),
    ("en-qualified-image-of-others",
     article(("body", "The picture of the flood in this story was generated with AI, "
                      "experts said."))),
    ("en-quoted",
     article(("body", "\"This image is AI-generated,\" the agency wrote under its picture."))),
    ("en-quoted-other-outlet",
     article(("body", "The Daily Example printed a note: “Image generated with AI.”"))),
    ("en-watermark",
     article(("body", "The photo carries a watermark reading \"AI-Generated Image\"."))),
    ("en-question", article(("body", "Is this image AI-generated?"))),
    ("en-headline", article(("headline", "AI-generated images flood the election campaign"))),
    ("en-label-then-verb",
     article(("body", "AI-generated images flood the election campaign."))),
    ("en-boilerplate-notice",
     article(BODY, ("boilerplate", "All images on this site may be AI-generated."))),
    ("en-ai-powered", article(("body", "AI-powered soil maps cut fertiliser use."))),
    ("en-researchers",
     article(("body", "Researchers created an image with AI to test their tools."))),
    ("en-definite-subject-in-prose",
     article(BODY, ("body", "The image was created with AI."), BODY)),
    ("en-caption-other-image",
     article(_cap("The AI-generated image on the right was shared by the campaign."),
             images=ONE)),
    ("en-fact-check-we-found", article(("body", "We found that this image was AI-generated."))),
    ("en-separator-label-in-prose",
     article(BODY, ("body", "Protesters in Paris | AI-generated illustration"), BODY)),
    ("en-caption-person-shares",
     article(_cap("The candidate (right) shares an AI-generated image."), images=ONE)),
    ("en-caption-other-image-spread",
     article(_cap("Left: the original photo; right: an AI-generated image that spread fast."),
             images=ONE)),
    ("en-heading-then-unrelated",
     article(("body", "About the images"), ("body", "Researchers built a model with AI."))),
    ("en-it-is-about-a-coat", article(("body", "Look at the coat: it is AI-generated."))),
    ("en-photo-credit-only", article(_cap("Image: Jane Roe / Example Agency"), images=ONE)),
    ("en-ai-in-unrelated-caption",
     article(_cap("Delegates at the AI summit in Seoul on Tuesday."), images=ONE)),
    ("de-negated", article(("body", "Dieses Bild ist nicht KI-generiert."))),
    ("de-laut-experten", article(("body", "Laut Experten wurde das Foto mit KI erstellt."))),
    ("es-negated", article(("body", "Esta imagen no fue generada con IA."))),
    ("es-viral",
     article(("body", "La imagen viral fue creada con inteligencia artificial, según expertos."))),
    ("fr-negated", article(("body", "Cette image n'a pas été générée par IA."))),
    ("fr-selon", article(("body", "Selon des experts, cette photo a été générée par l'IA."))),
    ("pt-negated", article(("body", "Esta imagem não foi gerada por IA."))),
    ("it-negated", article(("body", "Questa immagine non è stata generata con l'IA."))),
    ("it-secondo",
     article(("body", "Secondo gli esperti, questa foto è stata generata con l'IA."))),
    ("caption-company-credit",
     article(_cap("Engineers test the new model – Photo: Midjourney Inc. press office / AP"),
             images=ONE)),
    ("pt-circula",
     article(("body", "A foto que circula nas redes sociais foi criada com inteligência "
                      "artificial."))),
    ("hi-negated", article(("body", "यह तस्वीर एआई से नहीं बनाई गई है।"))),
    ("ur-negated", article(("body", "یہ تصویر اے آئی سے نہیں بنائی گئی ہے۔"))),
    ("ur-viral", article(("body", "سوشل میڈیا پر وائرل تصویر اے آئی سے بنائی گئی ہے۔"))),
    ("hi-viral", article(("body", "सोशल मीडिया पर वायरल तस्वीर एआई से बनाई गई है।"))),
]

SETTINGS = DetectSettings(extra_disclosure_phrases=("Synthetic illustration",))


def _as_tuples(items: list[Disclaimer]) -> list[D]:
    return [(d.text, d.line, d.zone, d.image) for d in items]


@pytest.mark.parametrize(("case", "art", "expected"), PASSING, ids=[c[0] for c in PASSING])
def test_disclosure_found(case: str, art: Article, expected: list[D]) -> None:
    assert _as_tuples(find_disclosures(art, SETTINGS)) == expected


@pytest.mark.parametrize(("case", "art"), TRAPS, ids=[c[0] for c in TRAPS])
def test_not_a_disclosure(case: str, art: Article) -> None:
    assert _as_tuples(find_disclosures(art, SETTINGS)) == []


def test_caption_without_caption_block_is_read() -> None:
    art = Article(path="a.md", format="markdown", blocks=[Block("body", BODY[1], 3)],
                  images=[ImageRef(src="a.png", line=1, caption="Image générée par IA",
                                   position=0)])
    assert _as_tuples(find_disclosures(art, SETTINGS)) == [
        ("Image générée par IA", 1, "caption", "a.png")]


def test_extra_phrase_needs_the_setting() -> None:
    art = article(_cap("Synthetic illustration"), images=ONE)
    assert find_disclosures(art, DetectSettings()) == []


def test_run_on_text_stays_fast() -> None:
    """A megabyte of unpunctuated extraction damage must not stall an audit."""
    art = article(("body", "word AI generated with " * 40000))
    started = time.perf_counter()
    assert find_disclosures(art, SETTINGS) == []
    assert time.perf_counter() - started < 3.0
