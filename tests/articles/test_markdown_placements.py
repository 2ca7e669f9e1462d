"""Every way a static-site Markdown page places an image, with its line, caption and position.

Each case asserts the complete list of images (src, line, caption, placement, position) and,
where a caption block is made, the blocks too.
"""

from __future__ import annotations

import time

import pytest

from provenance.articles import (
    ArticleError,
    NotAnArticle,
    PlacementSettings,
    TemplateFile,
)
from provenance.articles.markdown import read_markdown
from provenance.model import Article

Image = tuple[str, int | None, str | None, str | None, int]  # src, line, caption, placement, pos


def _read(text: str, placement: PlacementSettings | None = None) -> Article:
    return read_markdown(text, "post.md", placement)


def _images(article: Article) -> list[Image]:
    return [(i.src, i.line, i.caption, i.placement, i.position) for i in article.images]


def _blocks(article: Article) -> list[tuple[int | None, str, str, str | None]]:
    return [(b.line, b.zone, b.text, b.image) for b in article.blocks]


# --- Markdown syntax ---------------------------------------------------------------------------


MARKDOWN_CASES: list[tuple[str, str, list[Image]]] = [
    ("inline-with-title",
     "# Ferry\n\nThe ferry docked.\n\n![Ferry at the quay](img/ferry.png \"The morning ferry\")\n",
     [("img/ferry.png", 5, "The morning ferry", "markdown", 3)]),
    ("angle-bracket-destination-with-spaces",
     "# Crane\n\n![A crane](<img/new crane.png>)\n\nIt lifts twenty tonnes.\n",
     [("img/new crane.png", 3, None, "markdown", 1)]),
    ("full-reference",
     "# Tug\n\n![The tug][tug]\n\nBack in service.\n\n[tug]: img/tug.webp\n",
     [("img/tug.webp", 3, None, "markdown", 1)]),
    ("collapsed-reference",
     "# Tug\n\n![tug][]\n\nBack in service.\n\n[tug]: <img/old tug.webp>\n",
     [("img/old tug.webp", 3, None, "markdown", 1)]),
    ("shortcut-reference",
     "# Tug\n\n![tug]\n\nBack in service.\n\n[tug]: img/tug.webp 'Refitted tug'\n",
     [("img/tug.webp", 3, "Refitted tug", "markdown", 2)]),
    ("linked-image",
     "# Lighthouse\n\n[![Lighthouse](img/light.png)](https://example.org/gallery)\n\n"
     "Open again.\n",
     [("img/light.png", 3, None, "markdown", 1)]),
    ("image-inside-a-sentence",
     "# Map\n\nThe new route\nshown ![route](img/route.svg) here\nruns east.\n",
     [("img/route.svg", 4, None, "markdown", 1)]),
    ("site-absolute-src-kept-as-written",
     "![Pier](/images/pier.jpg)\n", [("/images/pier.jpg", 1, None, "markdown", 0)]),
]


@pytest.mark.parametrize(("name", "text", "images"), MARKDOWN_CASES,
                         ids=[c[0] for c in MARKDOWN_CASES])
def test_markdown_images(name: str, text: str, images: list[Image]) -> None:
    assert _images(_read(text)) == images


def test_image_line_inside_a_long_paragraph_counts_its_newlines() -> None:
    text = ("# Quay\n\nFirst line of the paragraph\nsecond line\nthird line ![a](a.png)\n"
            "fourth ![b](b.png \"two\nlines\") and\nfifth ![c](c.png)\n")
    article = _read(text)
    assert [(i.src, i.line) for i in article.images] == [("a.png", 5), ("b.png", 6),
                                                         ("c.png", 8)]
    assert _blocks(article)[1][:2] == (3, "body")


def test_lines_under_the_image_in_the_same_paragraph_are_its_caption() -> None:
    text = ("Opening words.\n![Stalls](img/stalls.jpg)\nStalls on the square at dawn.\n\n"
            "Trading starts at six.\n")
    article = _read(text)
    assert _blocks(article) == [
        (1, "body", "Opening words.", None),
        (3, "caption", "Stalls on the square at dawn.", "img/stalls.jpg"),
        (5, "body", "Trading starts at six.", None)]
    assert _images(article) == [("img/stalls.jpg", 2, "Stalls on the square at dawn.",
                                 "markdown", 2)]


