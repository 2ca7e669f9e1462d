"""Site layouts: detection, where ``/x`` and the site's own URLs lead, what a walk skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.paths import project_root, resolve_reference
from provenance.site import Detector, SiteMap, configured_site, normalise_url
from provenance.walk import Selection, walk


def put(root: Path, rel: str, text: str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sites_of(root: Path, *rels: str) -> SiteMap:
    detector = Detector(root)
    for rel in rels:
        detector.chain(rel)
    return detector.site_map()


def resolve(root: Path, src: str, article: str, sites: SiteMap,
            placement: str | None = None) -> tuple[str, str | None]:
    where = resolve_reference(src, root / article, root, sites, article, placement)
    return where.status, where.rel


# ------------------------------------------------------------------------------ Hugo


@pytest.fixture()
def hugo(tmp_path: Path) -> Path:
    put(tmp_path, "hugo.toml", 'baseURL = "https://news.example.org/desk/"\n'
        'title = "Harbour desk"\ntheme = "paper"\n')
    put(tmp_path, "content/posts/tide.md", "# Tide\n")
    put(tmp_path, "static/images/tide.jpg", "x")
    put(tmp_path, "assets/images/chart.png", "x")
    put(tmp_path, "themes/paper/static/logo.png", "x")
    put(tmp_path, "content/posts/bundle/index.md", "# Bundle\n")
    put(tmp_path, "content/posts/bundle/photo.jpg", "x")
    return tmp_path


def test_hugo_is_detected_with_its_web_roots_and_base_url(hugo: Path) -> None:
    site = sites_of(hugo, "content/posts").site_for("content/posts/tide.md")
    assert site is not None and site.kind == "hugo"
    assert site.web_roots == ("static", "assets", "themes/paper/static", "content")
    assert site.base_urls == (("https://news.example.org/desk/", "static"),)
    assert site.base_path == "/desk/"
    assert dict(site.skip)["layouts"] == "Hugo templates"
    assert dict(site.skip)["public"] == "Hugo's build output"


def test_hugo_site_absolute_references_resolve_in_web_root_order(hugo: Path) -> None:
    sites = sites_of(hugo, "content/posts")
    page = "content/posts/tide.md"
    assert resolve(hugo, "/images/tide.jpg", page, sites) == ("ok", "static/images/tide.jpg")
    assert resolve(hugo, "/images/chart.png", page, sites) == ("ok", "assets/images/chart.png")
    assert resolve(hugo, "/logo.png", page, sites) == ("ok", "themes/paper/static/logo.png")
    # A bundle's resource by its site path, and the base path taken off first.
    assert resolve(hugo, "/posts/bundle/photo.jpg", page, sites) == (
        "ok", "content/posts/bundle/photo.jpg")
    assert resolve(hugo, "/desk/images/tide.jpg", page, sites) == (
        "ok", "static/images/tide.jpg")
    # Missing everywhere: missing in the first web root (IMG001), never outside the root.
    assert resolve(hugo, "/images/gone.jpg", page, sites) == ("missing", "static/images/gone.jpg")
    # ".." stops at the web root, as on a web server.
    assert resolve(hugo, "/../../hugo.toml", page, sites) == ("missing", "static/hugo.toml")


def test_hugo_own_urls_resolve_other_origins_stay_remote(hugo: Path) -> None:
    sites = sites_of(hugo, "content/posts")
    page = "content/posts/tide.md"
    assert resolve(hugo, "https://news.example.org/desk/images/tide.jpg", page, sites) == (
        "ok", "static/images/tide.jpg")
    assert resolve(hugo, "//news.example.org/desk/images/tide.jpg", page, sites) == (
        "ok", "static/images/tide.jpg")
    assert resolve(hugo, "http://NEWS.example.org:80/desk/images/tide.jpg", page, sites) == (
        "ok", "static/images/tide.jpg")
    assert resolve(hugo, "https://cdn.example.net/images/tide.jpg", page, sites) == (
        "remote", None)
    assert resolve(hugo, "https://news.example.org/other/tide.jpg", page, sites) == (
        "remote", None)


def test_front_matter_paths_fall_back_to_web_roots(hugo: Path) -> None:
    sites = sites_of(hugo, "content/posts")
    page = "content/posts/tide.md"
    assert resolve(hugo, "images/tide.jpg", page, sites, "front-matter") == (
        "ok", "static/images/tide.jpg")
    # An inline relative reference means the page's own folder, as a browser reads it.
    assert resolve(hugo, "images/tide.jpg", page, sites, "markdown") == (
        "missing", "content/posts/images/tide.jpg")
    assert resolve(hugo, "photo.jpg", "content/posts/bundle/index.md", sites) == (
        "ok", "content/posts/bundle/photo.jpg")


def test_symlinks_out_of_the_root_are_refused_through_web_roots(
        hugo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.jpg"
    outside.write_text("x")
    os.symlink(outside, hugo / "static" / "images" / "secret.jpg")
    sites = sites_of(hugo, "content/posts")
    assert resolve(hugo, "/images/secret.jpg", "content/posts/tide.md", sites) == (
        "outside-root", None)


def test_no_site_means_an_absolute_path_is_refused(tmp_path: Path) -> None:
    put(tmp_path, "news/a.md", "# A\n")
    sites = sites_of(tmp_path, "news")
    assert resolve(tmp_path, "/etc/passwd", "news/a.md", sites) == ("outside-root", None)
    assert resolve(tmp_path, "/images/x.jpg", "news/a.md", sites) == ("outside-root", None)


# ------------------------------------------------------------------------------ Jekyll


def test_jekyll_baseurl_and_url(tmp_path: Path) -> None:
    put(tmp_path, "_config.yml", 'title: Quay\nurl: "https://quay.example.com"\n'
        'baseurl: "/blog"\n')
    put(tmp_path, "_posts/2026-01-02-ferry.md", "# Ferry\n")
    put(tmp_path, "assets/img/ferry.jpg", "x")
    sites = sites_of(tmp_path, "_posts")
    site = sites.site_for("_posts/2026-01-02-ferry.md")
    assert site is not None and (site.kind, site.web_roots) == ("jekyll", ("",))
    page = "_posts/2026-01-02-ferry.md"
    for src in ("/assets/img/ferry.jpg", "/blog/assets/img/ferry.jpg",
                "https://quay.example.com/blog/assets/img/ferry.jpg",
                "{{ site.baseurl }}/assets/img/ferry.jpg",
                "{{ '/assets/img/ferry.jpg' | relative_url }}"):
        assert resolve(tmp_path, src, page, sites) == ("ok", "assets/img/ferry.jpg"), src
    assert {"_layouts", "_includes", "_site", "vendor"} <= set(dict(site.skip))


# --------------------------------------------------------------------- built, mirrored


def test_built_site_maps_slash_to_its_top_folder(tmp_path: Path) -> None:
    put(tmp_path, "public/index.html", "<h1>Home</h1>")
    put(tmp_path, "public/posts/tide/index.html", "<h1>Tide</h1>")
    put(tmp_path, "public/images/tide.jpg", "x")
    sites = sites_of(tmp_path, "public/posts/tide")
    page = "public/posts/tide/index.html"
    site = sites.site_for(page)
    assert site is not None and (site.folder, site.kind) == ("public", "built")
    assert resolve(tmp_path, "/images/tide.jpg", page, sites) == ("ok", "public/images/tide.jpg")


def test_mirror_host_folders_are_origins(tmp_path: Path) -> None:
    put(tmp_path, "www.example.com/news/tide.html", "<h1>Tide</h1>")
    put(tmp_path, "www.example.com/images/tide.jpg", "x")
    put(tmp_path, "cdn.example.com/media/chart.png", "x")
    detector = Detector(tmp_path)
    detector.chain("www.example.com/news")
    detector.chain("cdn.example.com/media")
    sites = detector.site_map()
    page = "www.example.com/news/tide.html"
    assert resolve(tmp_path, "/images/tide.jpg", page, sites) == (
        "ok", "www.example.com/images/tide.jpg")
    assert resolve(tmp_path, "https://www.example.com/images/tide.jpg", page, sites) == (
        "ok", "www.example.com/images/tide.jpg")
    assert resolve(tmp_path, "https://cdn.example.com/media/chart.png", page, sites) == (
        "ok", "cdn.example.com/media/chart.png")
    assert resolve(tmp_path, "https://elsewhere.example.com/a.png", page, sites) == (
        "remote", None)


def test_configured_site_replaces_web_roots_and_maps_urls(tmp_path: Path) -> None:
    put(tmp_path, "web/img/a.jpg", "x")
    put(tmp_path, "media/b.jpg", "x")
    put(tmp_path, "articles/x.md", "# X\n")
    configured = configured_site(
        {"web_roots": ["web", "../outside"],
         "base_urls": {"https://cdn.example.com/media/": "media"}}, tmp_path, tmp_path)
    assert configured is not None and configured.web_roots == ("web",)
    sites = SiteMap({}, configured)
    assert resolve(tmp_path, "/img/a.jpg", "articles/x.md", sites) == ("ok", "web/img/a.jpg")
    assert resolve(tmp_path, "https://cdn.example.com/media/b.jpg", "articles/x.md",
                   sites) == ("ok", "media/b.jpg")
    assert normalise_url("HTTPS://Example.COM:443/a") == "https://example.com/a/"


# ------------------------------------------------------------------------------ walk


def test_walk_skips_templates_output_ignored_and_excluded(hugo: Path) -> None:
    put(hugo, "README.md", "# About this repository\n")
    put(hugo, "archetypes/default.md", "---\ndate: {{ .Date }}\n---\n")
    put(hugo, "layouts/_default/single.html", "{{ define \"main\" }}{{ end }}")
    put(hugo, "public/index.html", "<h1>Home</h1>")
    put(hugo, "drafts/wip.md", "# Draft\n")
    put(hugo, "content/posts/notes.txt", "scratch")
    put(hugo, ".gitignore", "drafts/\n*.txt\n")
    result = walk([hugo], hugo, selection=Selection(extend_exclude=["content/posts/bundle/"]))
    assert [f.rel for f in result.found] == [
        "assets/images/chart.png", "content/posts/tide.md", "static/images/tide.jpg"]
    skipped = dict(result.skipped)
    assert skipped["README.md"] == "excluded by the policy"
    assert skipped["archetypes/"] == "Hugo archetypes (page templates)"
    assert skipped["layouts/"] == "Hugo templates"
    assert skipped["public/"] == "Hugo's build output"
    assert skipped["drafts/"] == "ignored by .gitignore"
    assert skipped["content/posts/notes.txt"] == "ignored by .gitignore"
    assert skipped["content/posts/bundle/"] == "excluded by the policy"


def test_build_output_named_as_a_path_is_audited_as_a_built_site(hugo: Path) -> None:
    put(hugo, "public/index.html", "<h1>Home</h1>")
    put(hugo, "public/images/tide.jpg", "x")
    result = walk([hugo / "public"], hugo)
    assert [f.rel for f in result.found] == ["public/images/tide.jpg", "public/index.html"]
    site = result.sites.site_for("public/index.html")
    assert site is not None and site.kind == "built"


def test_gitignore_negation_and_depth(tmp_path: Path) -> None:
    put(tmp_path, ".gitignore", "*.md\n")
    put(tmp_path, "news/.gitignore", "!keep.md\n")
    put(tmp_path, "news/keep.md", "# Keep\n")
    put(tmp_path, "news/drop.md", "# Drop\n")
    assert [f.rel for f in walk([tmp_path], tmp_path).found] == ["news/keep.md"]
    kept = walk([tmp_path], tmp_path, selection=Selection(respect_gitignore=False)).found
    assert [f.rel for f in kept] == ["news/drop.md", "news/keep.md"]


def test_named_files_are_audited_unless_force_exclude(hugo: Path) -> None:
    readme = put(hugo, "README.md", "# About\n")
    assert [f.rel for f in walk([readme], hugo).found] == ["README.md"]
    forced = walk([readme], hugo, selection=Selection(force_exclude=True))
    assert forced.found == [] and dict(forced.skipped) == {"README.md": "excluded by the policy"}


def test_project_root_is_the_same_however_called(hugo: Path) -> None:
    page = hugo / "content" / "posts" / "tide.md"
    for given in ([page], [hugo / "content"], [hugo]):
        assert project_root(given, None) == hugo  # hugo.toml marks the project
    (hugo / ".git").mkdir()
    assert project_root([page], None) == hugo
    policy = put(hugo, "content/provenance.toml", "")
    assert project_root([page], policy) == hugo / "content"


# ------------------------------------------------------------------------ the policy


def test_site_table_in_the_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e.helpers import audit_json
    from tests.images.builders import write_png

    put(tmp_path, "provenance.toml", 'extend_exclude = ["drafts/"]\n[site]\n'
        'web_roots = ["uploads"]\nbase_urls = {"https://cdn.example.com/media/" = "media"}\n'
        'image_fields = ["lead_photo"]\n')
    put(tmp_path, "articles/quay.md", "---\ntitle: Quay\nlead_photo: /lead.png\n---\n\n"
        "By Ana Reis\n\nLISBON (Reuters) - The quay reopened.\n\n"
        "![Chart](https://cdn.example.com/media/chart.png)\n")
    put(tmp_path, "drafts/wip.md", "# Not yet\n")
    (tmp_path / "uploads").mkdir()
    (tmp_path / "media").mkdir()
    write_png(tmp_path / "uploads" / "lead.png")
    write_png(tmp_path / "media" / "chart.png")
    monkeypatch.chdir(tmp_path / "articles")
    out = tmp_path / "out"
    out.mkdir()
    _, report = audit_json(out, ".")
    assert report["root"] == ".."
    [article] = report["articles"]
    assert article["path"] == "articles/quay.md"
    assert [(i["src"], i["path"], i["status"]) for i in article["images"]] == [
        ("/lead.png", "uploads/lead.png", "ok"),
        ("https://cdn.example.com/media/chart.png", "media/chart.png", "ok")]
    _, everything = audit_json(out, "..")
    assert [a["path"] for a in everything["articles"]] == ["articles/quay.md"]


def test_a_saved_pages_canonical_origin_is_read_locally(tmp_path: Path) -> None:
    """wget -nH or a bare build output: no host folder, no config; the page's canonical
    link says which origin is its own, and its base path."""
    put(tmp_path, "index.html", "<h1>Home</h1>")
    put(tmp_path, "posts/tide/index.html", "<h1>Tide</h1>")
    put(tmp_path, "images/tide.jpg", "x")
    sites = sites_of(tmp_path, "posts/tide")
    page = "posts/tide/index.html"

    def at(src: str, url: str) -> tuple[str, str | None]:
        where = resolve_reference(src, tmp_path / page, tmp_path, sites, page, "html", url)
        return where.status, where.rel

    here = "https://quay.example.com/blog/posts/tide/"
    assert at("https://quay.example.com/blog/images/tide.jpg", here) == ("ok", "images/tide.jpg")
    assert at("//quay.example.com/blog/images/tide.jpg", here) == ("ok", "images/tide.jpg")
    # Not held locally, or another origin: remote as before, never IMG001 on a guess.
    assert at("https://quay.example.com/blog/images/gone.jpg", here) == ("remote", None)
    assert at("https://cdn.example.net/images/tide.jpg", here) == ("remote", None)


def test_a_dotted_folder_inside_a_generator_site_is_not_a_mirror(hugo: Path) -> None:
    put(hugo, "content/posts/v2.news/index.md", "# Release\n")
    sites = sites_of(hugo, "content/posts/v2.news")
    site = sites.site_for("content/posts/v2.news/index.md")
    assert site is not None and site.kind == "hugo"


def test_httrack_project_host_folders_below_its_index(tmp_path: Path) -> None:
    put(tmp_path, "index.html", "<h1>HTTrack project</h1>")
    put(tmp_path, "www.example.com/news/a.html", "<h1>A</h1>")
    site = sites_of(tmp_path, "www.example.com/news").site_for("www.example.com/news/a.html")
    assert site is not None and (site.kind, site.folder) == ("mirror", "www.example.com")


def test_hugo_config_folder_static_dirs_and_mounts(tmp_path: Path) -> None:
    put(tmp_path, "config/_default/hugo.yaml",
        "baseURL: https://tides.example.net/\nstaticDir: [static, uploads]\ntheme: [paper]\n"
        "module:\n  mounts:\n    - source: media\n      target: static\n"
        "    - source: sub\n      target: static/sub\n"
        "publishDir: docs\n")
    put(tmp_path, "content/news/a.md", "# A\n")
    site = sites_of(tmp_path, "content/news").site_for("content/news/a.md")
    assert site is not None and site.kind == "hugo"
    assert site.web_roots == ("static", "uploads", "media", "assets", "themes/paper/static",
                              "content")
    assert dict(site.skip)["docs"] == "Hugo's build output" and site.outputs == ("docs",)


def test_jekyll_source_folder_and_a_broken_config(tmp_path: Path) -> None:
    put(tmp_path, "_config.yml", "source: src\ndestination: build\n")
    put(tmp_path, "src/_posts/2026-01-01-a.md", "# A\n")
    site = sites_of(tmp_path, "src/_posts").site_for("src/_posts/2026-01-01-a.md")
    assert site is not None and site.web_roots == ("src",)
    assert {"src/_layouts", "src/_includes", "build"} <= set(dict(site.skip))
    put(tmp_path, "_config.yml", "title: [unclosed\n")  # still Jekyll, with defaults
    broken = sites_of(tmp_path, "src/_posts").site_for("src/_posts/2026-01-01-a.md")
    assert broken is not None and (broken.kind, broken.web_roots) == ("jekyll", ("",))
