"""One self-contained HTML file for an editor: what to fix first, how, and a record of the review.

Layout, top to bottom: a summary in plain words (what passed, what did not), the review
panel and filters, then every article and standalone image — **entries with errors first,
then warnings, then the rest** (collapsed) — each with its findings by severity, the rule's
"Fix" line and a link to the rule's documentation (included at the end of the page, from the
rule's module docstring, as ``provenance explain`` prints it).

**Review decisions.** The script adds an "Accept…" button to every live finding; an
editor gives a reason, and "Export baseline" downloads the accepted findings — with those
the report already counted as baselined — as a ``provenance baseline`` file (the same
``kind``, ``fingerprint``, ``rule`` and ``path``, plus each ``reason``), which the next
``provenance audit --baseline FILE`` honours. Decisions survive a reload in the browser's
local storage, under a digest of this report's findings.

**Scale.** Entries are spooled to temporary files as they stream in (memory stays flat)
and written at the end, sorted. The first :data:`PAGE` entries are plain HTML (with their
thumbnails in place: the first paint needs no script), then the script, so it runs before
the browser has parsed the rest of the file; the rest go
in pages of :data:`PAGE`, each its entries' HTML deflated and base64-encoded in an inert
``<script type="text/plain">`` block, which the script inflates (``DecompressionStream``)
only when a filter or "Show more" reaches it. A small index at the end (group, AI verdicts, rule and
severity of each finding, per entry) lets the filters work over every entry without
inflating anything. Thumbnails are kept once each in a JSON block, the most urgent entries'
first, within :data:`THUMB_BUDGET` characters; past that a placeholder says the preview was
left out. 10,000 typical articles come to about 4.2 MB (``bench/bench_report.py``).

**Safety.** The file loads nothing: CSS and JS are inline and admitted by hash in a strict
Content-Security-Policy (``html_assets``); data blocks are not scripts, so the CSP does not
run them; images are ``data:`` URIs. Every string from the report is escaped — headlines
and captions are hostile input — and nothing from the report ever becomes a URL: the only
links point at this page's own rule documentation, and from there at the README's rule
table (the same ``helpUri`` as in SARIF).

Thumbnails come from :mod:`provenance.reporters.thumbnails`, the one place pixels are
decoded, always in worker processes, and only for images whose status is ``ok``.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
import re
import shutil
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import IO, Any, TextIO

from provenance.output import safe_text
from provenance.report import counted
from provenance.reporters.html_assets import CSP, CSS, JS
from provenance.reporters.sarif import RULES_URL  # the README's rule table, as in SARIF
from provenance.reporters.thumbnails import ThumbnailPool

PAGE = 25  # entries written as HTML; the rest in pages of this many, inflated on demand
THUMB_BUDGET = 1_000_000  # characters of thumbnail data URIs (~800 previews of ~1.2 KB)
MAX_THUMBS = 100_000  # distinct image paths considered for a preview
THUMB_CHUNK = 64  # thumbnails asked of the pool at a time (the budget is checked between)
EVIDENCE_SHOWN = 160  # characters of an evidence value shown, cut at a word
SEVERITIES = ("error", "warning", "info")
VERDICTS = ("ai-generated", "ai-composite", "not-ai", "unknown")
AI_VERDICTS = ("ai-generated", "ai-composite")
VERDICT_CODES = {"ai-generated": "g", "ai-composite": "c", "not-ai": "n", "unknown": "u"}
GROUPS = (("Fix first", "with errors"), ("Then check", "with warnings"),
          ("The rest", "without errors or warnings"))
_LITERAL = re.compile(r"``(.+?)``")
_FIX = re.compile(r"^Fix:\s*(.*?)(?:\n\s*\n|\Z)", re.S | re.M)
_TOKEN_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_RULE_HELP: dict[str, tuple[str, str] | None] = {}


def h(value: Any) -> str:
    """Escape any report value for HTML text or a quoted attribute (controls and bidi
    overrides shown as escapes, :func:`provenance.output.safe_text`; line breaks and tabs
    kept: evidence such as a PNG ``parameters`` chunk spans lines)."""
    return escape("" if value is None else safe_text(str(value), keep="\n\t"), quote=True)


def t(value: Any) -> str:
    """Escape a report value for element content only (quotes stay as they are: smaller)."""
    return escape("" if value is None else safe_text(str(value), keep="\n\t"), quote=False)


def cut_at_word(text: str, limit: int = EVIDENCE_SHOWN) -> str:
    """``text`` up to ``limit`` characters, cut after a whole word with `` …`` when longer.

    Evidence values arrive cut at 200 characters wherever that fell; an editor should read
    whole words. A single word longer than half the limit is cut where it must be."""
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    head = head[:space] if space > limit // 2 else text[:limit]
    return head.rstrip(" \n\t,;:") + " …"


def rule_help(rule_id: str) -> tuple[str, str] | None:
    """``(fix, documentation)`` of a registered rule — the docstring's "Fix:" paragraph on
    one line, and the whole docstring — or ``None`` for an ID the registry does not know
    (a hand-edited report)."""
    if rule_id not in _RULE_HELP:
        from provenance.validators import RULES

        rule = RULES.get(rule_id)
        if rule is None:
            _RULE_HELP[rule_id] = None
        else:
            doc = inspect.cleandoc(rule.__doc__ or "")
            found = _FIX.search(doc)
            _RULE_HELP[rule_id] = (" ".join(found.group(1).split()) if found else "", doc)
    return _RULE_HELP[rule_id]


def _literals(text: str) -> str:
    """Escaped text with reStructuredText ````literals```` shown as ``<code>``."""
    return _LITERAL.sub(r"<code>\1</code>", t(text))


def _dl(pairs: Iterable[tuple[str, Any]]) -> str:
    """``label value`` items (value in bold) separated by dots, leaving out empty values."""
    items = [f"{t(k)} <b>{t(v)}</b>" for k, v in pairs if v not in (None, "", [])]
    return f'<p class="m">{" · ".join(items)}</p>' if items else ""


def _label(entry: Mapping[str, Any]) -> str:
    index = entry.get("index")
    return str(entry["path"]) + (f" #{index}" if index is not None else "")


def group_of(findings: Sequence[Mapping[str, Any]]) -> int:
    """0: live errors, 1: live warnings, 2: the rest (info, suppressed or nothing)."""
    live = {f["severity"] for f in findings if f["suppressed"] is None}
    return 0 if "error" in live else 1 if "warning" in live else 2


def _rank(f: Mapping[str, Any]) -> tuple[int, int]:
    sev = SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else len(SEVERITIES)
    return (f["suppressed"] is not None, sev)


def _finding_row(f: Mapping[str, Any]) -> str:
    sup = f["suppressed"]
    where = "" if f["line"] is None else f"{f['line']}" + (f":{f['column']}" if f["column"]
                                                             else "")
    # The message usually names the image already; repeat it only when it does not.
    image = f'<div class="m">image {h(f["image"])}</div>' \
        if f["image"] and f["image"] not in f["message"] else ""
    why = f'<div class="m">suppressed ({h(sup["kind"])}): {h(sup["reason"] or "no reason")}' \
          "</div>" if sup else ""
    known = rule_help(f["rule"])
    # Only IDs from the registry become links, and only to this page's own documentation.
    rule = f'<a href="#rule-{f["rule"]}">{f["rule"]}</a>' if known else h(f["rule"])
    fix = f'<div class="fix">How to fix: {_literals(known[0])}</div>' \
        if known and known[0] and not sup else ""
    # The script adds the review button to live rows (data-fp) and reads the severity from
    # the first cell's class and the rule ID from the second cell.
    mark = ' class="f sup"' if sup else f' class="f" data-fp="{h(f["fingerprint"])}"'
    return (f'<tr{mark}><td class="{h(f["severity"])}">{h(f["severity"])}</td>'
            f'<td>{rule} <small>{h(f["name"])}</small></td><td>{where}</td>'
            f"<td>{t(f['message'])}{image}{why}{fix}</td></tr>")


def findings_table(findings: Sequence[Mapping[str, Any]]) -> str:
    """Errors, then warnings, then info; suppressed findings last."""
    if not findings:
        return '<p class="none">No findings.</p>'
    ordered = sorted(enumerate(findings), key=lambda pair: (*_rank(pair[1]), pair[0]))
    rows = "".join(_finding_row(f) for _, f in ordered)
    return f'<div class="tw"><table class="fs">{rows}</table></div>'


def _text_list(title: str, items: Sequence[Mapping[str, Any]], empty: str | None) -> str:
    if not items:
        return f'<p class="none">{empty}</p>' if empty else ""
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
    rows = []
    for e in evidence:
        value = str(e["value"])
        shown = cut_at_word(value)
        full = f' title="{h(value)}"' if shown != value else ""
        rows.append(f"<tr><td>{h(e['source'])}</td><td>{h(e['field'])}</td>"
                    f"<td{full}>{t(shown)}</td></tr>")
    return f'<div class="tw"><table class="ev">{"".join(rows)}</table></div>'


def _badges(findings: Sequence[Mapping[str, Any]]) -> str:
    live = Counter(f["severity"] for f in findings if f["suppressed"] is None)
    parts = [f'<span class="n {s}">{counted(live[s], s)}</span>' for s in SEVERITIES
             if live[s]]
    held = sum(1 for f in findings if f["suppressed"] is not None)
    if held:
        parts.append(f'<span class="n">{held} suppressed</span>')
    return "".join(parts) or '<span class="n ok">no findings</span>'


class _Thumbs:
    """Which image paths have a preview (an id into the page's thumbnail store), which got
    none (``no preview``), and which were left out for the report's size."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.uris: list[str] = []
        self.failed: set[str] = set()
        self.stored: dict[int, str] = {}  # previews later pages refer to: the page's store

    def html(self, image: Mapping[str, Any], inline: bool) -> str:
        """The preview or its placeholder: the data URI itself on the first page (shown
        before any script runs), a reference into the store on later pages."""
        path, status = image.get("path"), image["status"]
        if status != "ok":
            return f'<div class="ph">{h(status)}</div>'
        if path in self.ids:
            ident = self.ids[path]
            if inline:
                return f'<img alt="thumbnail" src="{self.uris[ident]}">'
            self.stored[ident] = self.uris[ident]
            return f'<img alt="thumbnail" data-t="{ident}">'
        why = "no preview" if path in self.failed or not path else \
            "preview left out (report size)"
        return f'<div class="ph">{why}</div>'

    def make(self, root: Path, bound: Path, paths: Sequence[str]) -> None:
        """Thumbnails for ``paths`` in order (most urgent first) until the budget is spent."""
        spent = 0
        with ThumbnailPool() as pool:
            for start in range(0, len(paths), THUMB_CHUNK):
                chunk = paths[start:start + THUMB_CHUNK]
                for path, uri in zip(chunk, pool.data_uris(root, chunk, bound), strict=True):
                    if uri is None:
                        self.failed.add(path)
                    elif spent + len(uri) > THUMB_BUDGET:
                        return  # this one and every later one: left out
                    else:
                        spent += len(uri)
                        self.ids[path] = len(self.uris)
                        self.uris.append(uri)


def _figure(image: Mapping[str, Any], thumbs: _Thumbs, inline: bool) -> str:
    verdict = image["ai"]["verdict"]
    gps, src, path = image["gps"], image.get("src"), image["path"]
    size = f"{image['width']}×{image['height']}" if image["width"] else None
    # The root-relative path only when the src as written does not already show it.
    names = [("src", src), ("path", None if src and path and path.endswith(src) else path)]
    facts = [("status", None if image["status"] == "ok" else image["status"]),
             ("format", image["format"]), ("size", size), ("credit", image["credit"]),
             ("captured", image["captured"]),
             ("GPS", f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else None)]
    caption = f'<p>{t(image["caption"])}</p>' if image.get("caption") else ""
    return (f'<figure data-verdict="{h(verdict)}">{thumbs.html(image, inline)}<figcaption>'
            f'<span class="v v-{h(verdict)}">{h(verdict)}</span>{_dl(names)}{caption}'
            f"{_dl(facts)}{_c2pa(image['c2pa'])}{_evidence_table(image['ai']['evidence'])}"
            "</figcaption></figure>")


def entry_html(kind: str, entry: Mapping[str, Any], thumbs: _Thumbs,
               inline: bool = True) -> str:
    """One article (``kind`` "a") or standalone image ("i") as a ``<details>`` block,
    open when it has errors or warnings; ``inline``: thumbnails as data URIs in place."""
    findings = entry["findings"]
    group = group_of(findings)
    images = entry["images"] if kind == "a" else [entry]
    if kind == "a":
        headline = f'<span class="hl">{t(entry["headline"])}</span>' \
            if entry["headline"] else ""
        meta = _dl([("format", entry["format"]), ("byline", entry["byline"]),
                    ("dateline", entry["dateline"]), ("published", entry["published"]),
                    ("updated", entry["updated"])])
        # "No AI disclosure found" matters only where an image is AI-made.
        needs = any(i["ai"]["verdict"] in AI_VERDICTS for i in images)
        texts = (_text_list("Attributions", entry["attributions"], "No attribution found.")
                 + _text_list("AI disclosures", entry["disclaimers"],
                              "No AI disclosure found." if needs else None))
    else:
        headline, meta, texts = '<span class="hl">standalone image</span>', "", ""
    figures = "".join(_figure(i, thumbs, inline) for i in images)
    return (f'<details class="e g{group}" data-path="{h(entry["path"])}"'
            f'{" open" if group < 2 else ""}><summary><h3>{t(_label(entry))}</h3>'
            f"{_badges(findings)}{headline}</summary>{meta}{findings_table(findings)}{texts}"
            + (f'<div class="imgs">{figures}</div>' if figures else "") + "</details>\n")


def index_record(kind: str, entry: Mapping[str, Any]) -> list[Any]:
    """What the filters need of an entry: group, AI verdict codes, and per finding
    ``RULE:severity-letter`` (``:s`` when suppressed)."""
    images = entry["images"] if kind == "a" else [entry]
    verdicts = "".join(sorted({VERDICT_CODES.get(i["ai"]["verdict"], "u") for i in images}))
    tokens = " ".join(_TOKEN_UNSAFE.sub("_", f["rule"]) + ":" + str(f["severity"])[:1]
                      + (":s" if f["suppressed"] is not None else "")
                      for f in entry["findings"])
    return [group_of(entry["findings"]), verdicts, tokens]


def _json_block(ident: str, value: Any) -> str:
    """A JSON data block: ASCII (no control character goes out raw: paths are kept exactly
    for the baseline export, so they are escaped rather than shown), ``<`` escaped so no
    text can close the element."""
    text = json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{ident}">{text}</script>\n'


def _deflated(html: str) -> str:
    return base64.b64encode(zlib.compress(html.encode("utf-8", "surrogatepass"), 9)) \
        .decode("ascii")


class _JsonArray:
    """A JSON array data block built item by item in a temporary file."""

    def __init__(self) -> None:
        self.count = 0
        self._spool: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=4 << 20, mode="w+", encoding="utf-8")

    def add(self, item: Any) -> None:
        self._spool.write(("," if self.count else "") + json.dumps(item, separators=(",", ":"))
                          .replace("<", "\\u003c"))
        self.count += 1

    def write(self, out: TextIO, ident: str) -> None:
        out.write(f'<script type="application/json" id="{ident}">[')
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, out)
        self._spool.close()
        out.write("]</script>\n")


