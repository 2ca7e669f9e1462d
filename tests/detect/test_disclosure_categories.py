"""AI-disclosure categories from the "Accuracy on the world's news" issue.

Each category has disclosures that must be found and traps that must stay silent. All
sentences are written for these tests (none is copied from a page).

1. Participles in every gender and number (es, pt, fr, de, it), with Italian, Dutch and
   the Scandinavian languages read as well.
2. Photo-credit-style disclosures: "Bild: KI", a generator credited at a caption's end.
3. Explanatory notes about a story's images, also long ones going on with a pronoun.
4. Reporting about AI next to such forms stays apart (negations, claims, fact-checks).
"""

from __future__ import annotations

import pytest

from provenance.articles.detect import DetectSettings, find_disclosures
from provenance.model import Article
from tests.detect.build import article

BODY = ("body", "The ferry timetable changes on Monday.")
ONE = (("a.jpg", 0),)


def _cap(text: str) -> Article:
    return article(("caption", text, 1, "a.jpg"), BODY, images=ONE)


def _prose(text: str) -> Article:
    """A paragraph between two others, with no image next to it."""
    return article(BODY, ("body", text), BODY)


def _found(art: Article) -> list[tuple[str, str, str | None]]:
    return [(d.text, d.zone, d.image) for d in find_disclosures(art, DetectSettings())]


# Caption labels whose participle agrees with a noun of each gender and number.
AGREEMENT = [
    "Retrato generado con inteligencia artificial",
    "Dibujos generados con IA",
    "Ilustraciones generadas por IA",
    "Retrato criado por IA",
    "Desenhos criados com inteligência artificial",
    "Ilustrações geradas por IA",
    "Dessin généré par IA",
    "Dessins générés par l'intelligence artificielle",
    "Illustrations générées avec Midjourney",
    "KI-generierte Zeichnung",
    "Symbolbilder: KI-generiert",
    "Immagine generata con l'IA",
    "Immagini generate con l'intelligenza artificiale",
    "Ritratto creato dall'IA",
    "Disegni realizzati con Midjourney",
    "Fotomontaggio generato con l'AI",
    "Due barche nel porto (immagine generata con IA)",
    "AI-gegenereerde illustratie",
    "Afbeeldingen gemaakt met kunstmatige intelligentie",
    "Illustrasjon: KI-generert",
    "Bilder skapade med AI",
    "Billede genereret med Midjourney",
    # Any one noun makes a label when the participle agrees with it (not in English).
    "Paisaje generado con IA",
    "Veleiros criados por IA",
    "Paysages générés par l'IA",
    "Paesaggio generato con l'IA",
]

# A generator or "AI" credited where a photographer would be.
CREDITS = [
    "Illustration: Midjourney / Redaktion",
    "Bild: KI",
    "Foto: IA",
    "Ilustración: IA / Diseño",
    "Grafik: KI / Desk",
    "Fishing boats at dawn – Midjourney",
    "Eine Werkstatt im Stil der Fünfziger – Midjourney („workshop, 1950s poster“)",
    "Ein Leuchtturm im Nebel | Stable Diffusion",
    "Un faro en la niebla / DALL-E 3",
    "Un phare dans la brume – Adobe Firefly / Rédaction",
]


@pytest.mark.parametrize("text", AGREEMENT + CREDITS)
def test_caption_label_or_credit_is_a_disclosure(text: str) -> None:
    assert _found(_cap(text)) == [(text, "caption", "a.jpg")]


NOTES = [
    # Named once, made with a generator, in one sentence (en, de, es, fr, pt, it).
    "The drawings for this series were made with the image generator Midjourney.",
    "Die Bilder in diesem Beitrag wurden mit Midjourney erzeugt.",
    "Los dibujos de este reportaje fueron generados con Midjourney por la redacción.",
    "Les dessins de cette série ont été générés avec Midjourney.",
    "Os desenhos deste artigo foram criados com Midjourney.",
    "Le illustrazioni di questo articolo sono state generate con Midjourney.",
    "Questa immagine è stata creata con l'intelligenza artificiale.",
    "Deze illustraties zijn gemaakt met Midjourney.",
    "Dette bildet er generert av KI.",
]


@pytest.mark.parametrize("text", NOTES)
def test_note_about_this_storys_images(text: str) -> None:
    assert _found(_prose(text)) == [(text, "body", None)]