def test_emphasis_on_the_image_line_is_its_caption() -> None:
    article = _read("![Net](img/net.png) _Nets drying in the sun._\n\nThe catch was small.\n")
    assert _blocks(article) == [(1, "caption", "Nets drying in the sun.", "img/net.png"),
                                (3, "body", "The catch was small.", None)]
    assert _images(article) == [("img/net.png", 1, "Nets drying in the sun.", "markdown", 1)]


# --- raw HTML ------------------------------------------------------------------------------------


def test_html_img_block_takes_an_emphasised_caption_after_it() -> None:
    article = _read("# Pier\n\n<img src=\"img/pier.png\" alt=\"Pier\">\n\n*The pier at noon.*\n")
    assert _images(article) == [("img/pier.png", 3, "The pier at noon.", "html", 2)]
    assert _blocks(article)[1] == (5, "caption", "The pier at noon.", "img/pier.png")


def test_figure_block_with_figcaption() -> None:
    text = ("# Pier\n\n<figure>\n  <img src=\"img/pier.png\" alt=\"Pier\">\n\n"
            "  <figcaption>Stalls line the pier.</figcaption>\n</figure>\n\nAfter.\n")
    article = _read(text)
    assert _images(article) == [("img/pier.png", 4, "Stalls line the pier.", "html", 2)]
    assert _blocks(article) == [(1, "headline", "Pier", None),
                                (6, "caption", "Stalls line the pier.", "img/pier.png"),
                                (9, "body", "After.", None)]


def test_picture_block_gives_one_image_per_file() -> None:
    # Each file keeps the line that names it; all share the position (and any caption).
    text = ("# Quay\n\n<picture>\n<source srcset=\"img/quay.avif 1x, img/quay-2x.avif 2x\">\n"
            "<img src=\"img/quay.jpg\" alt=\"Quay\">\n</picture>\n\nBoats moored overnight.\n")
    article = _read(text)
    assert _images(article) == [("img/quay.jpg", 5, None, "html", 1),
                                ("img/quay.avif", 4, None, "html", 1),
                                ("img/quay-2x.avif", 4, None, "html", 1)]
    assert _blocks(article)[1] == (8, "body", "Boats moored overnight.", None)


def test_inline_img_with_srcset_largest_first_and_same_file_once() -> None:
    text = ("# Quay\n\nTwo sizes <img srcset=\"img/s.jpg 400w, img/l.png 1200w, "
            "img/l.png?v=2 1600w\" alt=\"Quay\"> are served.\n")
    article = _read(text)
    assert _images(article) == [("img/l.png?v=2", 3, None, "html", 1),
                                ("img/s.jpg", 3, None, "srcset", 1)]
    assert _blocks(article)[1] == (3, "body", "Two sizes are served.", None)


# --- Hugo shortcodes ---------------------------------------------------------------------------


def test_figure_shortcode_caption_and_credit_make_a_caption_block() -> None:
    text = ("# Boats\n\nThe fleet left early.\n\n"
            "{{< figure src=\"/images/boats.png\" caption=\"Boats leave at *dawn*.\" "
            "attr=\"Photo: Ines Varga\" alt=\"Boats\" >}}\n\nThe catch was small.\n")
    article = _read(text)
    caption = "Boats leave at dawn. — Photo: Ines Varga"
    assert _images(article) == [("/images/boats.png", 5, caption, "shortcode", 3)]
    assert article.images[0].alt == "Boats"
    assert _blocks(article) == [(1, "headline", "Boats", None),
                                (3, "body", "The fleet left early.", None),
                                (5, "caption", caption, "/images/boats.png"),
                                (7, "body", "The catch was small.", None)]


def test_percent_shortcode_over_lines_uses_its_title() -> None:
    text = ("# Nets\n\n{{% figure\n   src=`/images/nets.webp`\n   title=\"Nets drying\" %}}\n\n"
            "The weather held.\n")
    article = _read(text)
    assert _images(article) == [("/images/nets.webp", 4, "Nets drying", "shortcode", 2)]
    assert _blocks(article)[1] == (5, "caption", "Nets drying", "/images/nets.webp")


