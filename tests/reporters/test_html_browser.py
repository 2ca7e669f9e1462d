"""The HTML report of a real audit, opened in headless Chromium as an editor would open it.

Proves what static checks cannot: the inline script runs under the page's own
Content-Security-Policy (its hash matches), the filters work (driven through the URL
fragment), and repeated thumbnails are filled in. Skips where Debian's chromium is absent.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from provenance.cli import main
from tests.reporters.sample import make_site

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent "
                                "(apt-get install chromium): HTML browser tests skipped")

def _dom(page: Path, profile: Path, fragment: str = "") -> LexborHTMLParser:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", f"--user-data-dir={profile}", "--dump-dom",
           page.as_uri() + fragment]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return LexborHTMLParser(done.stdout)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    make_site(base / "site")
    page = base / "report.html"
    code = main(["audit", str(base / "site"), "--format", "html", "-o", str(page),
                 "--now", "2026-03-10T00:00:00Z", "--no-progress"])
    assert code in (0, 1)
    return page


def test_script_runs_under_the_csp_and_fills_thumbnails(report_page: Path,
                                                          tmp_path: Path) -> None:
    dom = _dom(report_page, tmp_path / "profile")
    count = dom.css_first("#f-count")
    assert count is not None and count.text() == "2 of 2 shown"
    filters = dom.css_first("#filters")
    assert filters is not None and "hidden" not in filters.attributes
    sources = [img.attributes.get("src") or "" for img in dom.css("figure img")]
    assert len(sources) == 4 and all(s.startswith("data:image/webp;base64,") for s in sources)
    assert len(set(sources)) == 2  # the two images, each embedded once and copied by script
    verdicts = [v.text() for v in dom.css("figure .v")]
    assert verdicts == ["ai-generated", "unknown", "ai-generated", "unknown"]


def test_filters_from_the_url_fragment(report_page: Path, tmp_path: Path) -> None:
    dom = _dom(report_page, tmp_path / "profile", "#rule=AID001&sev=error")
    visible = dom.css("details.e")
    assert [h3.text() for s in visible for h3 in s.css("h3")] == \
        ["festival-update.md", "festival.md"]
    rows = [r for r in dom.css("tr.f") if "hidden" not in r.attributes]
    assert rows and {r.css("td")[1].text().split()[0] for r in rows} == {"AID001"}
    dom = _dom(report_page, tmp_path / "profile", "#verdict=not-ai")
    count = dom.css_first("#f-count")
    assert count is not None and count.text() == "0 of 2 shown"
    assert [p.text() for p in dom.css("#entries > p.none")] == ["No entry matches these filters."]


def _console(page: Path, profile: Path) -> list[str]:
    """Console messages (errors, CSP refusals) Chromium logged while loading ``page``."""
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           "--dump-dom", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def test_examples_report_logs_nothing_and_loads_nothing(tmp_path: Path) -> None:
    """The examples' report: no console message at all, so no script error and no CSP
    refusal (the CSP forbids every network load, and a refused one is logged)."""
    from tests.conftest import REPO

    page = tmp_path / "report.html"
    main(["audit", str(REPO / "examples"), "--format", "html", "-o", str(page),
          "--now", "2026-03-10T00:00:00Z", "--no-progress", "--no-cache"])
    assert _console(page, tmp_path / "profile") == []
    # the same check does see a page that misbehaves
    bad = tmp_path / "bad.html"
    bad.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<img src="https://example.org/pixel.png"></body>'), encoding="utf-8")
    assert any("Refused" in line or "pixel.png" in line
               for line in _console(bad, tmp_path / "profile2"))
