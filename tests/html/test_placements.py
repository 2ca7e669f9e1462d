"""Every image file a built or mirrored static site places, and site templates skipped.

srcset and ``<picture>``: each different file an image offers becomes its own ImageRef
(a reader may be served any of them); Liquid image references read as site paths; a site
generator's templates raise TemplateFile instead of being read as articles.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from provenance.articles import TemplateFile, parse_article_text
from provenance.articles.html import html_fragment, read_html
from provenance.articles.html_walk import srcset_candidates
from provenance.articles.liquid import normalize_liquid_src, template_reason
from provenance.model import Article, ImageRef


def _srcs(images: list[ImageRef]) -> list[str]:
    return [img.src for img in images]


def _one_article(text: str) -> Article:
    [article] = parse_article_text(text, "x.html", "html")
    assert isinstance(article, Article)
    return article


# --- srcset and <picture> ---------------------------------------------------------------

def test_without_src_the_widest_candidate_comes_first_and_the_others_follow() -> None:
    blocks, images = html_fragment(
        '<p>The lighthouse keeper retired this spring.</p><figure>'
        '<img srcset="lh/tower-480.jpg 480w, lh/tower-1600.jpg 1600w, lh/tower-960.jpg 960w"'
        ' alt="The tower at dusk"><figcaption>The tower at dusk. Image made with an AI '
        "tool.</figcaption></figure><p>Her successor starts in May.</p>")
    caption = "The tower at dusk. Image made with an AI tool."
    assert images == [
        ImageRef(src=src, caption=caption, alt="The tower at dusk", position=2,
                 placement=placement)
        for src, placement in (("lh/tower-1600.jpg", "html"), ("lh/tower-480.jpg", "srcset"),
                               ("lh/tower-960.jpg", "srcset"))]
    # The caption block names the image's first file.
    assert blocks[1].image == "lh/tower-1600.jpg"


def test_density_descriptors_and_a_candidate_without_one_counting_as_1x() -> None:
    _, images = html_fragment(
        '<img srcset="kiln.png, kiln@3x.png 3x, kiln@2x.png 2x" alt="Kiln">')
    assert _srcs(images) == ["kiln@3x.png", "kiln.png", "kiln@2x.png"]
    assert [(img.alt, img.position, img.placement) for img in images] == [
        ("Kiln", 0, "html"), ("Kiln", 0, "srcset"), ("Kiln", 0, "srcset")]


def test_src_stays_first_and_lazy_srcset_candidates_are_added() -> None:
    _, images = html_fragment(
        '<img src="dam/wall.jpg" srcset="dam/wall-small.jpg 1x, dam/wall-big.jpg 2x">'
        '<img src="data:image/gif;base64,R0lG" data-src="dam/crest.jpg"'
        ' data-srcset="dam/crest-800.jpg 800w, data:image/png;base64,iVBO 10w">')
    assert _srcs(images) == ["dam/wall.jpg", "dam/wall-small.jpg", "dam/wall-big.jpg",
                             "dam/crest.jpg", "dam/crest-800.jpg"]


def test_picture_sources_are_images_of_their_img() -> None:
    _, images = html_fragment(
        "<p>Ferries crossed the bay all night.</p><figure><picture>"
        '<source type="image/avif" srcset="bay/night.avif 1x, bay/night@2x.avif 2x">'
        '<source media="(max-width: 600px)" srcset="bay/night-crop.jpg">'
        '<img src="bay/night.jpg" alt="Lights on the water"></picture>'
        "<figcaption>Lights on the water after midnight.</figcaption></figure>")
    assert _srcs(images) == ["bay/night.jpg", "bay/night.avif", "bay/night@2x.avif",
                             "bay/night-crop.jpg"]
    assert {(img.caption, img.alt, img.position) for img in images} == {
        ("Lights on the water after midnight.", "Lights on the water", 2)}


def test_picture_without_img_src_takes_the_largest_source_candidate() -> None:
    _, images = html_fragment(
        '<picture><source srcset="m/quay-640.webp 640w, m/quay-1280.webp 1280w">'
        '<img alt="The quay"></picture>')
    assert _srcs(images) == ["m/quay-1280.webp", "m/quay-640.webp"]


def test_candidates_naming_the_same_file_are_one_image() -> None:
    _, images = html_fragment(
        '<img src="/media/mill.jpg?w=600" srcset="/media/mill.jpg?w=300 300w,'
        ' /media/mill.jpg?w=900#crop 900w, https://cdn.example.org/media/mill.jpg 2x,'
        ' /media/mill-wide.jpg 1200w, /media/mill-wide.jpg?v=2 1400w">')
    assert _srcs(images) == ["/media/mill.jpg?w=600", "/media/mill-wide.jpg"]


def test_full_page_images_from_srcset_get_their_own_lines() -> None:
    page = """<!DOCTYPE html>
