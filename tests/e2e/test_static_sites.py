"""Hugo and Jekyll projects with no provenance configuration, audited as real users would.

Every placement form gives its AI image AID001 (or AID003), the GPS photo IMG005; no
site-absolute reference is IMG004; templates, build output and repository files are not
audited; the answer is the same whatever PATH is named. Where Debian's ``hugo`` is
installed, the site is built and ``public/`` must report the same images.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import audit_json
from tests.e2e.sites import HUGO_EXPECTED, JEKYLL_EXPECTED, hugo_project, jekyll_project

JUDGED = ("AID001", "AID003", "IMG005")


def judged(report: dict[str, Any]) -> set[tuple[str, str]]:
    """(image file name, rule) of every AID001/AID003/IMG005 finding in the report."""
    out = set()
    for article in report["articles"]:
        paths = {img["src"]: img["path"] for img in article["images"]}
        for f in article["findings"]:
            if f["rule"] in JUDGED:
                out.add(((paths.get(f["image"]) or f["image"]).rpartition("/")[2], f["rule"]))
    return out


def rules(report: dict[str, Any]) -> set[str]:
    return {f["rule"] for a in report["articles"] for f in a["findings"]} | \
        {f["rule"] for i in report["images"] for f in i["findings"]}


@pytest.fixture()
def hugo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = hugo_project(tmp_path / "harbour")
    monkeypatch.chdir(root)
    return root


@pytest.fixture()
def jekyll(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = jekyll_project(tmp_path / "quay")
    monkeypatch.chdir(root)
    return root


def test_hugo_source_tree(hugo: Path, tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, ".")
    assert judged(report) == HUGO_EXPECTED
    assert "IMG004" not in rules(report) and "INP001" not in rules(report)
    paths = [a["path"] for a in report["articles"]]
    assert all(p.startswith("content/posts/") for p in paths), paths
    assert len(paths) == 15
    # Every image is read under an article; none is left over as unread or standalone
    # but the ones no page shows.
    assert [i["path"] for i in report["images"]] == ["static/images/ai-disclosed.png"] or \
        all(i["path"].startswith("static/") for i in report["images"])


def test_hugo_same_answer_however_called(hugo: Path, tmp_path: Path) -> None:
    _, whole = audit_json(tmp_path, ".")
    _, folder = audit_json(tmp_path, "content")
    _, one = audit_json(tmp_path, "content/posts/gps.md")
    [single] = one["articles"]
    by_path = {a["path"]: a for a in whole["articles"]}
    assert single == by_path["content/posts/gps.md"]
    assert [i["path"] for i in single["images"]] == ["static/images/gps-wall.jpg"]
    assert folder["articles"] == whole["articles"]
    assert one["root"] == whole["root"] == "."


def test_hugo_show_files_says_why(hugo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from provenance.cli import main

    assert main(["audit", ".", "--show-files"]) == 0
    out = capsys.readouterr().out
    assert "article  content/posts/figure.md" in out
    for line in ("skipped  README.md  (excluded by the policy)",
                 "skipped  archetypes/  (Hugo archetypes (page templates))",
                 "skipped  layouts/  (Hugo templates)",
                 "site     .  hugo: / -> static, assets, content"):
        assert line in out, line


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed "
                    "(Debian package hugo; .ci/run installs it)")
def test_hugo_built_site_reports_the_same_images(hugo: Path, tmp_path: Path) -> None:
    done = subprocess.run(["hugo", "--quiet"], cwd=hugo, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert (hugo / "public" / "posts" / "figure" / "index.html").is_file()
    # The source audit leaves the build output alone...
    _, source = audit_json(tmp_path, ".")
    assert not any(a["path"].startswith("public/") for a in source["articles"])
    # ...and the built pages, audited on their own, report the same images.
    _, built = audit_json(tmp_path, "public")
    assert judged(built) == HUGO_EXPECTED
    assert "IMG004" not in rules(built)
    _, rooted = audit_json(tmp_path, "public", "--root", "public")
    assert judged(rooted) == HUGO_EXPECTED
    assert "IMG004" not in rules(rooted)


def test_jekyll_source_tree(jekyll: Path, tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, ".")
    assert judged(report) == JEKYLL_EXPECTED
    assert "IMG004" not in rules(report) and "INP001" not in rules(report)
    assert sorted({a["path"].partition("/")[0] for a in report["articles"]}) == ["_posts"]
    assert report["summary"]["skipped"] >= 1  # index.html: a Liquid source page


def test_image_with_its_article_is_reported_once(hugo: Path, tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, "content/posts/gps.md", "static/images/gps-wall.jpg")
    assert report["images"] == []
    assert [a["path"] for a in report["articles"]] == ["content/posts/gps.md"]


def test_an_image_named_alone_is_judged_on_the_pages_that_show_it(hugo: Path,
                                                                  tmp_path: Path) -> None:
    _, report = audit_json(tmp_path, "static/images/ai-figure.png")
    assert report["images"] == []
    assert [a["path"] for a in report["articles"]] == ["content/posts/figure.md"]
    assert judged(report) == {("ai-figure.png", "AID001")}


def test_config_show_prints_the_layout(hugo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from provenance.cli import main

    assert main(["config", "show", "content/posts/figure.md"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["root"] == "."
    [site] = shown["sites"]
    assert (site["kind"], site["web_roots"], site["base_urls"]) == (
        "hugo", ["static", "assets", "content"], {"https://harbour.example.org/": "static"})


def test_jekyll_show_files(jekyll: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from provenance.cli import main

    assert main(["audit", "--show-files"]) == 0
    out = capsys.readouterr().out
    for line in ("skipped  _layouts/  (Jekyll layouts)", "skipped  _includes/  (Jekyll includes)",
                 "skipped  _site/  (Jekyll's build output)",
                 "site     .  jekyll: / -> ."):
        assert line in out, line


def test_a_date_only_front_matter_date_stays_a_date(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Hugo and Jekyll posts often give `date: 2026-03-01`: the report keeps the date and
    stays schema-valid (audit_json validates it)."""
    post = tmp_path / "content" / "posts" / "quay.md"
    post.parent.mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "https://quay.example.org/"\n')
    post.write_text("---\ntitle: Quay\ndate: 2026-03-01\nlastmod: 2026-03-02\n---\n\n"
                    "By Ana Reis\n\nLISBON (Reuters) - The quay reopened.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    _, report = audit_json(out, ".")
    [article] = report["articles"]
    assert (article["published"], article["updated"]) == ("2026-03-01", "2026-03-02")


def test_a_disclosed_picture_is_disclosed_in_every_size(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """srcset renditions share the picture's caption: one disclaimer, no AID001 for any size;
    undisclosed, every size that is an AI file is AID001."""
    from tests.e2e.sites import DISCLOSED, ai_png

    for name in ("gull-400.png", "gull-1200.png"):
        ai_png(tmp_path / "img" / name)
    figure = ('<figure><img src="img/gull-1200.png" srcset="img/gull-400.png 400w, '
              'img/gull-1200.png 1200w" alt="Gull"><figcaption>{}</figcaption></figure>')
    page = ("<html><body><article><h1>Gulls</h1><p>By Ana Reis</p>"
            "<p>LISBON (Reuters) - Gulls returned to the harbour.</p>{}"
            "<p>The harbour office counted them.</p></article></body></html>")
    (tmp_path / "told.html").write_text(page.format(figure.format(DISCLOSED)), encoding="utf-8")
    (tmp_path / "untold.html").write_text(page.format(figure.format("Gulls at dawn.")),
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    _, report = audit_json(out, ".")
    by_path = {a["path"]: a for a in report["articles"]}
    told, untold = by_path["told.html"], by_path["untold.html"]
    assert [i["src"] for i in told["images"]] == ["img/gull-1200.png", "img/gull-400.png"]
    assert len(told["disclaimers"]) == 1
    assert "AID001" not in {f["rule"] for f in told["findings"]}
    assert sorted(f["image"] for f in untold["findings"] if f["rule"] == "AID001") == [
        "img/gull-1200.png", "img/gull-400.png"]
