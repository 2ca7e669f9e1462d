"""Hugo and Jekyll projects written at test time, laid out as real ones are.

Every way a page of such a site places an image appears once with an undisclosed
AI-generated picture (AID001), beside a disclosed one, a page whose only disclosure stands
away from its two AI pictures (AID003) and a camera photo that carries GPS (IMG005). Each
project also holds what is not content — templates, an archetype, a README, build output,
a .gitignore — none of which may be audited. The texts are this project's own.
"""

from __future__ import annotations

from pathlib import Path

from tests.images.builders import exif_bytes, write_jpeg, write_png

A1111 = ("harbour lights at dusk, oil painting\nNegative prompt: blurry\n"
         "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 16x12, Model: quayxl")

BYLINE = "By Marta Quinn"
CREDIT = "(With inputs from agencies.)"
DISCLOSED = "This illustration was generated with AI and does not show a real scene."

# What each project must report, by (image file name, rule): the same in the source tree
# and in the built site.
HUGO_EXPECTED = {
    ("ai-figure.png", "AID001"), ("ai-percent.png", "AID001"),
    ("ai-positional.png", "AID001"), ("ai-hero.png", "AID001"),
    ("ai-linked.png", "AID001"), ("ai crane.png", "AID001"), ("ai-ref.png", "AID001"),
    ("ai-raw.png", "AID001"), ("ai-srcset.png", "AID001"), ("ai-url.png", "AID001"),
    ("ai-bundle.png", "AID001"), ("ai-two-a.png", "AID003"), ("ai-two-b.png", "AID003"),
    ("gps-wall.jpg", "IMG005"),
}
JEKYLL_EXPECTED = {
    ("ai-include.png", "AID001"), ("ai-liquid.png", "AID001"), ("ai-relurl.png", "AID001"),
    ("ai-hero.png", "AID001"), ("ai-html.png", "AID001"), ("ai-header.png", "AID001"),
    ("gps-quay.jpg", "IMG005"),
}