<html><head><title>Orchard frost</title></head>
<body><article>
<h1>Orchard frost</h1>
<p>Growers lit small fires between the rows to keep the blossom alive overnight.</p>
<figure>
<img src="img/rows.jpg"
     srcset="img/rows-wide.jpg 2x"
     alt="Fires between the rows">
<figcaption>Fires between the rows before dawn.</figcaption>
</figure>
<p>Most of the early blossom survived, the growers' association said on Friday.</p>
</article></body></html>
"""
    article = read_html(page, "frost.html")
    caption = "Fires between the rows before dawn."
    assert article.images == [
        ImageRef(src="img/rows.jpg", line=7, caption=caption, alt="Fires between the rows",
                 position=3, placement="html"),
        ImageRef(src="img/rows-wide.jpg", line=8, caption=caption,
                 alt="Fires between the rows", position=3, placement="srcset"),
    ]


def test_a_tracking_pixel_offers_no_image_whatever_its_srcset() -> None:
    _, images = html_fragment('<img src="t.gif" srcset="t2.gif 2x" width="1" height="1">')
    assert images == []


@pytest.mark.parametrize(("value", "expected"), [
    # Commas inside a URL stay (image CDNs put transformations there).
    ("https://img.example/w_400,h_300/a.jpg 1x, https://img.example/w_800,h_600/a.jpg 2x",
     ["https://img.example/w_400,h_300/a.jpg", "https://img.example/w_800,h_600/a.jpg"]),
    # A comma straight after a URL, or after its descriptors, ends the candidate.
    ("a.jpg,b.jpg 2x", ["a.jpg,b.jpg"]),
    ("a.jpg 1x,b.jpg 2x", ["a.jpg", "b.jpg"]),
    ("a.jpg, b.jpg", ["a.jpg", "b.jpg"]),
    ("  , ,, a.jpg (future, things) 2x ,", ["a.jpg"]),
    ("", []),
])
def test_srcset_is_split_as_the_html_standard_says(value: str, expected: list[str]) -> None:
    assert [url for url, _ in srcset_candidates(value)] == expected


@pytest.mark.parametrize("value", [
    "," * 100_000,
    "a.jpg," * 50_000,
    "a.jpg 1x, " * 50_000,
    "a.jpg (" * 50_000,
    " " * 100_000,
    "{{ x" * 30_000,
])
def test_hostile_srcset_is_cheap_and_capped(value: str) -> None:
    start = time.perf_counter()
    _, images = html_fragment(f'<img src="x.jpg" srcset="{value}">')
    assert time.perf_counter() - start < 0.5
    assert len(images) <= 17  # the src and at most 16 candidates


# --- Liquid image references ---------------------------------------------------------------

@pytest.mark.parametrize(("src", "expected"), [
    ("{{ site.baseurl }}/assets/x.jpg", "/assets/x.jpg"),
    ("{{site.url}}{{site.baseurl}}/assets/x.jpg", "/assets/x.jpg"),
    ("{{- site.baseurl -}}/assets/x.jpg", "/assets/x.jpg"),
    ("{{ '/assets/x.jpg' | relative_url }}", "/assets/x.jpg"),
    ('{{ "assets/x.jpg" | absolute_url }}', "/assets/x.jpg"),
    ("{{ '/assets/x.jpg' | prepend: site.baseurl }}", "/assets/x.jpg"),
    ("{{ '/assets/x.jpg' | prepend: site.baseurl | prepend: site.url }}", "/assets/x.jpg"),
    # Nothing to resolve: kept as written.
    ("{{ page.image | relative_url }}", "{{ page.image | relative_url }}"),
    ("{{ '/x.jpg' | append: '?v=2' }}", "{{ '/x.jpg' | append: '?v=2' }}"),
    ("/assets/x.jpg", "/assets/x.jpg"),
])
def test_liquid_srcs_read_as_site_paths(src: str, expected: str) -> None:
    assert normalize_liquid_src(src) == expected


def test_liquid_srcs_in_img_and_srcset() -> None:
    _, images = html_fragment(
        '<img src="{{ site.baseurl }}/assets/cliff.jpg" alt="Cliff">'
        "<img srcset=\"{{ '/assets/cove.jpg' | relative_url }} 1x,"
        " {{ '/assets/cove@2x.jpg' | relative_url }} 2x\">")
    assert _srcs(images) == ["/assets/cliff.jpg", "/assets/cove@2x.jpg", "/assets/cove.jpg"]


def test_a_page_with_one_liquid_src_is_read_with_the_site_path() -> None:
    article = _one_article(
        "<html><body><article><h1>Cliff path reopens</h1><p>The coastal path above the cove"
        " reopened after the rockfall was cleared by volunteers.</p>"
        "<img src=\"{{ '/assets/cliff.jpg' | relative_url }}\" alt=\"Cliff\">"
        "</article></body></html>")
    assert _srcs(article.images) == ["/assets/cliff.jpg"]


# --- templates are not articles ----------------------------------------------------------

GO_LAYOUT = """{{ define "main" }}
<article class="post">
  <h1>{{ .Title }}</h1>
  {{ with .Params.image }}<img src="{{ . }}" alt="">{{ end }}
  {{ .Content }}
