"""The HTML report's inline stylesheet and script, and the Content-Security-Policy that admits them.

They are inline because the report is ONE file that works from disk, offline, without a
server. The CSP allows exactly these two blocks by their SHA-256 hashes and images only as
``data:`` URIs; everything else — network fetches, other scripts, inline ``style=``
attributes, forms, ``<base>`` — is refused, so hostile text that slipped through escaping
still could not load or run anything.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--err:#b3261e;--warn:#8a5a00;--info:#1f5f99;--ok:#1e7a34;--mut:#5f6368;--bd:#d7d7db}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1f;
background:#f6f6f8}
.page{display:flex;flex-direction:column;max-width:1180px;margin:0 auto;padding:16px}
.page>h1{order:-2;margin:0 0 8px;font-size:22px}
#summary{order:-1}
#summary,.e{background:#fff;border:1px solid var(--bd);border-radius:8px;padding:12px 16px;
margin:0 0 12px}
h2{font-size:18px;margin:8px 0}h3{font-size:15px;margin:0 0 4px;word-break:break-all}
h4{font-size:13px;margin:10px 0 4px;color:var(--mut);text-transform:uppercase}
table{border-collapse:collapse;margin:4px 0;font-size:13px}
th,td{border-bottom:1px solid var(--bd);padding:3px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.hl{font-size:16px;font-weight:600;margin:2px 0 6px}
.m{color:var(--mut);font-size:12px;margin:2px 0}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
table.fs td:first-child{font-weight:700;text-transform:uppercase;font-size:11px}
table.fs td:nth-child(3){text-align:right}
table.fs{width:100%}table.fs td:nth-child(2){white-space:nowrap}
table.ev{margin-top:6px}table.ev td{font-size:12px;overflow-wrap:normal}
table.ev td:first-child,table.ev th:first-child{white-space:nowrap}
table.ev td:last-child{overflow-wrap:anywhere}
small{color:var(--mut)}
tr.sup td{color:var(--mut)}tr.sup td:nth-child(-n+3){text-decoration:line-through}
.pass{color:var(--ok)}.fail{color:var(--err)}
.e.s-fail{border-left:4px solid var(--err)}.e.s-warn{border-left:4px solid var(--warn)}
.e.s-clean{border-left:4px solid var(--ok)}
ul{margin:2px 0;padding-left:20px}
.imgs{display:flex;flex-wrap:wrap;gap:10px;margin-top:6px}
figure{margin:0;display:flex;gap:10px;border:1px solid var(--bd);border-radius:6px;padding:8px;
flex:1 1 520px;min-width:0}
figure img,.ph{width:96px;height:96px;object-fit:contain;flex:none;background:#eee;
border-radius:4px}
.ph{display:flex;align-items:center;justify-content:center;text-align:center;font-size:11px;
color:var(--mut);padding:4px}
figcaption{min-width:0;flex:1;overflow-wrap:anywhere}
.v{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;
background:#e8e8ec}
.v-ai-generated{background:#fde2e0;color:var(--err)}
.v-ai-composite{background:#fdecd0;color:var(--warn)}.v-not-ai{background:#dcefe1;color:var(--ok)}
#filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-top:8px;padding-top:8px;
border-top:1px solid var(--bd)}
#filters label{white-space:nowrap}
.none{color:var(--mut);font-style:italic;margin:2px 0}
[hidden]{display:none!important}
"""

JS = """
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function copyThumbnails() {
    document.querySelectorAll("img[data-same]").forEach(function (img) {
      var first = $(img.getAttribute("data-same"));
      if (first) { img.src = first.src; }
    });
  }
  function rowVisible(row, f) {
    var rule = row.cells[1].textContent.split(" ")[0], sev = row.cells[0].className;
    return (!f.rule || rule === f.rule) && f.sev[sev] &&
      (f.sup || !row.classList.contains("sup"));
  }
  function entryVisible(entry, f) {
    var hits = 0;
    entry.querySelectorAll("tr.f").forEach(function (row) {
      var ok = rowVisible(row, f);
      row.hidden = !ok;
      if (ok && !row.classList.contains("sup")) { hits += 1; }
    });
    var verdicts = (entry.getAttribute("data-verdicts") || "").split(" ");
    if (f.verdict && verdicts.indexOf(f.verdict) < 0) { return false; }
    var narrowed = f.rule || !f.sev.error || !f.sev.warning || !f.sev.info;
    return hits > 0 || (!narrowed && f.clean);
  }
  function apply() {
    var f = {rule: $("f-rule").value, verdict: $("f-verdict").value,
      clean: $("f-clean").checked, sup: $("f-sup").checked,
      sev: {error: $("f-error").checked, warning: $("f-warning").checked,
        info: $("f-info").checked}};
    var shown = 0, all = document.querySelectorAll("section.e");
    all.forEach(function (entry) {
      var ok = entryVisible(entry, f);
      entry.hidden = !ok;
      if (ok) { shown += 1; }
    });
    $("f-count").textContent = shown + " of " + all.length + " shown";
  }
  // Filters live in the URL fragment (#rule=AID001&sev=error&verdict=ai-generated&clean=0)
  // so a reviewer can share a filtered view; nothing leaves the page.
  function fromHash() {
    var p = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      try {
        if (i > 0) { p[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
      } catch (e) { /* a malformed fragment is ignored */ }
    });
    if (p.rule !== undefined) { $("f-rule").value = p.rule; }
    if (p.verdict !== undefined) { $("f-verdict").value = p.verdict; }
    if (p.sev !== undefined) {
      ["error", "warning", "info"].forEach(function (s) {
        $("f-" + s).checked = p.sev.split(",").indexOf(s) >= 0;
      });
    }
    if (p.clean !== undefined) { $("f-clean").checked = p.clean !== "0"; }
    if (p.sup !== undefined) { $("f-sup").checked = p.sup !== "0"; }
  }
  function toHash() {
    var sev = ["error", "warning", "info"].filter(function (s) { return $("f-" + s).checked; });
    var hash = "#rule=" + encodeURIComponent($("f-rule").value) + "&sev=" + sev.join(",") +
      "&verdict=" + encodeURIComponent($("f-verdict").value) + "&clean=" +
      ($("f-clean").checked ? 1 : 0) + "&sup=" + ($("f-sup").checked ? 1 : 0);
    try { history.replaceState(null, "", hash); } catch (e) { /* file: URLs may refuse */ }
  }
  copyThumbnails();
  var filters = $("filters");
  if (!filters) { return; }
  filters.hidden = false;
  filters.addEventListener("change", function () { apply(); toHash(); });
  fromHash();
  apply();
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()) \
        .decode("ascii") + "'"


# No network at all: default-src 'none' also covers connect, font, media, frame, worker.
CSP = ("default-src 'none'; img-src data:; "
       f"style-src {_sha256(CSS)}; script-src {_sha256(JS)}; "
       "base-uri 'none'; form-action 'none'")
