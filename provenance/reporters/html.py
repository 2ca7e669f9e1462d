"""One self-contained HTML file for an editor: summary, filters, findings, text found, thumbnails.

The file loads nothing: CSS and JS are inline and admitted by hash in a strict
Content-Security-Policy (``html_assets``), images are ``data:`` URIs. Every string taken
from the report is escaped — headlines and captions are hostile input — and nothing from
the report ever becomes a URL. Sections are written as entries stream in; the summary and
the filter controls (which need the totals) are written last and shown first through CSS
``order``, so memory stays flat however many articles there are.

Thumbnails come from :mod:`provenance.reporters.thumbnails`, the one place pixels are
decoded, and only for images whose status is ``ok``. A repeated image is embedded once; the
later copies point at it (``data-same``) and the script fills them in. Past
``thumb_budget`` bytes of thumbnails, placeholders are used, which bounds the file size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any, TextIO

from provenance.reporters.html_assets import CSP, CSS, JS
from provenance.reporters.thumbnails import thumbnail_data_uri

THUMB_BUDGET = 16 * 1024 * 1024
MAX_SHARED_THUMBS = 100_000
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("ai-generated", "ai-composite", "not-ai", "unknown")


def h(value: Any) -> str:
    """Escape any report value for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def _dl(pairs: Iterable[tuple[str, Any]]) -> str:
    """``label: value`` items separated by dots, leaving out empty values."""
    items = [f"{h(k)}: <b>{h(v)}</b>" for k, v in pairs if v not in (None, "", [])]
    return f'<p class="m">{" · ".join(items)}</p>' if items else ""


def _label(entry: Mapping[str, Any]) -> str:
    index = entry.get("index")
    return str(entry["path"]) + (f" #{index}" if index is not None else "")


def _state(findings: Sequence[Mapping[str, Any]]) -> str:
    live = {f["severity"] for f in findings if f["suppressed"] is None}
    return "s-fail" if "error" in live else "s-warn" if live else "s-clean"


def _finding_row(f: Mapping[str, Any]) -> str:
    sup = f["suppressed"]
    where = "" if f["line"] is None else f"{f['line']}" + (f":{f['column']}" if f["column"]
                                                             else "")
    image = f'<div class="m">image {h(f["image"])}</div>' if f["image"] else ""
    why = f'<div class="m">suppressed ({h(sup["kind"])}): {h(sup["reason"] or "no reason")}' \
          "</div>" if sup else ""
    return (f'<tr class="f{" sup" if sup else ""}" data-rule="{h(f["rule"])}" '
            f'data-sev="{h(f["severity"])}"><td class="sev {h(f["severity"])}">'
            f'{h(f["severity"])}</td><td>{h(f["rule"])} <span class="m">{h(f["name"])}</span>'
            f'</td><td class="n">{where}</td><td class="why">{h(f["message"])}{image}{why}'
            "</td></tr>")