def test_positional_shortcode_src_then_caption() -> None:
    article = _read("Gulls gathered.\n\n{{< img \"/images/gulls.png\" \"Gulls circle.\" >}}\n")
    assert _images(article) == [("/images/gulls.png", 3, "Gulls circle.", "shortcode", 2)]
    assert _blocks(article)[1] == (3, "caption", "Gulls circle.", "/images/gulls.png")


def test_shortcode_without_caption_waits_for_an_emphasised_one() -> None:
    article = _read("{{< figure src=/images/mast.jpg >}}\n\n*The mast after the storm.*\n")
    assert _images(article) == [("/images/mast.jpg", 1, "The mast after the storm.",
                                 "shortcode", 1)]


def test_configured_shortcode_every_image_parameter_counts() -> None:
    placement = PlacementSettings(shortcodes=("gallery",))
    text = "{{< gallery first=\"/g/one.jpg\" second=/g/two.HEIC?w=300 label=\"Harbour\" >}}\n"
    assert _images(_read(text, placement)) == [
        ("/g/one.jpg", 1, None, "shortcode", 0), ("/g/two.HEIC?w=300", 1, None, "shortcode", 0)]
    # Not a configured shortcode: only a src= parameter places an image.
    assert _images(_read(text)) == []
    assert _images(_read("{{< banner src=\"/b/top.gif\" >}}\n")) == [
        ("/b/top.gif", 1, None, "shortcode", 0)]


def test_shortcode_inside_a_sentence_sits_in_its_block() -> None:
    article = _read("Look {{< img \"/i/buoy.png\" \"A buoy\" >}} at the buoy.\n")
    assert _images(article) == [("/i/buoy.png", 1, "A buoy", "shortcode", 0)]
    assert _blocks(article) == [(1, "body", "Look at the buoy.", None)]


def test_escaped_and_closing_shortcodes_place_nothing() -> None:
    article = _read("{{</* figure src=\"/x.png\" */>}}\n\n{{< /figure >}}\n")
    assert article.images == []


# --- Jekyll includes and Liquid ---------------------------------------------------------------


def test_include_with_image_caption_and_alt() -> None:
    text = ("# Quay\n\n{% include figure.html image=\"/assets/quay.jpg\" caption=\"The quay at "
            "night.\" alt=\"Quay\" %}\n\nResidents welcomed the lights.\n")
    article = _read(text)
    assert _images(article) == [("/assets/quay.jpg", 3, "The quay at night.", "include", 2)]
    assert _blocks(article)[1] == (3, "caption", "The quay at night.", "/assets/quay.jpg")


@pytest.mark.parametrize("tag", [
    "{% include figure image_path='/assets/a.png' alt='Stalls on the square' %}",
    "{%- include_relative fig.html src=\"/assets/a.png\" title=\"Stalls on the square\" -%}",
    "{% include img.html url=/assets/a.png caption=\"Stalls on the square\" %}",
])
def test_include_parameter_forms(tag: str) -> None:
    assert _images(_read(tag + "\n")) == [
        ("/assets/a.png", 1, "Stalls on the square", "include", 1)]


def test_other_liquid_tags_are_markup_not_images_or_text() -> None:
    article = _read("{% if page.show %}\nShown text.\n{% endif %}\n")
    assert (article.images, _blocks(article)) == ([], [(2, "body", "Shown text.", None)])


@pytest.mark.parametrize(("text", "src", "placement"), [
    ("![Stalls]({{ site.baseurl }}/assets/stalls.png)", "/assets/stalls.png", "markdown"),
    ("![Stalls]({{ site.url }}{{ site.baseurl }}/assets/s.png)", "/assets/s.png", "markdown"),
    ("![Pool]({{ '/assets/pool.png' | relative_url }})", "/assets/pool.png", "markdown"),
    ("![Pool]({{ \"assets/pool.png\" | absolute_url }})", "/assets/pool.png", "markdown"),
    ("![Pool]({{ '/assets/pool.png' | prepend: site.baseurl }})", "/assets/pool.png",
     "markdown"),
    ("<img src=\"{{ site.baseurl }}/assets/auction.png\" alt=\"Auction\">",
     "/assets/auction.png", "html"),
    ("{% include figure.html image=\"{{ site.baseurl }}/assets/quay.png\" %}",
     "/assets/quay.png", "include"),
])
def test_liquid_urls_become_site_paths(text: str, src: str, placement: str) -> None:
    article = _read("---\ntitle: Liquid\n---\n\n" + text + "\n")
    assert _images(article) == [(src, 5, None, placement, 1)]