class HtmlReporter:
    """Spools entries as they stream in; writes the sorted report in ``finish``."""

    def __init__(self, stream: TextIO, *, root: Path | None = None) -> None:
        self._out = stream
        self._root = root
        # Thumbnails are read under the root given here, else under the working directory
        # too: a saved report's own root may say anything (``report render``).
        self._bound = root if root is not None else Path(".")
        self._header: Mapping[str, Any] = {}
        self._spools: list[IO[str]] = [
            tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+",  # noqa: SIM115
                                          encoding="utf-8") for _ in GROUPS]
        self._groups: list[Counter[str]] = [Counter() for _ in GROUPS]
        self._verdicts: Counter[str] = Counter()
        self._names: dict[str, str] = {}
        # Names this report's review in the browser's storage: its findings, not its bytes.
        self._digest = hashlib.sha256()

    def start(self, header: Mapping[str, Any]) -> None:
        self._header = header
        if self._root is None:
            self._root = Path(header["root"])  # relative to the working directory

    def _add(self, kind: str, entry: Mapping[str, Any]) -> None:
        group = group_of(entry["findings"])
        self._groups[group][kind] += 1
        for f in entry["findings"]:
            self._names.setdefault(f["rule"], f["name"])
        for image in (entry["images"] if kind == "a" else [entry]):
            self._verdicts[image["ai"]["verdict"]] += 1
        self._spools[group].write(json.dumps([kind, entry]) + "\n")

    def article(self, entry: Mapping[str, Any]) -> None:
        self._add("a", entry)

    def image(self, entry: Mapping[str, Any]) -> None:
        self._add("i", entry)

    # -- finish -----------------------------------------------------------------------

    def _entries(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Every spooled entry, errors first, then warnings, then the rest."""
        for spool in self._spools:
            spool.seek(0)
            for line in spool:
                kind, entry = json.loads(line)
                yield kind, entry

    def _survey(self) -> tuple[_JsonArray, _JsonArray, _Thumbs]:
        """A first pass over the spooled entries, in report order: the filters' index, the
        baselined findings (for the export) — both spooled, as memory must not grow with
        the archive — and the thumbnails, most urgent first."""
        index, kept = _JsonArray(), _JsonArray()
        order: dict[str, None] = {}
        for kind, entry in self._entries():
            index.add(index_record(kind, entry))
            for f in entry["findings"]:
                self._digest.update(f"{f['fingerprint']}\n".encode("utf-8", "surrogatepass"))
                if f["suppressed"] is not None and f["suppressed"]["kind"] == "baseline":
                    kept.add([f["fingerprint"], f["rule"], entry["path"],
                              f["suppressed"]["reason"]])
            for image in (entry["images"] if kind == "a" else [entry]):
                path = image.get("path")
                if image["status"] == "ok" and path and len(order) < MAX_THUMBS:
                    order.setdefault(path, None)
        thumbs = _Thumbs()
        if order and self._root is not None:
            thumbs.make(self._root, self._bound, list(order))
        return index, kept, thumbs

    def finish(self, tail: Mapping[str, Any]) -> None:
        """Summary, first page, then the script — so it runs before the browser has parsed
        what it only needs on demand — then the later pages, the filters' index, the
        baselined findings and the thumbnail store."""
        index, kept, thumbs = self._survey()
        total = index.count
        self._out.write(self._head() + self._summary(tail) + _review() + self._filters())
        self._out.write('<main id="entries">\n')
        if not total:
            self._out.write('<p class="none">No articles or images were audited.</p>')
        page: list[str] = []
        group, done = -1, 0
        for kind, entry in self._entries():
            html = entry_html(kind, entry, thumbs, inline=done < PAGE)
            done += 1
            if done <= PAGE:
                if group_of(entry["findings"]) != group:
                    group = group_of(entry["findings"])
                    self._out.write(self._group_heading(group))
                self._out.write(html)
                if done == min(PAGE, total):
                    self._out.write(self._middle(total))
                continue
            page.append(html)
            if len(page) == PAGE:
                self._write_page(done // PAGE - 1, page)
                page = []
        if page:
            self._write_page(-(-done // PAGE) - 1, page)
        if not total:
            self._out.write(self._middle(0))
        for spool in self._spools:
            spool.close()
        index.write(self._out, "pv-index")
        kept.write(self._out, "pv-kept")
        self._out.write(_json_block("pv-thumbs", thumbs.stored) + "</div>\n</body></html>\n")

    def _write_page(self, number: int, page: Sequence[str]) -> None:
        self._out.write(f'<script type="text/plain" id="pv-p{number}">{_deflated("".join(page))}'
                        "</script>\n")

    def _head(self) -> str:
        header = self._header
        root = self._root or Path(".")
        # "." says little in a browser tab: the audited folder's own name does.
        shown = header["root"] if header["root"] not in (".", "") else \
            (root.resolve().name or ".")
        title = f"provenance report — {shown}"
        return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
                f'<meta http-equiv="Content-Security-Policy" content="{h(CSP)}">\n'
                '<meta name="referrer" content="no-referrer">\n'
                '<meta name="generator" content="provenance">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{h(title)}</title>\n<style>{CSS}</style></head>\n"
                f'<body><div class="page"><h1>{h(title)}</h1>\n')

    def _group_heading(self, group: int) -> str:
        n = sum(self._groups[group].values())
        first, what = GROUPS[group]
        return f'<h2 class="grp g{group}">{first} — {_entries_word(n)} {what}</h2>\n'

    def _middle(self, total: int) -> str:
        """What follows the first page: the rule documentation, the few facts the script
        needs at once, and the script."""
        rest = max(0, total - PAGE)
        note = f"<noscript><p class=\"none\">{_entries_word(rest)} more are in this file: " \
               "open it with JavaScript on to see them.</p></noscript>" if rest else ""
        tool = self._header.get("tool", {})
        meta = {"page": PAGE, "n": total, "id": self._digest.hexdigest()[:16],
                "sv": self._header.get("schema_version"),
                "tool": {"name": tool.get("name"), "version": tool.get("version")}}
        return ('</main>\n<div id="more" hidden><button type="button" id="more-btn">Show more'
                f"</button></div>{note}\n{self._rule_docs()}"
                + _json_block("pv-meta", meta) + f"<script>{JS}</script>\n")

    # -- summary ----------------------------------------------------------------------

    def _summary(self, tail: Mapping[str, Any]) -> str:
        s = tail["summary"]
        headline, css = plain_verdict(s, [sum(c.values()) for c in self._groups])
        head = self._header
        run = _dl([("root", head.get("root")), ("tool", f"{head['tool']['name']} "
                   f"{head['tool']['version']}"), ("generated", head.get("generated_at"))])
        return (f'<section id="summary"><h2 class="{css}">{t(headline)}</h2>'
                f"{self._outcome(s)}{run}{self._by_rule(s['by_rule'])}"
                f"{self._verdict_table()}{self._errors(tail)}</section>\n")

    def _outcome(self, s: Mapping[str, Any]) -> str:
        """What passed and what did not, a line each, in words."""
        c = s["findings"]
        items = []
        for group, (css, what) in enumerate((("fail", "errors: fix before publishing"),
                                             ("warning", "warnings: check them"),
                                             ("pass", "no errors or warnings"))):
            kinds = self._groups[group]
            if kinds["a"] or kinds["i"] or group == 2:
                items.append(f'<li class="{css}">{_kinds(kinds)} with {what}</li>')
        if c["info"]:
            items.append(f"<li>{counted(c['info'], 'note')} for information only</li>")
        held = [(s["suppressed"], "suppressed in the text with a reason"),
                (s["baselined"], "accepted in the baseline"),
                (s["stale_baseline"], "baseline entries no longer found")]
        items += [f"<li>{n} {what}</li>" for n, what in held if n]
        if s["skipped"]:
            items.append(f"<li>{s['skipped']} files skipped (not articles)</li>")
        return f'<ul class="outcome">{"".join(items)}</ul>'

    def _by_rule(self, by_rule: Mapping[str, int]) -> str:
        if not by_rule:
            return ""
        rows = []
        for r, n in by_rule.items():
            rule = f'<a href="#rule-{r}">{r}</a>' if rule_help(r) else h(r)
            rows.append(f'<tr><td>{rule}</td><td>{h(self._names.get(r, ""))}</td>'
                        f'<td class="n">{n}</td></tr>')
        return f'<h4>Findings by rule</h4><div class="tw"><table>{"".join(rows)}</table></div>'

    def _verdict_table(self) -> str:
        if not self._verdicts:
            return ""
        cells = "".join(f'<span class="v v-{v}">{v}</span> {self._verdicts[v]} '
                        for v in VERDICTS if self._verdicts[v])
        return f'<h4>AI verdicts of the images</h4><p class="vs">{cells.strip()}</p>'

    def _errors(self, tail: Mapping[str, Any]) -> str:
        parts = []
        if tail["errors"]:
            lis = "".join(f"<li>{h(e['stage'])} — {h(e['path'])}: {h(e['message'])}</li>"
                          for e in tail["errors"])
            parts.append(f'<h4 class="fail">Internal errors (the audit is incomplete)</h4>'
                         f"<ul>{lis}</ul>")
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
                '<span id="f-count" class="m"></span></div>\n')

    def _rule_docs(self) -> str:
        """Each rule of the report, documented as ``provenance explain`` prints it."""
        docs = []
        for rid in sorted(self._names):
            known = rule_help(rid)
            if known:
                docs.append(f'<details class="rule" id="rule-{rid}"><summary>{rid} '
                            f"{h(self._names[rid])}</summary><pre>{t(known[1])}</pre>"
                            f'<p class="m">Also in the README: <a href="{h(RULES_URL)}" '
                            'rel="noopener noreferrer" target="_blank">the rules</a></p>'
                            "</details>")
        return f'<section id="rules"><h2>The rules in this report</h2>{"".join(docs)}' \
               "</section>\n" if docs else ""


def _review() -> str:
    return ('<section id="review" hidden><p><b>Your review:</b> '
            '<span id="rv-count">No findings accepted in this review.</span> '
            '<button type="button" id="rv-export">Export baseline</button></p>'
            '<p class="m">Accept a finding with a reason to record that it was reviewed; '
            "“Export baseline” saves your decisions (with those accepted before) as a "
            "baseline file: the next audit run with <code>--baseline FILE</code> no longer "
            "counts them.</p>"
            '<textarea id="rv-out" readonly hidden rows="8" aria-label="baseline file">'
            "</textarea></section>\n")


def _entries_word(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _kinds(kinds: Counter[str]) -> str:
    """``2 articles and 1 image``, ``0 articles``."""
    parts = [counted(kinds["a"], "article")] if kinds["a"] or not kinds["i"] else []
    if kinds["i"]:
        parts.append(counted(kinds["i"], "image"))
    return " and ".join(parts)


def plain_verdict(s: Mapping[str, Any], groups: Sequence[int]) -> tuple[str, str]:
    """The summary's headline in an editor's words, and its CSS class.

    ``groups``: how many entries have errors, warnings, neither. "Passed" is the gate's
    answer (nothing at or above ``--fail-on``); a run with errors that passed only because
    the gate is off says so rather than "passed"."""
    errors, warnings = groups[0], groups[1]
    todo = []
    if errors:
        todo.append(f"{_entries_word(errors)} with errors to fix")
    if warnings:
        todo.append(f"{_entries_word(warnings)} with warnings to check")
    work = " and ".join(todo)
    if not s["passed"]:
        return f"Did not pass: {work or 'findings at the failing level'}", "fail"
    if errors:
        return f"Not blocked, but not clean: {work} (this run was set never to fail)", \
            "warning"
    if warnings:
        return f"Passed: no errors; {work}", "pass"
    return "Passed: no errors or warnings", "pass"