def findings_table(findings: Sequence[Mapping[str, Any]]) -> str:
    if not findings:
        return '<p class="none">No findings.</p>'
    rows = "".join(_finding_row(f) for f in findings)
    return ("<table><thead><tr><th>severity</th><th>rule</th><th>line</th><th>message</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _text_list(title: str, items: Sequence[Mapping[str, Any]], empty: str) -> str:
    if not items:
        return f'<h4>{title}</h4><p class="none">{empty}</p>'
    lis = []
    for it in items:
        extra = [("source", it.get("source")), ("zone", it["zone"]), ("line", it["line"]),
                 ("image", it.get("image"))]
        where = ", ".join(f"{k} {h(v)}" for k, v in extra if v is not None)
        lis.append(f"<li>“{h(it['text'])}” <span class=\"m\">({where})</span></li>")
    return f"<h4>{title}</h4><ul>{''.join(lis)}</ul>"


def _evidence_table(evidence: Sequence[Mapping[str, Any]]) -> str:
    if not evidence:
        return '<p class="none">No AI evidence in the metadata.</p>'
    rows = "".join(f"<tr><td>{h(e['source'])}</td><td>{h(e['field'])}</td>"
                   f"<td>{h(e['value'])}</td></tr>" for e in evidence)
    return f"<table><tr><th>source</th><th>field</th><th>value</th></tr>{rows}</table>"


class HtmlReporter:
    """Streams the HTML report; see the module docstring for the layout."""

    def __init__(self, stream: TextIO, *, root: Path | None = None,
                 thumb_budget: int = THUMB_BUDGET) -> None:
        self._out = stream
        self._root = root
        self._budget = thumb_budget
        self._thumbs: dict[str, str] = {}  # image path -> element id of its first thumbnail
        self._no_thumb: set[str] = set()  # paths that gave no thumbnail: not decoded twice
        self._count = 0
        self._images_open = False
        self._header: Mapping[str, Any] = {}
        self._verdicts: Counter[str] = Counter()
        self._names: dict[str, str] = {}

    def start(self, header: Mapping[str, Any]) -> None:
        self._header = header
        if self._root is None:
            self._root = Path(header["root"])  # relative to the working directory
        title = f"provenance report — {header['root']}"
        self._out.write(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{h(CSP)}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{h(title)}</title>\n<style>{CSS}</style></head>\n"
            f'<body><div class="page"><h1>{h(title)}</h1>\n<main id="entries">\n'
            "<h2>Articles</h2>\n")

    # -- thumbnails -------------------------------------------------------------------

    def _thumb(self, image: Mapping[str, Any]) -> str:
        path, status = image.get("path"), image["status"]
        alt = f'alt="thumbnail of {h(path)}"'
        if status == "ok" and path and path in self._thumbs:
            return f'<img {alt} data-same="{self._thumbs[path]}">'
        uri = None
        if status == "ok" and path and path not in self._no_thumb and self._budget > 0 \
                and self._root is not None:
            uri = thumbnail_data_uri(self._root, path)
            if uri is None and len(self._no_thumb) < MAX_SHARED_THUMBS:
                self._no_thumb.add(path)
        if uri is None:
            why = status if status != "ok" else "no preview"
            return f'<div class="ph">{h(why)}</div>'
        self._budget -= len(uri)
        self._count += 1
        ident = f"t{self._count}"
        if len(self._thumbs) < MAX_SHARED_THUMBS:
            self._thumbs[str(path)] = ident
        return f'<img id="{ident}" {alt} src="{uri}">'

    def _figure(self, image: Mapping[str, Any]) -> str:
        verdict = image["ai"]["verdict"]
        self._verdicts[verdict] += 1
        c2pa, gps = image["c2pa"], image["gps"]
        size = f"{image['width']}×{image['height']}" if image["width"] else None
        names = [("src", image.get("src")), ("path", image["path"])]
        c2pa_line = [("C2PA", c2pa["present"]), ("validation", c2pa["validation"]),
                     ("integrity", c2pa["integrity"]), ("trust", c2pa["trust"]),
                     ("codes", ", ".join(c2pa["codes"])),
                     ("claim generator", c2pa["claim_generator"]), ("signer", c2pa["signer"])]
        facts = [("status", image["status"]), ("format", image["format"]), ("size", size),
                 ("credit", image["credit"]), ("captured", image["captured"]),
                 ("GPS", f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else None)]
        caption = f'<p>{h(image["caption"])}</p>' if image.get("caption") else ""
        return (f'<figure data-verdict="{h(verdict)}">{self._thumb(image)}<figcaption>'
                f'<span class="v v-{h(verdict)}">{h(verdict)}</span>{_dl(names)}{caption}'
                f"{_dl(facts)}{_dl(c2pa_line)}{_evidence_table(image['ai']['evidence'])}"
                "</figcaption></figure>")

    # -- entries ----------------------------------------------------------------------

    def _open(self, entry: Mapping[str, Any], images: Sequence[Mapping[str, Any]]) -> str:
        findings = entry["findings"]
        for f in findings:
            self._names.setdefault(f["rule"], f["name"])
        rules = sorted({f["rule"] for f in findings if f["suppressed"] is None})
        verdicts = sorted({i["ai"]["verdict"] for i in images})
        return (f'<section class="e {_state(findings)}" data-rules="{" ".join(rules)}" '
                f'data-verdicts="{h(" ".join(verdicts))}"><h3>{h(_label(entry))}</h3>')

    def article(self, entry: Mapping[str, Any]) -> None:
        images = entry["images"]
        meta = [("format", entry["format"]), ("byline", entry["byline"]),
                ("dateline", entry["dateline"]), ("published", entry["published"]),
                ("updated", entry["updated"])]
        headline = f'<p class="hl">{h(entry["headline"])}</p>' if entry["headline"] else ""
        figures = "".join(self._figure(i) for i in images)
        self._out.write(
            self._open(entry, images) + headline + _dl(meta) + findings_table(entry["findings"])
            + _text_list("Attributions", entry["attributions"], "No attribution found.")
            + _text_list("AI disclosures", entry["disclaimers"], "No AI disclosure found.")
            + (f'<h4>Images</h4><div class="imgs">{figures}</div>' if images else "")
            + "</section>\n")

    def image(self, entry: Mapping[str, Any]) -> None:
        if not self._images_open:
            self._out.write("<h2>Standalone images</h2>\n")
            self._images_open = True
        self._out.write(self._open(entry, [entry]) + findings_table(entry["findings"])
                        + f'<div class="imgs">{self._figure(entry)}</div></section>\n')

    # -- summary ----------------------------------------------------------------------

    def finish(self, tail: Mapping[str, Any]) -> None:
        s = tail["summary"]
        self._out.write("</main>\n" + self._summary(s, tail) + "</div>\n"
                        f"<script>{JS}</script>\n</body></html>\n")

    def _summary(self, s: Mapping[str, Any], tail: Mapping[str, Any]) -> str:
        c = s["findings"]
        verdict = '<span class="pass">passed</span>' if s["passed"] else \
            '<span class="fail">failed</span>'
        head = self._header
        run = _dl([("root", head.get("root")), ("tool", f"{head['tool']['name']} "
                   f"{head['tool']['version']}"), ("generated", head.get("generated_at"))])
        totals = [("articles", s["articles"]), ("images", s["images"]),
                  ("skipped", s["skipped"]), ("errors", c["error"]),
                  ("warnings", c["warning"]), ("info", c["info"]),
                  ("suppressed", s["suppressed"]), ("baselined", s["baselined"]),
                  ("stale baseline", s["stale_baseline"])]
        cells = "".join(f"<th class=\"n\">{k}</th>" for k, _ in totals)
        values = "".join(f'<td class="n">{v}</td>' for _, v in totals)
        return (f'<section id="summary"><h2>Summary: {verdict}</h2>{run}'
                f"<table><tr>{cells}</tr><tr>{values}</tr></table>"
                f"{self._by_rule(s['by_rule'])}{self._verdict_table()}"
                f"{self._errors(tail)}{self._filters()}</section>\n")

    def _by_rule(self, by_rule: Mapping[str, int]) -> str:
        if not by_rule:
            return ""
        rows = "".join(f'<tr><td>{h(r)}</td><td>{h(self._names.get(r, ""))}</td>'
                       f'<td class="n">{n}</td></tr>' for r, n in by_rule.items())
        return f"<h4>Findings by rule</h4><table>{rows}</table>"

    def _verdict_table(self) -> str:
        if not self._verdicts:
            return ""
        cells = "".join(f'<td><span class="v v-{v}">{v}</span> {self._verdicts[v]}</td>'
                        for v in VERDICTS if self._verdicts[v])
        return f"<h4>AI verdicts</h4><table><tr>{cells}</tr></table>"

    def _errors(self, tail: Mapping[str, Any]) -> str:
        parts = []
        if tail["errors"]:
            lis = "".join(f"<li>{h(e['stage'])} — {h(e['path'])}: {h(e['message'])}</li>"
                          for e in tail["errors"])
            parts.append(f'<h4 class="fail">Internal errors</h4><ul>{lis}</ul>')
        if tail["stale_baseline"]:
            lis = "".join(f"<li>{h(b['rule'])} {h(b['path'])} <span class=\"m\">"
                          f"{h(b['fingerprint'])}</span></li>" for b in tail["stale_baseline"])
            parts.append(f"<h4>Stale baseline entries</h4><ul>{lis}</ul>")
        return "".join(parts)

    def _filters(self) -> str:
        rules = "".join(f'<option value="{h(r)}">{h(r)} {h(n)}</option>'
                        for r, n in sorted(self._names.items()))
        verdicts = "".join(f'<option value="{v}">{v}</option>' for v in VERDICTS)
        sev = "".join(f'<label><input type="checkbox" id="f-{s}" checked> {s}</label>'
                      for s in SEVERITIES)
        return ('<div id="filters" hidden>'
                f'<label>rule <select id="f-rule"><option value="">all rules</option>{rules}'
                f"</select></label>{sev}"
                '<label>AI verdict <select id="f-verdict"><option value="">any</option>'
                f"{verdicts}</select></label>"
                '<label><input type="checkbox" id="f-clean" checked> entries without findings'
                '</label><label><input type="checkbox" id="f-sup" checked> suppressed</label>'
                '<span id="f-count" class="m"></span></div>')
