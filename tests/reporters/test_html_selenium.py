"""The HTML report driven in Chromium as an editor uses it (selenium + Debian's chromium-driver).

What only a browser shows: the order entries come in once the script has run, later pages
inflated on demand and reached by the filters, a review decision exported from the page as
a baseline that the next audit honours, and a phone-sized window where nothing is clipped.
Skips, saying why, where selenium or chromedriver is absent.
"""

from __future__ import annotations

import copy
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from provenance.cli import main
from provenance.reporters.html import PAGE
from tests.conftest import REPO
from tests.reporters.sample import finding, make_site, render_text, sample_report

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
NOW = "2026-03-10T00:00:00+00:00"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    HAVE_SELENIUM = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_SELENIUM = False

pytestmark = [
    pytest.mark.skipif(not HAVE_SELENIUM, reason="selenium is not installed "
                       "(pip install -e '.[test]'): browser-driven HTML tests skipped"),
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="/usr/bin/chromium or /usr/bin/chromedriver is absent (apt-get "
                       "install chromium chromium-driver): browser-driven HTML tests skipped"),
]


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run"):
        options.add_argument(flag)
    options.binary_location = str(CHROMIUM)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, page: Path, width: int = 1280, height: int = 900) -> None:
    driver.set_window_size(width, height)
    driver.get("about:blank")
    driver.get(page.as_uri())
    _wait(driver, "return document.body.hasAttribute('data-rendered')")


def _wait(driver: Any, script: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def _listed(driver: Any) -> list[tuple[str, str]]:
    """(group class, heading) of every entry in the list, in order."""
    return [tuple(pair) for pair in driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#entries > details.e'),"
        " function (e) { return [e.className, e.querySelector('h3').textContent]; })")]


# -- ordering, pages on demand, filters over every entry -----------------------------------