# --- front matter ------------------------------------------------------------------------------


def test_front_matter_hero_sits_next_to_the_first_paragraph() -> None:
    text = ("---\ntitle: Warehouse\nimage: /assets/warehouse.png\n---\n\n"
            "By Ada Kerr\n\nThe warehouse becomes a museum.\n")
    article = _read(text)
    assert _images(article) == [("/assets/warehouse.png", 3, None, "front-matter", 1)]
    assert _blocks(article) == [(2, "headline", "Warehouse", None),
                                (6, "meta", "By Ada Kerr", None),
                                (8, "body", "The warehouse becomes a museum.", None)]


def test_cover_caption_is_a_caption_block_under_the_headline() -> None:
    text = ("---\ntitle: Future quay\ndescription: Plans were shared.\ncover:\n"
            "  image: /images/quay.png\n  caption: \"An AI-generated impression.\"\n"
            "images: [/images/quay.png, /images/second.jpg]\n---\nPlanners met on Monday.\n")
    article = _read(text)
    assert _images(article) == [
        ("/images/quay.png", 7, "An AI-generated impression.", "front-matter", 2),
        ("/images/second.jpg", 7, None, "front-matter", 2)]
    assert _blocks(article) == [
        (2, "headline", "Future quay", None),
        (6, "caption", "An AI-generated impression.", "/images/quay.png"),
        (3, "standfirst", "Plans were shared.", None),
        (9, "body", "Planners met on Monday.", None)]


def test_header_image_description_and_table_fields() -> None:
    text = ("---\ntitle: Boatyard\nheader:\n  image: /assets/yard.png\n"
            "  image_description: Apprentices at work\nfeatured_image:\n"
            "  src: /assets/feature.webp\n  caption: The yard from the water\ncover: true\n"
            "---\n# Boatyard\n\nFour apprentices started.\n")
    article = _read(text)
    assert _images(article) == [
        ("/assets/feature.webp", 7, "The yard from the water", "front-matter", 3),
        ("/assets/yard.png", 4, "Apprentices at work", "front-matter", 3)]
    assert [b.zone for b in article.blocks] == ["headline", "caption", "caption", "body"]


def test_field_captions_and_custom_fields() -> None:
    placement = PlacementSettings(image_fields=("photo.file",))
    text = ("+++\ntitle = \"Rope works\"\n[photo]\nfile = \"/p/rope.jpg\"\ncaption = \"Rope\"\n"
            "+++\nTwelve people work there.\n")
    assert _images(_read(text, placement)) == [("/p/rope.jpg", 4, "Rope", "front-matter", 2)]
    assert _images(_read(text)) == []
    text = ("---\nthumbnail: https://cdn.example.org/t\nthumbnail_caption: Harbour at dusk\n"
            "hero: not-a-picture\n---\nText.\n")
    assert _images(_read(text)) == [
        ("https://cdn.example.org/t", 2, "Harbour at dusk", "front-matter", 1)]


# --- line numbers under every front matter ----------------------------------------------------


@pytest.mark.parametrize("front", [
    "---\ntitle: Pier\nimage: /h.png\n---",
    "+++\ntitle = \"Pier\"\nimage = \"/h.png\"\n+++",
    "{\n  \"title\": \"Pier\",\n  \"image\": \"/h.png\"\n}",
])
def test_lines_count_the_front_matter(front: str) -> None:
    text = front + "\n\nFirst paragraph.\n\n![Pier](pier.png)\n*The pier.*\n"
    article = _read(text)
    assert article.headline == "Pier"
    assert _images(article) == [("/h.png", 3, None, "front-matter", 1),
                                ("pier.png", 8, "The pier.", "markdown", 3)]
    assert [(b.line, b.zone) for b in article.blocks] == [(2, "headline"), (6, "body"),
                                                          (9, "caption")]


