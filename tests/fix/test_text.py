"""AID001/ATR001 article fixes: where the sentence goes, that the audit then accepts it
(in every shipped language), and that no other byte of the file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.fixes.text import DEFAULT_DISCLOSURES, DEFAULT_EDITED, default_disclosure
from tests.fix.support import audit, build, fix, rules
from tests.images.builders import xmp_packet

COMPOSITE_XMP = xmp_packet(
    'Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/'
    'compositeWithTrainedAlgorithmicMedia" photoshop:Credit="Coastal News"')
AI_XMP = xmp_packet('Iptc4xmpExt:DigitalSourceType='
                    '"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"'
                    ' photoshop:Credit="Coastal News"')


def _site(tmp_path: Path, article: str, name: str = "story.md", xmp: bytes = AI_XMP) -> Path:
    folder = tmp_path / "site"
    (folder / "img").mkdir(parents=True)
    build("png", folder / "img/ai.png", exif=None, xmp=xmp)
    (folder / name).write_text(article, encoding="utf-8")
    return folder


def _aid001(tmp_path: Path, folder: Path) -> set[tuple[str, str, str | None]]:
    return {r for r in rules(audit(tmp_path, folder)) if r[1] == "AID001"}


@pytest.mark.parametrize("edited", [False, True])
@pytest.mark.parametrize("language", sorted(DEFAULT_DISCLOSURES))
def test_default_disclosure_is_accepted_in_each_language(tmp_path: Path, language: str,
                                                         edited: bool) -> None:
    folder = _site(tmp_path, f"---\ntitle: Harbour plan\nauthor: Ana Lopes\nlang: {language}\n"
                   "---\n\nLISBON (Reuters) - The port showed its plan.\n\n"
                   "![Harbour](img/ai.png)\n\nThe works start next year.\n",
                   xmp=COMPOSITE_XMP if edited else AI_XMP)
    assert _aid001(tmp_path, folder)
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert _aid001(tmp_path, folder) == set()
    text = (folder / "story.md").read_text(encoding="utf-8")
    sentence = (DEFAULT_EDITED if edited else DEFAULT_DISCLOSURES)[language]
    assert "![Harbour](img/ai.png)\n\n" + sentence + "\n\nThe works" in text


def test_language_tags_pick_the_preset() -> None:
    assert default_disclosure("de-AT") == DEFAULT_DISCLOSURES["de"]
    assert default_disclosure(None) == default_disclosure("xx") == DEFAULT_DISCLOSURES["en"]


def test_markdown_caption_paragraph_is_extended(tmp_path: Path) -> None:
    article = ("---\ntitle: Harbour plan\nauthor: Ana Lopes\n---\r\n\r\n"
               "LISBON (Reuters) - The port showed its plan.\r\n\r\n"
               "![Harbour](img/ai.png)\r\n\r\nThe new harbour. Photo: Ana Lopes\r\n\r\n"
               "The works start next year.")
    folder = _site(tmp_path, article)
    (folder / "provenance.toml").write_text('[fix]\ndisclosure = "Illustration: made with AI."\n',
                                            encoding="utf-8")
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert _aid001(tmp_path, folder) == set()
    data = (folder / "story.md").read_bytes()
    assert data == article.replace("Photo: Ana Lopes", "Photo: Ana Lopes Illustration: made "
                                   "with AI.").encode("utf-8")


def test_front_matter_image_gets_a_caption_field(tmp_path: Path) -> None:
    article = ("---\ntitle: Harbour plan\nauthor: Ana Lopes\nimage: img/ai.png\n---\n\n"
               "LISBON (Reuters) - The port showed its plan.\n\nThe works start next year.\n"
               "\nMore on the plan follows.\n")
    folder = _site(tmp_path, article)
    assert _aid001(tmp_path, folder)
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert (folder / "story.md").read_text(encoding="utf-8") == article.replace(
        "image: img/ai.png\n",
        'image: img/ai.png\nimage_caption: "This image was generated with AI."\n')
    assert _aid001(tmp_path, folder) == set()


def test_html_figure_without_figcaption_gets_one(tmp_path: Path) -> None:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Harbour plan</title></head>\n"
            "<body><article>\n<h1>Harbour plan</h1>\n<p class=\"byline\">By Ana Lopes</p>\n"
            "<p>LISBON (Reuters) - The port showed its plan on Monday.</p>\n"
            "<figure>\n<img src=\"img/ai.png\" alt=\"Harbour\">\n</figure>\n"
            "<p>The works start next year.</p>\n</article></body></html>\n")
    folder = _site(tmp_path, page, "story.html")
    assert _aid001(tmp_path, folder)
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert (folder / "story.html").read_text(encoding="utf-8") == page.replace(
        "alt=\"Harbour\">\n</figure>",
        "alt=\"Harbour\">\n<figcaption>This image was generated with AI.</figcaption>\n"
        "</figure>")
    assert _aid001(tmp_path, folder) == set()


def test_html_attribution_goes_inside_the_article(tmp_path: Path) -> None:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Rates</title></head>\n"
            "<body><article>\n<h1>Rates rise</h1>\n<p class=\"byline\">By Ana Lopes</p>\n"
            "<p>The central bank raised rates on Monday.</p>\n</article>\n"
            "<footer><p>Contact us</p></footer></body></html>\n")
    _attribution_fixed(tmp_path, page, "rates.html", "(With inputs from Reuters.)",
                       page.replace("</article>",
                                    "<p>(With inputs from Reuters.)</p>\n</article>"))


def _attribution_fixed(tmp_path: Path, text: str, name: str, line: str, expected: str) -> None:
    """ATR001 before; ``fix --unsafe-fixes`` with ``[fix] attribution = line`` writes
    ``expected`` exactly, and the re-audit has no ATR001."""
    folder = _site(tmp_path, text, name)
    (folder / "provenance.toml").write_text(f'[fix]\nattribution = "{line}"\n',
                                            encoding="utf-8")
    assert "ATR001" in {r[1] for r in rules(audit(tmp_path, folder))}
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert (folder / name).read_text(encoding="utf-8") == expected
    assert "ATR001" not in {r[1] for r in rules(audit(tmp_path, folder))}


def test_unplaceable_caption_is_reported_not_guessed(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Harbour plan</title></head>\n"
            "<body><article>\n<h1>Harbour plan</h1>\n<p class=\"byline\">By Ana Lopes</p>\n"
            "<p>LISBON (Reuters) - The port showed its plan.</p>\n"
            "<p><img src=\"img/ai.png\" alt=\"Harbour\"></p>\n</article></body></html>\n")
    folder = _site(tmp_path, page, "story.html")
    fix(str(folder), "--root", str(folder), "--unsafe-fixes")
    assert (folder / "story.html").read_text(encoding="utf-8") == page
    assert "story.html: AID001 not fixed: the image is not inside a <figure>" in \
        capsys.readouterr().err


def test_text_scrape_attribution_goes_before_the_boilerplate(tmp_path: Path) -> None:
    scrape = (" date 2026-03-04 Left Menu\n\nCouncil Approves Smaller Lighting Budget\n\n"
              "The council cut next year's lighting budget by a tenth.\n\n"
              "Desk | Lisbon | Updated: 04-03-2026 17:40 WET | Created: 04-03-2026 17:10 WET\n\n"
              "Councillors voted nine to four in favour of the plan on Wednesday.\n\n"
              "The savings will pay for four hundred new lamps, officials said.\n\n"
              "TRENDING\n\nHarbour Ferry Service Returns\n")
    _attribution_fixed(tmp_path, scrape, "council.txt", "(With inputs from agencies.)",
                       scrape.replace("officials said.\n\nTRENDING",
                                      "officials said.\n\n(With inputs from agencies.)\n\n"
                                      "TRENDING"))