</article>
{{ end }}
"""

GO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>{{ partial "head.html" . }}</head>
<body>
{{- block "main" . }}{{- end }}
</body>
</html>
"""

GO_PARTIAL = """<nav><ul>
{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}
</ul></nav>
"""

LIQUID_LAYOUT = """<!DOCTYPE html>
<html lang="{{ site.lang | default: "en" }}">
{%- include head.html -%}
<body>
  <main>{{ content }}</main>
  {% include footer.html %}
</body>
</html>
"""

LIQUID_INCLUDE = """<figure class="wide">
  <img src="{{ include.src | relative_url }}" alt="{{ include.alt }}">
  <figcaption>{{ include.caption }}</figcaption>
</figure>
"""

FRONT_MATTER_PAGE = """---
layout: post
title: Tide tables for the summer
---
<p>The harbour office published the summer tide tables on Tuesday.</p>
"""


@pytest.mark.parametrize(("text", "language"), [
    (GO_LAYOUT, "Go template"), (GO_BASEOF, "Go template"), (GO_PARTIAL, "Go template"),
    (LIQUID_LAYOUT, "Liquid"), (LIQUID_INCLUDE, "Liquid"), (FRONT_MATTER_PAGE, "front matter"),
    ("+++\ntitle = 'Tide tables'\n+++\n<p>Tables.</p>\n", "front matter"),
    ("\ufeff---\r\ntitle: Tides\r\n---\r\n<p>Tables.</p>\r\n", "front matter"),
])
def test_site_templates_raise_template_file(text: str, language: str) -> None:
    with pytest.raises(TemplateFile, match=language):
        parse_article_text(text, "x.html", "html")


QUOTING_ARTICLE = """<!DOCTYPE html>
<html><head><title>How our site is built</title></head>
<body><article>
<h1>How our site is built</h1>
<p>Every story page starts from one layout; the line {{ .Title }} prints the headline and
{{ range .Pages }} walks the archive, closed by {{ end }} further down.</p>
<pre><code>{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ end }}</code></pre>
<p>The include tag, written <code>{% include footer.html %}</code>, adds the footer, and
<code>{{ page.title }}</code> the page's title.</p>
<script type="text/template">{{ if .Draft }}<p>{{ .Title }}</p>{{ end }}</script>
</article></body></html>
"""


def test_an_article_quoting_template_syntax_is_still_read() -> None:
    article = _one_article(QUOTING_ARTICLE)
    assert article.headline == "How our site is built"
    body = " ".join(b.text for b in article.blocks if b.zone == "body")
    assert "{{ .Title }} prints the headline" in body


def test_a_built_page_with_stray_braces_is_an_article() -> None:
    article = _one_article(
        "<html><body><article><h1>{{ .Title }}</h1><p>Sales rose {{ sharply in the"
        " autumn, {% the shop's owner said.</p></article></body></html>")
    assert article.headline == "{{ .Title }}"


def test_dashes_that_are_not_front_matter_do_not_make_a_template() -> None:
    assert template_reason("---\n<p>A rule drawn with dashes and no closing line.</p>") is None
    assert template_reason("--- <p>Inline dashes.</p>\n---\n") is None


def test_template_syntax_past_the_first_64_kib_is_not_looked_for() -> None:
    filler = "<p>" + "The council met again. " * 4000 + "</p>\n"
    assert template_reason(filler + GO_LAYOUT) is None
    assert template_reason(GO_LAYOUT + filler) is not None


@pytest.mark.interop
def test_no_real_news_page_is_a_template(corpus_dir: Path) -> None:
    import gzip

    pages = sorted((corpus_dir / "html-aeb" / "html").glob("*.html.gz"))
    if not pages:
        pytest.skip("no html-aeb pages")
    flagged = [p.name for p in pages
               if template_reason(gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))]
    assert flagged == []


def test_a_built_page_with_vue_interpolations_is_an_article() -> None:
    from provenance.articles import parse_article_text

    page = ("<!DOCTYPE html><html><head><title>Port strike</title></head><body>"
            '<header><span class="badge">{{ $store.getters[\'alerts/count\'] }}</span>'
            "<span>{{ $t('menu') }}</span></header><article><h1>Port strike ends</h1>"
            "<p>By Ana Reis</p><p>LISBON (Reuters) - Dockers went back to work on Monday."
            "</p></article></body></html>")
    [article] = parse_article_text(page, "strike.html", "html")
    assert article.headline == "Port strike ends"


def test_go_variables_still_mark_a_layout() -> None:
    from provenance.articles.liquid import template_reason

    layout = ('{{ $title := .Title }}\n<html><head><title>{{ $title }}</title></head>\n'
              "<body>{{ $.Site.Title }}</body></html>\n")
    assert template_reason(layout) is not None