def put(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ai_png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_png(path, text={"parameters": A1111})


def gps_jpeg(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_jpeg(path, exif=exif_bytes(make="Nikon", model="Z 6", artist="Marta Quinn",
                                            taken="2026:03:01 09:00:00", gps=(38.7, -9.1)))


def post(front: str, body: str) -> str:
    """A Markdown post: YAML front matter, a byline, the body, the closing credit."""
    return f"---\n{front.strip()}\ndate: 2026-03-01T10:00:00+00:00\n---\n\n{BYLINE}\n\n" \
           f"{body.strip()}\n\nThe harbour office said work would go on through the week.\n\n" \
           f"{CREDIT}\n"


# ------------------------------------------------------------------------------ Hugo

HUGO_LAYOUT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><nav><a href="/">Harbour Desk</a></nav></header>
<main><article>
<h1>{{ .Title }}</h1>
{{ with .Params.images }}<figure><img src="{{ index . 0 }}" alt=""></figure>{{ end }}
{{ with .Params.cover }}<figure><img src="{{ .image }}" alt="">
<figcaption>{{ .caption }}</figcaption></figure>{{ end }}
{{ .Content }}
</article></main>
<footer><p>Harbour Desk, a test site.</p></footer></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">
{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""
HUGO_IMG_SHORTCODE = """<figure><img src="{{ .Get 0 }}" alt="">
<figcaption>{{ .Get 1 }}</figcaption></figure>
"""

HUGO_POSTS = {
    "figure.md": ('title: "Boats leave at dawn"',
                  'The fleet left early.\n\n'
                  '{{< figure src="/images/ai-figure.png" caption="Boats leave the harbour '
                  'at dawn." >}}\n\nThe catch was small.'),
    "figure-percent.md": ('title: "Nets on the quay"',
                          'Nets were laid out to dry.\n\n'
                          '{{% figure src="/images/ai-percent.png" title="Nets drying on the '
                          'quay" %}}\n\nThe weather held.'),
    "positional.md": ('title: "Gulls over the pier"',
                      'Gulls gathered over the pier.\n\n'
                      '{{< img "/images/ai-positional.png" "Gulls circle the pier." >}}\n\n'
                      'Fishermen shooed them away.'),
    "disclosed.md": ('title: "A harbour that never was"',
                     'Our artist imagined the harbour in a hundred years.\n\n'
                     f'{{{{< figure src="/images/ai-disclosed.png" caption="{DISCLOSED}" >}}}}'
                     '\n\nThe plan is still a draft.'),
    "hero.md": ('title: "Crane repairs"\nimages: ["/images/ai-hero.png"]',
                'The harbour crane is being repaired.'),
    "cover.md": ('title: "Cover story"\ncover:\n  image: "/images/ai-cover.png"\n'
                 f'  caption: "{DISCLOSED}"',
                 'The cover shows what the new quay could look like.'),
    "linked.md": ('title: "Lighthouse gallery"',
                  'The lighthouse was repainted.\n\n'
                  '[![Lighthouse](/images/ai-linked.png)](https://harbour.example.org/gallery/)'
                  '\n\nVisitors may climb it again from May.'),
    "angle.md": ('title: "A new crane"',
                 'A new crane arrived by barge.\n\n![Crane](</images/ai crane.png>)\n\n'
                 'It will lift containers from June.'),
    "reference.md": ('title: "The tug"',
                     'The tug was refitted over the winter.\n\n![Tug][tug]\n\n'
                     'It returns to service next week.\n\n[tug]: /images/ai-ref.png'),
    "raw-html.md": ('title: "Pier at noon"',
                    'The pier was busy at noon.\n\n<figure>\n'
                    '<img src="/images/ai-raw.png" alt="Pier">\n'
                    '<figcaption>The pier at noon.</figcaption>\n</figure>\n\n'
                    'Stalls sold grilled fish.'),
    "srcset.md": ('title: "Quay renderings"',
                  'Two sizes of the same picture are served.\n\n'
                  '<img src="/images/photo-small.jpg" srcset="/images/photo-small.jpg 400w, '
                  '/images/ai-srcset.png 1200w" alt="Quay">\n\nThe larger one is for wide '
                  'screens.'),
    "own-url.md": ('title: "Ferry timetable"',
                   'The ferry keeps its winter timetable.\n\n'
                   '![Ferry](https://harbour.example.org/images/ai-url.png)\n\n'
                   'Summer sailings start in June.'),
    "gps.md": ('title: "Sea wall"',
               'The sea wall held during the storm.\n\n![Sea wall](/images/gps-wall.jpg)\n'
               '*The sea wall the morning after the storm.*\n\nEngineers will inspect it.'),
    "two.md": ('title: "Two harbours"',
               f'{DISCLOSED}\n\nThe council compared two designs.\n\n'
               'The first keeps the old breakwater.\n\n'
               '{{< figure src="/images/ai-two-a.png" caption="Design one." >}}\n\n'
               'The second moves the quay east.\n\n'
               '{{< figure src="/images/ai-two-b.png" caption="Design two." >}}\n\n'
               'A vote is due in April.'),
}


def hugo_project(root: Path) -> Path:
    """A Hugo site: config, content with a page bundle, static images, templates, an
    archetype, a README and a .gitignore'd public/."""
    put(root, "hugo.toml", 'baseURL = "https://harbour.example.org/"\ntitle = "Harbour Desk"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        '[markup.goldmark.renderer]\nunsafe = true\n')
    put(root, ".gitignore", "public/\nresources/\n.hugo_build.lock\n")
    put(root, "README.md", "# Harbour Desk\n\nHow to build this site: run hugo.\n")
    put(root, "archetypes/default.md",
        '---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n')
    put(root, "layouts/_default/single.html", HUGO_LAYOUT)
    put(root, "layouts/_default/list.html", HUGO_LIST)
    put(root, "layouts/index.html", HUGO_LIST)
    put(root, "layouts/shortcodes/img.html", HUGO_IMG_SHORTCODE)
    for name, (front, body) in HUGO_POSTS.items():
        put(root, f"content/posts/{name}", post(front, body))
    put(root, "content/posts/bundle/index.md",
        post('title: "Rope works"', 'The rope works reopened.\n\n![Rope](ai-bundle.png)\n\n'
             'Twelve people work there.'))
    ai_png(root / "content/posts/bundle/ai-bundle.png")
    for name in ("ai-figure", "ai-percent", "ai-positional", "ai-disclosed", "ai-hero",
                 "ai-cover", "ai-linked", "ai crane", "ai-ref", "ai-raw", "ai-srcset",
                 "ai-url", "ai-two-a", "ai-two-b"):
        ai_png(root / f"static/images/{name}.png")
    write_jpeg(root / "static/images/photo-small.jpg",
               exif=exif_bytes(make="Nikon", model="Z 6", artist="Marta Quinn"))
    gps_jpeg(root / "static/images/gps-wall.jpg")
    return root


# ------------------------------------------------------------------------------ Jekyll

JEKYLL_POSTS = {
    "2026-03-01-include.md": ('title: "Quay at night"',
                              'The quay lights were switched on.\n\n'
                              '{% include figure.html image="/assets/img/ai-include.png" '
                              'caption="The quay at night." alt="Quay" %}\n\n'
                              'Residents welcomed them.'),
    "2026-03-02-liquid.md": ('title: "Market stalls"',
                             'Market stalls returned to the square.\n\n'
                             '![Stalls]({{ site.baseurl }}/assets/img/ai-liquid.png)\n\n'
                             'Twenty traders signed up.'),
    "2026-03-03-relurl.md": ('title: "Harbour pool"',
                             'The harbour pool opens in summer.\n\n'
                             "![Pool]({{ '/assets/img/ai-relurl.png' | relative_url }})\n\n"
                             'Tickets go on sale in May.'),
    "2026-03-04-hero.md": ('title: "Old warehouse"\nimage: /assets/img/ai-hero.png',
                           'The old warehouse will become a museum.'),
    "2026-03-05-header.md": ('title: "Boatyard"\nheader:\n  image: /assets/img/ai-header.png',
                             'The boatyard took on four apprentices.'),
    "2026-03-06-html.md": ('title: "Fish auction"',
                           'The fish auction moved indoors.\n\n'
                           '<img src="{{ site.baseurl }}/assets/img/ai-html.png" alt="Auction">'
                           '\n\nBidding starts at six.'),
    "2026-03-07-disclosed.md": ('title: "Future quay"',
                                'Planners shared a picture of the future quay.\n\n'
                                '{% include figure.html image="/assets/img/ai-disclosed.png" '
                                f'caption="{DISCLOSED}" %}}\n\nConsultation ends in May.'),
    "2026-03-08-gps.md": ('title: "Quay wall"',
                          'The quay wall was rebuilt.\n\n![Quay wall](/assets/img/gps-quay.jpg)'
                          '\n*The rebuilt quay wall.*\n\nIt cost less than planned.'),
}


def jekyll_project(root: Path) -> Path:
    """A Jekyll site with a baseurl: posts, includes, layouts, assets and a built _site/."""
    put(root, "_config.yml", 'title: Quay News\nurl: "https://quay.example.com"\n'
        'baseurl: "/news"\nmarkdown: kramdown\n')
    put(root, "Gemfile", 'source "https://rubygems.org"\ngem "jekyll"\n')
    put(root, "README.md", "# Quay News\n\nBuild with bundle exec jekyll build.\n")
    put(root, "_layouts/post.html", "<html><body><h1>{{ page.title }}</h1>{{ content }}"
        "</body></html>\n")
    put(root, "_includes/figure.html",
        '<figure><img src="{{ include.image | relative_url }}" alt="{{ include.alt }}">'
        "<figcaption>{{ include.caption }}</figcaption></figure>\n")
    put(root, "_site/index.html", "<html><body><h1>Quay News</h1></body></html>\n")
    put(root, "index.html", "---\nlayout: home\n---\n{% for post in site.posts %}"
        "<a href=\"{{ post.url | relative_url }}\">{{ post.title }}</a>{% endfor %}\n")
    for name, (front, body) in JEKYLL_POSTS.items():
        put(root, f"_posts/{name}", post(front, body))
    for name in ("ai-include", "ai-liquid", "ai-relurl", "ai-hero", "ai-header", "ai-html",
                 "ai-disclosed"):
        ai_png(root / f"assets/img/{name}.png")
    gps_jpeg(root / "assets/img/gps-quay.jpg")
    return root
