"""``--changed-since``: only changed articles, and articles whose images changed, are audited."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.helpers import audit_json

ARTICLE = """# {title}

LISBON (Reuters) - {body}

![A quay at dusk](img/{image})

The quay at dusk.
"""


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "img").mkdir(parents=True)
    monkeypatch.chdir(root)
    for name in ("quay.png", "dock.png"):
        Image.new("RGB", (8, 8), (10, 20, 30)).save(root / "img" / name)
    for slug, image in (("ferries", "quay.png"), ("docks", "dock.png"), ("tides", "dock.png")):
        (root / f"{slug}.md").write_text(ARTICLE.format(title=slug.title(), image=image,
                                                        body=f"A short report on {slug}."))
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "start")
    return root


def audited(report: dict) -> list[str]:
    return [a["path"] for a in report["articles"]] + [i["path"] for i in report["images"]]


def test_only_the_changed_article(repo: Path, tmp_path: Path) -> None:
    (repo / "ferries.md").write_text(ARTICLE.format(title="Ferries", image="quay.png",
                                                    body="An updated report on ferries."))
    _, report = audit_json(tmp_path, ".", "--changed-since", "HEAD")
    assert audited(report) == ["ferries.md"]


def test_articles_whose_image_changed(repo: Path, tmp_path: Path) -> None:
    Image.new("RGB", (8, 8), (200, 20, 30)).save(repo / "img" / "dock.png")
    _, report = audit_json(tmp_path, ".", "--changed-since", "HEAD")
    assert audited(report) == ["docks.md", "tides.md"]


def test_new_untracked_image_alone(repo: Path, tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(repo / "img" / "new.png")
    _, report = audit_json(tmp_path, ".", "--changed-since", "HEAD")
    assert audited(report) == ["img/new.png"]


def test_bad_ref_is_a_usage_error(repo: Path) -> None:
    from provenance.cli import main

    assert main(["audit", ".", "--changed-since", "no-such-ref"]) == 2


def test_compares_with_the_merge_base_not_the_refs_tip(repo: Path, tmp_path: Path) -> None:
    """A branch behind main is not blamed for what other desks merged into main since."""
    ident = ("-c", "user.name=t", "-c", "user.email=t@example.invalid")
    git("branch", "-M", "main")
    git("checkout", "-qb", "desk")
    (repo / "ferries.md").write_text(ARTICLE.format(title="Ferries", image="quay.png",
                                                    body="The desk's own update."))
    git(*ident, "commit", "-qam", "desk edit")
    git("checkout", "-q", "main")
    (repo / "tides.md").write_text(ARTICLE.format(title="Tides", image="dock.png",
                                                  body="Another desk's update on main."))
    git(*ident, "commit", "-qam", "main edit")
    git("checkout", "-q", "desk")
    _, report = audit_json(tmp_path, ".", "--changed-since", "main")
    assert audited(report) == ["ferries.md"]


def test_a_bad_ref_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    from provenance.cli import main

    assert main(["audit", ".", "--changed-since", "no-such-ref", "--no-progress"]) == 2