def _entry(i: int, severities: list[str], rule: str = "IMG005") -> dict[str, Any]:
    article: dict[str, Any] = copy.deepcopy(sample_report()["articles"][2])
    article["path"] = f"archive/{i:04d}.txt"
    article["findings"] = [finding(rule if k == 0 else f"MET00{k}", "byline-missing", sev,
                                   f"finding {k} of article {i}", 3 + k)
                           for k, sev in enumerate(severities)]
    return article


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 pages and a bit: errors, warnings, notes and clean articles interleaved by path;
    one AID001, on an article whose place in the order is on a later page."""
    articles = []
    for i in range(3 * PAGE + 4):
        kinds = [["info"], [], ["warning", "info"], ["info", "error", "warning"]][i % 4]
        articles.append(_entry(i, kinds))
    articles[-2] = _entry(3 * PAGE + 2, ["warning"], "AID001")
    report = sample_report()
    report["articles"], report["images"] = articles, []
    page = tmp_path_factory.mktemp("big") / "big.html"
    page.write_text(render_text(report, "html", root=page.parent), encoding="utf-8")
    return page


def _expected() -> list[tuple[str, str]]:
    total, aid = 3 * PAGE + 4, 3 * PAGE + 2
    group = {i: {3: "e g0", 2: "e g1"}.get(i % 4, "e g2") for i in range(total)}
    group[aid] = "e g1"
    return sorted(((g, f"archive/{i:04d}.txt") for i, g in group.items()))


def test_errors_then_warnings_then_the_rest_and_more_on_demand(browser: Any,
                                                              big_page: Path) -> None:
    _open(browser, big_page)
    expected = _expected()
    assert _listed(browser) == expected[:PAGE]
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#entries > h2")]
    count = {g: sum(1 for cls, _ in expected if cls == g) for g in ("e g0", "e g1", "e g2")}
    assert headings == [f"Fix first — {count['e g0']} entries with errors",
                        f"Then check — {count['e g1']} entries with warnings"]
    more = browser.find_element(By.ID, "more-btn")
    assert more.text == f"Show {PAGE} more ({len(expected) - PAGE} left)"
    # inside an entry: error, warning, then info
    first = browser.find_element(By.CSS_SELECTOR, "#entries > details.e")
    assert [r.find_elements(By.TAG_NAME, "td")[0].text for r in
            first.find_elements(By.CSS_SELECTOR, "tr.f")] == ["ERROR", "WARNING", "INFO"]
    for shown in range(2 * PAGE, len(expected) + PAGE, PAGE):
        more.click()
        _wait(browser, "return document.querySelectorAll('#entries > details.e').length"
              f" === {min(shown, len(expected))}")
    assert _listed(browser) == expected
    assert browser.find_element(By.ID, "more").get_attribute("hidden") is not None
    assert [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#entries > h2")] == [
        f"Fix first — {count['e g0']} entries with errors",
        f"Then check — {count['e g1']} entries with warnings",
        f"The rest — {count['e g2']} entries without errors or warnings"]
    # entries inflated from later pages get their review buttons too
    last = browser.find_elements(By.CSS_SELECTOR, "#entries > details.e")[-1]
    assert last.get_attribute("open") is None  # the rest come collapsed
    assert len(last.find_elements(By.CSS_SELECTOR, "button[data-act=accept]")) == 1


def test_a_filter_reaches_an_entry_on_a_page_not_yet_inflated(browser: Any,
                                                             big_page: Path) -> None:
    _open(browser, big_page)
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("AID001")
    _wait(browser, "return document.getElementById('f-count').textContent.indexOf('1 of') === 0")
    assert _listed(browser) == [("e g1", f"archive/{3 * PAGE + 2:04d}.txt")]
    assert browser.find_element(By.ID, "f-count").text == f"1 of {3 * PAGE + 4} shown"
    assert "rule=AID001" in browser.current_url  # the filtered view can be shared


# -- review decisions: exported from the page, honoured by the next audit -----------------

def _aid001_row(browser: Any, path: str) -> Any:
    entry = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#entries > details.e")
                 if e.get_attribute("data-path") == path)
    return next(r for r in entry.find_elements(By.CSS_SELECTOR, "tr.f")
                if r.find_elements(By.TAG_NAME, "td")[1].text.startswith("AID001"))


def test_an_accepted_finding_is_exported_as_a_baseline_the_next_audit_honours(
        browser: Any, downloads: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site)
    page = tmp_path / "report.html"
    assert main(["audit", str(site), "-o", str(page), "--now", NOW, "--no-progress",
                 "--no-cache"]) == 1
    _open(browser, page)
    row = _aid001_row(browser, "festival.md")
    row.find_element(By.CSS_SELECTOR, "button[data-act=accept]").click()
    row.find_element(By.CSS_SELECTOR, "button[data-act=save]").click()  # no reason: refused
    assert row.find_elements(By.CSS_SELECTOR, "input.reason")
    row.find_element(By.CSS_SELECTOR, "input.reason").send_keys("the lanterns are a "
                                                                "labelled illustration")
    row.find_element(By.CSS_SELECTOR, "button[data-act=save]").click()
    assert "acc" in row.get_attribute("class").split()
    assert browser.find_element(By.ID, "rv-count").text == \
        "1 finding accepted in this review."
    for old in downloads.glob("*"):
        old.unlink()
    browser.find_element(By.ID, "rv-export").click()
    saved = downloads / "provenance-baseline.json"
    deadline = time.monotonic() + 30
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert saved.exists(), "Chromium did not save the exported baseline"
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc["kind"] == "provenance-baseline"
    assert [(f["rule"], f["path"], f["reason"]) for f in doc["findings"]] == [
        ("AID001", "festival.md", "the lanterns are a labelled illustration")]
    assert browser.find_element(By.ID, "rv-out").get_attribute("value") == \
        saved.read_text(encoding="utf-8")
    _open(browser, page)  # a reload keeps this report's review, until undone
    assert browser.find_element(By.ID, "rv-count").text == \
        "1 finding accepted in this review."
    row = _aid001_row(browser, "festival.md")
    assert "acc" in row.get_attribute("class").split()
    assert "accepted: the lanterns are a labelled illustration" in row.text
    row.find_element(By.CSS_SELECTOR, "button[data-act=undo]").click()
    assert browser.find_element(By.ID, "rv-count").text == \
        "No findings accepted in this review."

    kept = tmp_path / "baseline.json"
    shutil.copy(saved, kept)
    out = tmp_path / "next.json"
    main(["audit", str(site), "--baseline", str(kept), "--format", "json", "-o", str(out),
          "--now", NOW, "--no-progress", "--no-cache"])
    report = json.loads(out.read_text(encoding="utf-8"))
    aid = {(a["path"], (f["suppressed"] or {}).get("kind")) for a in report["articles"]
           for f in a["findings"] if f["rule"] == "AID001"}
    assert aid == {("festival.md", "baseline"), ("festival-update.md", None)}
    assert report["summary"]["baselined"] == 1


# -- a phone: 390 px wide, nothing clipped, wide tables scroll in their own box ------------

CLIPPED = """
var width = document.documentElement.clientWidth, out = [];
document.querySelectorAll('details').forEach(function (d) { d.open = true; });
document.querySelectorAll('.e').forEach(function (e) { e.style.contentVisibility = 'visible'; });
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 1) { return; }
  var box = el.closest('.tw');
  if (box && box.scrollWidth > box.clientWidth && box.getBoundingClientRect().right <= width + 1) {
    return;  // inside a table box that scrolls
  }
  out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
});
return [width, document.documentElement.scrollWidth, out.slice(0, 10)];
"""


def test_a_phone_shows_everything_and_tables_scroll(browser: Any, tmp_path: Path) -> None:
    report = sample_report()
    wide = "MakerNote:" + "0123456789ABCDEF" * 12  # one long word: it must wrap or scroll
    report["articles"][0]["images"][0]["ai"]["evidence"].append(
        {"source": "exif", "field": "MakerNote" * 6, "value": wide})
    page = tmp_path / "phone.html"
    page.write_text(render_text(report, "html", root=tmp_path), encoding="utf-8")
    examples = tmp_path / "examples.html"
    main(["audit", str(REPO / "examples"), "-o", str(examples), "--now", NOW,
          "--no-progress", "--no-cache"])
    for target in (page, examples):
        _open(browser, target, 390, 844)
        width, scroll, clipped = browser.execute_script(CLIPPED)
        assert width <= 390 and scroll <= width, (target.name, width, scroll)
        assert clipped == [], target.name
    # every table sits in its own box that scrolls sideways when the table is wider
    assert browser.execute_script(
        "return Array.prototype.every.call(document.querySelectorAll('table'), function (t) {"
        " var box = t.closest('.tw'); return box && getComputedStyle(box).overflowX === 'auto';"
        " }) && document.querySelectorAll('table').length > 3")