def test_note_under_a_heading_with_a_long_object() -> None:
    text = ("A note on the images: we produced the artwork for this piece with Stable "
            "Diffusion, guided by sketches from our designers, and no photograph was altered.")
    assert _found(_prose(text)) == [(text, "body", None)]


def test_heading_in_italian_and_german() -> None:
    for heading, note in (("Nota sulle immagini", "Tutte le illustrazioni sono state "
                                                  "generate con Midjourney."),
                          ("Über die Bilder", "Alle Illustrationen wurden mit KI erstellt.")):
        art = article(("body", heading), ("body", note), BODY)
        assert _found(art) == [(note, "body", None)]


LONG_NOTES = [
    ("We want readers to know where the pictures in this series come from. They were "
     "generated with Midjourney by our art desk from prompts the reporters wrote."),
    ("Die Zeichnungen in diesem Artikel zeigen keine echten Personen. Sie wurden mit "
     "Midjourney erstellt und von der Redaktion ausgewählt."),
    ("Las ilustraciones de este reportaje no son fotografías. Fueron generadas con "
     "inteligencia artificial por el equipo de diseño."),
    ("Les images de cet article ne sont pas des photographies. Elles ont été générées par "
     "l'IA à partir de descriptions écrites par la rédaction."),
]


@pytest.mark.parametrize("text", LONG_NOTES)
def test_long_note_goes_on_with_a_pronoun(text: str) -> None:
    """The reported text runs from the sentence that names the images to the claim."""
    assert _found(_prose(text)) == [(text, "body", None)]


def test_pronoun_claim_in_a_longer_paragraph_reports_its_two_sentences() -> None:
    named = "The ferry drawings in this series are not photographs."
    claim = "They were generated with Midjourney by our designers."
    text = f"The port reopened in May. Traffic doubled. {named} {claim} More follow."
    assert _found(_prose(text)) == [(f"{named} {claim}", "body", None)]


TRAPS = [
    # Agreement forms in reporting, negation and someone else's hands.
    _prose("La imagen generada con IA que publicó el alcalde se volvió viral."),
    _prose("Los retratos generados con IA inundaron las redes sociales."),
    _prose("Le député a publié un dessin généré par IA."),
    _prose("Die KI-generierten Zeichnungen der Partei sorgten für Empörung."),
    _prose("L'immagine generata con l'IA è diventata virale."),
    _prose("Questa immagine non è stata generata con l'intelligenza artificiale."),
    _cap("Questa immagine non è stata generata con l'IA."),
    _cap("Il sindaco mostra un'immagine generata con l'IA."),
    _cap("Secondo gli esperti, la foto è stata creata con l'IA."),
    _prose("Deze afbeelding is niet gemaakt met AI."),
    _prose("Denna bild är inte skapad med AI."),
    _prose("Volgens experts is de foto gemaakt met AI."),
    _prose("KI-genererte bilder spredte seg raskt på sosiale medier."),
    _cap("Statsministeren deler et AI-generert bilde."),
    _cap("Officials generated with AI a plan for the port"),
    _cap("Circulan paisajes generados con IA"),
    _cap("Paisaje no generado con IA"),
    _prose("Paisaje generado con IA"),  # one noun is a label only by an image
    # A generator's name in a caption that credits someone else, or names the company.
    _cap("Staff at the Midjourney office in San Francisco"),
    _cap("Ein Mitarbeiter von Midjourney in der Zentrale – Foto: Reuters"),
    _cap("Launch of the Gemini app in Berlin – Google"),
    _cap("Engineers at Stable Diffusion's headquarters | Photo: Jane Roe"),
    _cap("The chatbot's answer to a question about tides – ChatGPT"),  # a screenshot
    _prose("Fishing boats at dawn – Midjourney"),  # a credit only counts in a caption
    # Long notes about other people's images.
    _prose("The pictures of the flood that spread on Sunday were fakes. They were "
           "generated with Midjourney, analysts said."),
    _prose("The photos in this article show the harbour. Rivals generated images with "
           "Midjourney."),
    _prose("The campaign posted new pictures. They were generated with Midjourney."),
]


@pytest.mark.parametrize("art", TRAPS, ids=[f"trap-{i}" for i in range(len(TRAPS))])
def test_reporting_stays_apart(art: Article) -> None:
    assert _found(art) == []