def test_json_front_matter_errors_and_plain_braces() -> None:
    with pytest.raises(ArticleError, match="malformed JSON front matter at line 3 column 1"):
        _read("{\n  \"title\": \n}\nBody.\n")
    article = _read("{{< figure src=\"/f.png\" >}}\n")  # a shortcode, not JSON
    assert _images(article) == [("/f.png", 1, None, "shortcode", 0)]


# --- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n"
    "draft: true\n---\n",
    "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\n"
    "date = {{ .Date }}\n+++\n",
    "---\nlayout: post\ntags: {% for t in page.tags %}{{ t }}{% endfor %}\n---\n",
    "{\n  \"date\": {{ .Date }}\n}\n",
])
def test_archetype_front_matter_is_a_template_file(text: str) -> None:
    with pytest.raises(TemplateFile):
        _read(text)
    assert issubclass(TemplateFile, NotAnArticle)


def test_malformed_front_matter_without_templates_is_still_an_error() -> None:
    with pytest.raises(ArticleError, match="malformed YAML front matter at front matter line"):
        _read("---\ntitle: Pier\ndate: [2026\n---\nBody.\n")


# --- never images --------------------------------------------------------------------------------


def test_code_escapes_and_code_shortcodes_hold_no_images() -> None:
    text = ("# Docs\n\n    ![indented](a.png)\n\n```markdown\n![fenced](b.png)\n"
            "{{< figure src=\"/c.png\" >}}\n```\n\n"
            "Use `![inline](d.png)` or \\![escaped](e.png).\n\n"
            "{% highlight markdown %}\n![liquid](f.png)\n{% endhighlight %}\n\n"
            "{{< highlight go >}}\n{{< figure src=\"/g.png\" >}}\n{{< /highlight >}}\n\nEnd.\n")
    article = _read(text)
    assert article.images == []
    assert _blocks(article) == [
        (1, "headline", "Docs", None),
        (10, "body", "Use ![inline](d.png) or !escaped.", None),
        (20, "body", "End.", None)]


# --- credits after the last image --------------------------------------------------------------


@pytest.mark.parametrize("credit", [
    "(With inputs from agencies.)", "(Reporting by Ines Varga; Editing by Tom Hale)",
    "With inputs from PTI", "_(With inputs from Reuters)_",
])
def test_credit_line_after_the_last_image_is_body(credit: str) -> None:
    text = f"# Port\n\nShips waited offshore.\n\n![Ships](img/ships.png)\n\n{credit}\n"
    article = _read(text)
    assert _blocks(article)[-1] == (7, "body", credit.strip("_"), None)
    assert _images(article) == [("img/ships.png", 5, None, "markdown", 2)]


def test_photo_credit_after_an_image_stays_its_caption() -> None:
    article = _read("![Ships](img/ships.png)\n\nPhoto: Harbour Photo Agency\n")
    assert _blocks(article) == [(3, "caption", "Photo: Harbour Photo Agency", "img/ships.png")]


# --- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["{{<", "![", "{%", "[", "{{ '"])
def test_megabyte_line_of_openers_is_read_quickly(unit: str) -> None:
    line = unit * ((1_000_000 - 1) // len(unit))
    started = time.perf_counter()
    article = _read("# Title\n\n" + line + "\n")
    assert time.perf_counter() - started < 20  # linear: a few seconds; quadratic: hours
    assert [b.zone for b in article.blocks] == ["headline", "body"]
    assert article.images == []


def test_many_small_placements_stay_linear() -> None:
    started = time.perf_counter()
    article = _read("{{< figure src=a.png >}}" * 20_000 + "\n")
    assert time.perf_counter() - started < 20
    assert len(article.images) == 20_000


def test_a_hero_the_body_places_too_is_one_image() -> None:
    text = ("---\ntitle: Storm\nfeatured_image: /img/storm.png\n---\n\nWaves topped the wall.\n\n"
            '{{< figure src="/img/storm.png" title="The promenade under water" >}}\n')
    article = read_markdown(text, "storm.md")
    assert [(i.src, i.placement, i.line) for i in article.images] == [
        ("/img/storm.png", "shortcode", 8)]
