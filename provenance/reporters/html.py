"""One self-contained HTML file for an editor: summary, filters, findings, text found, thumbnails.

The file loads nothing: CSS and JS are inline and admitted by hash in a strict
Content-Security-Policy (``html_assets``), images are ``data:`` URIs. Every string taken
from the report is escaped — headlines and captions are hostile input — and nothing from
the report ever becomes a URL. Sections are written as entries stream in; the summary and
the filter controls (which need the totals) are written last and shown first through CSS
``order``, so memory stays flat however many articles there are.

Thumbnails come from :mod:`provenance.reporters.thumbnails`, the one place pixels are
decoded, and only for images whose status is ``ok``. A repeated image is embedded once; the
later copies point at it (``data-same``) and the script fills them in.

Size: thumbnails may use what the markup leaves of ``bytes_per_entry`` per article or image
so far (plus ``thumb_floor`` so that small reports always show every image); past that a
placeholder says the preview was left out. So the file stays near ``bytes_per_entry`` x
entries — 10,000 typical articles under 25 MB — unless the text alone is larger.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any, TextIO

from provenance.output import safe_text
from provenance.report import verdict
from provenance.reporters.html_assets import CSP, CSS, JS
from provenance.reporters.thumbnails import Thumbnailer

BYTES_PER_ENTRY = 2_350  # 10^4 articles x 2,350 B + the floor = 24 MB, under the 25 MB goal
THUMB_FLOOR = 512 * 1024
TYPICAL_THUMB = 1_200  # characters of a 96 px WebP data URI (shared corpus mean: 1,140)
MAX_SHARED_THUMBS = 100_000
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("ai-generated", "ai-composite", "not-ai", "unknown")


def h(value: Any) -> str:
    """Escape any report value for HTML text or a quoted attribute (controls and bidi
    overrides shown as escapes, :func:`provenance.output.safe_text`; line breaks and tabs
    kept: evidence such as a PNG ``parameters`` chunk spans lines)."""
    return escape("" if value is None else safe_text(str(value), keep="\n\t"), quote=True)


def t(value: Any) -> str:
    """Escape a report value for element content only (quotes stay as they are: smaller)."""
    return escape("" if value is None else safe_text(str(value), keep="\n\t"), quote=False)


def _dl(pairs: Iterable[tuple[str, Any]]) -> str:
    """``label value`` items (value in bold) separated by dots, leaving out empty values."""
    items = [f"{t(k)} <b>{t(v)}</b>" for k, v in pairs if v not in (None, "", [])]
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
    # The message usually names the image already; repeat it only when it does not.
    image = f'<div class="m">image {h(f["image"])}</div>' \
        if f["image"] and f["image"] not in f["message"] else ""
    why = f'<div class="m">suppressed ({h(sup["kind"])}): {h(sup["reason"] or "no reason")}' \
          "</div>" if sup else ""
    # The filter script reads the severity from the first cell's class and the rule ID
    # from the second cell, so rows carry no data- attributes (size: 10^4 articles).
    return (f'<tr class="f{" sup" if sup else ""}"><td class="{h(f["severity"])}">'
            f'{h(f["severity"])}</td><td>{h(f["rule"])} <small>{h(f["name"])}</small></td>'
            f"<td>{where}</td><td>{t(f['message'])}{image}{why}</td></tr>")


def findings_table(findings: Sequence[Mapping[str, Any]]) -> str:
    if not findings:
        return '<p class="none">No findings.</p>'
    rows = "".join(_finding_row(f) for f in findings)
    return f'<table class="fs">{rows}</table>'


def _text_list(title: str, items: Sequence[Mapping[str, Any]], empty: str) -> str:
    if not items:
        return f'<p class="none">{empty}</p>'
    lis = []
    for it in items:
        extra = [("source", it.get("source")), ("zone", it["zone"]), ("line", it["line"]),
                 ("image", it.get("image"))]
        where = ", ".join(f"{k} {h(v)}" for k, v in extra if v is not None)
        lis.append(f"<li>“{t(it['text'])}” <small>({where})</small></li>")
    return f"<h4>{title}</h4><ul>{''.join(lis)}</ul>"


def _c2pa(c2pa: Mapping[str, Any]) -> str:
    if c2pa["present"] == "none":
        return '<p class="m">C2PA <b>none</b></p>'
    return _dl([("C2PA", c2pa["present"]), ("validation", c2pa["validation"]),
                ("integrity", c2pa["integrity"]), ("trust", c2pa["trust"]),
                ("codes", ", ".join(c2pa["codes"])),
                ("claim generator", c2pa["claim_generator"]), ("signer", c2pa["signer"])])


def _evidence_table(evidence: Sequence[Mapping[str, Any]]) -> str:
    if not evidence:
        return '<p class="none">No AI evidence in the metadata.</p>'
    rows = "".join(f"<tr><td>{h(e['source'])}</td><td>{h(e['field'])}</td>"
                   f"<td>{h(e['value'])}</td></tr>" for e in evidence)
    return f'<table class="ev">{rows}</table>'


class HtmlReporter:
    """Streams the HTML report; see the module docstring for the layout."""

    def __init__(self, stream: TextIO, *, root: Path | None = None,
                 bytes_per_entry: int = BYTES_PER_ENTRY, thumb_floor: int = THUMB_FLOOR) -> None:
        self._out = stream
        self._root = root
        # Thumbnails are read under the root given here, else under the working directory
        # too: a saved report's own root may say anything (``report render``).
        self._bound = root if root is not None else Path(".")
        self._thumbnailer: Thumbnailer | None = None
        self._per_entry, self._floor = bytes_per_entry, thumb_floor
        self._entries = 0
        self._written = 0  # bytes of UTF-8 written so far
        self._pending = 0  # thumbnail bytes in the section being built
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
        # "." says little in a browser tab: the audited folder's own name does.
        shown = header["root"] if header["root"] not in (".", "") else \
            (self._root.resolve().name or ".")
        title = f"provenance report — {shown}"
        self._write(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{h(CSP)}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="generator" content="provenance">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{h(title)}</title>\n<style>{CSS}</style></head>\n"
            f'<body><div class="page"><h1>{h(title)}</h1>\n<main id="entries">\n'
            "<h2>Articles</h2>\n")

    # -- thumbnails -------------------------------------------------------------------

    def _thumb(self, image: Mapping[str, Any]) -> str:
        path, status = image.get("path"), image["status"]
        alt = 'alt="thumbnail"'
        if status == "ok" and path and path in self._thumbs:
            return f'<img {alt} data-same="{self._thumbs[path]}">'
        uri = None
        if status == "ok" and path and path not in self._no_thumb and self._root is not None:
            if not self._affordable():
                return '<div class="ph">preview left out (report size)</div>'
            uri = self._thumbnail(self._root, path)
            if uri is None and len(self._no_thumb) < MAX_SHARED_THUMBS:
                self._no_thumb.add(path)
        if uri is None:
            why = status if status != "ok" else "no preview"
            return f'<div class="ph">{h(why)}</div>'
        self._pending += len(uri)  # the section is not written yet; later images must see it
        self._count += 1
        ident = f"t{self._count}"
        if len(self._thumbs) < MAX_SHARED_THUMBS:
            self._thumbs[str(path)] = ident
        return f'<img id="{ident}" {alt} src="{uri}">'

    def _thumbnail(self, root: Path, path: str) -> str | None:
        if self._thumbnailer is None:
            self._thumbnailer = Thumbnailer()
        return self._thumbnailer.data_uri(root, path, self._bound)

    def _affordable(self) -> bool:
        """Whether one more typical thumbnail fits in the size allowance so far."""
        spent = self._written + self._pending
        return self._floor + self._per_entry * self._entries - spent >= TYPICAL_THUMB

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._written += len(text.encode("utf-8"))
        self._pending = 0

    def _figure(self, image: Mapping[str, Any]) -> str:
        verdict = image["ai"]["verdict"]
        self._verdicts[verdict] += 1
        gps, src, path = image["gps"], image.get("src"), image["path"]
        size = f"{image['width']}×{image['height']}" if image["width"] else None
        # The root-relative path only when the src as written does not already show it.
        names = [("src", src), ("path", None if src and path and path.endswith(src) else path)]
        facts = [("status", None if image["status"] == "ok" else image["status"]),
                 ("format", image["format"]), ("size", size), ("credit", image["credit"]),
                 ("captured", image["captured"]),
                 ("GPS", f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else None)]
        caption = f'<p>{t(image["caption"])}</p>' if image.get("caption") else ""
        return (f'<figure data-verdict="{h(verdict)}">{self._thumb(image)}<figcaption>'
                f'<span class="v v-{h(verdict)}">{h(verdict)}</span>{_dl(names)}{caption}'
                f"{_dl(facts)}{_c2pa(image['c2pa'])}{_evidence_table(image['ai']['evidence'])}"
                "</figcaption></figure>")

    # -- entries ----------------------------------------------------------------------

    def _open(self, entry: Mapping[str, Any], images: Sequence[Mapping[str, Any]]) -> str:
        findings = entry["findings"]
        self._entries += 1
        for f in findings:
            self._names.setdefault(f["rule"], f["name"])
        rules = sorted({f["rule"] for f in findings if f["suppressed"] is None})
        verdicts = sorted({i["ai"]["verdict"] for i in images})
        marks = f' data-rules="{h(" ".join(rules))}"' if rules else ""
        marks += f' data-verdicts="{h(" ".join(verdicts))}"' if verdicts else ""
        return f'<section class="e {_state(findings)}"{marks}><h3>{t(_label(entry))}</h3>'

    def article(self, entry: Mapping[str, Any]) -> None:
        images = entry["images"]
        meta = [("format", entry["format"]), ("byline", entry["byline"]),
                ("dateline", entry["dateline"]), ("published", entry["published"]),
                ("updated", entry["updated"])]
        headline = f'<p class="hl">{t(entry["headline"])}</p>' if entry["headline"] else ""
        figures = "".join(self._figure(i) for i in images)
        self._write(
            self._open(entry, images) + headline + _dl(meta) + findings_table(entry["findings"])
            + _text_list("Attributions", entry["attributions"], "No attribution found.")
            + (_text_list("AI disclosures", entry["disclaimers"], "No AI disclosure found.")
               if images or entry["disclaimers"] else "")
            + (f'<div class="imgs">{figures}</div>' if images else "")
            + "</section>\n")

    def image(self, entry: Mapping[str, Any]) -> None:
        if not self._images_open:
            self._write("<h2>Standalone images</h2>\n")
            self._images_open = True
        self._write(self._open(entry, [entry]) + findings_table(entry["findings"])
                        + f'<div class="imgs">{self._figure(entry)}</div></section>\n')

    # -- summary ----------------------------------------------------------------------

    def finish(self, tail: Mapping[str, Any]) -> None:
        if self._thumbnailer is not None:
            self._thumbnailer.close()
            self._thumbnailer = None
        s = tail["summary"]
        self._write("</main>\n" + self._summary(s, tail) + "</div>\n"
                        f"<script>{JS}</script>\n</body></html>\n")

    def _summary(self, s: Mapping[str, Any], tail: Mapping[str, Any]) -> str:
        c = s["findings"]
        word = verdict(s)
        css = {"passed": "pass", "failed": "fail"}.get(word, "warning")
        title = ' title="errors were found, but --fail-on never lets the run pass"' \
            if word == "not gated" else ""
        shown = f'<span class="{css}"{title}>{word}</span>'
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
        return (f'<section id="summary"><h2>Summary: {shown}</h2>{run}'
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
