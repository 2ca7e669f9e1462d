"""GitHub workflow commands: the exact lines, and GitHub's escaping rules."""

from __future__ import annotations

from provenance.reporters.github import command, escape_data, escape_property
from provenance.schema import report_errors
from tests.reporters.sample import render_text, sample_report


def test_sample_report_is_valid() -> None:
    assert report_errors(sample_report()) == []


def test_annotations_for_unsuppressed_findings_with_root_prefix() -> None:
    out = render_text(sample_report("site"), "github")
    assert out == (
        "::warning file=site/html/market.html,line=10,title=IMG005 gps-location-embedded::"
        "image 'img/photo.jpg' carries GPS coordinates (52.52000, 13.40500)\n"
        "::error file=site/html/market.html,line=12,title=IMG001 image-missing::"
        "image 'img/gone.jpg' does not exist\n"
        "::warning file=site/jsonl/briefs.jsonl,line=2,col=1,title=ATR001 attribution-missing::"
        "no source attribution: 100%25 of the text, see line 2, col 1 (record 2)\n"
        "::notice file=site/images/generated.png,title=IMG006 image-credit-missing::"
        "image 'generated.png' names no creator or credit\n"
        "provenance: 3 articles, 3 images, 0 skipped: 1 error, 2 warnings, 1 info "
        "(1 suppressed, 1 baselined) — failed\n"
    )


def test_root_dot_is_not_prefixed_and_errors_are_annotated() -> None:
    report = sample_report(".")
    report["articles"], report["images"] = [], []
    report["errors"] = [{"stage": "validate:IMG005", "path": "a,b.md",
                         "message": "KeyError: 'x'\nat gps.py:3"}]
    out = render_text(report, "github")
    assert out.splitlines()[0] == (
        "::error file=a%2Cb.md,title=provenance internal error in validate%3AIMG005::"
        "KeyError: 'x'%0Aat gps.py:3")


def test_escaping_follows_actions_core() -> None:
    assert escape_data("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # A message cannot start a second command on a new line.
    assert command("error", "x\n::error::forged") == "::error::x%0A::error::forged"
    assert command("notice", "m", file="f.md", line=None, title="T: 1") == \
        "::notice file=f.md,title=T%3A 1::m"


def test_workspace_path_joins_the_root_as_every_ci_format_does() -> None:
    from provenance.reporters.github import workspace_path

    assert workspace_path(".", "html/a.html") == "html/a.html"
    assert workspace_path("", "html/a.html") == "html/a.html"
    assert workspace_path("site", "html/a.html") == "site/html/a.html"
    assert workspace_path("../news", "a b.md") == "../news/a b.md"
