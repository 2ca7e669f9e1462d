"""The HTML report's inline stylesheet and script, and the Content-Security-Policy that admits them.

They are inline because the report is ONE file that works from disk, offline, without a
server. The CSP allows exactly these two blocks by their SHA-256 hashes and images only as
``data:`` URIs; everything else — network fetches, other scripts, inline ``style=``
attributes, forms, ``<base>`` — is refused, so hostile text that slipped through escaping
still could not load or run anything. The report's data blocks (``application/json`` and the
deflated pages in ``text/plain``) are not scripts: the browser never runs them, and the CSP
needs no entry for them.

The script: lists the later pages of entries on demand (inflated with
``DecompressionStream``), filters over an index of every entry, keeps the filters in the URL
fragment, and records review decisions — "Accept…" with a required reason on each live
finding — which "Export baseline" downloads (and shows) as a ``provenance baseline`` file.
Nothing leaves the page but that download.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--err:#b3261e;--warn:#8a5a00;--info:#1f5f99;--ok:#1e7a34;--mut:#5f6368;--bd:#d7d7db}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1f;
background:#f6f6f8;overflow-wrap:anywhere}
.page{max-width:1180px;margin:0 auto;padding:16px}
.page>h1{margin:0 0 8px;font-size:22px}
#summary,#review,#rules,.e{background:#fff;border:1px solid var(--bd);border-radius:8px;
padding:12px 16px;margin:0 0 12px}
h2{font-size:18px;margin:8px 0}#review p{margin:2px 0}
h3{display:inline;font-size:15px;margin:0 8px 0 0}
h2.grp{margin:18px 0 8px}h2.g0{color:var(--err)}h2.g1{color:var(--warn)}h2.g2{color:var(--mut)}
h4{font-size:13px;margin:10px 0 4px;color:var(--mut);text-transform:uppercase}
.tw{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:4px 0;font-size:13px}
th,td{border-bottom:1px solid var(--bd);padding:3px 8px;text-align:left;vertical-align:top;
overflow-wrap:normal}
td.n,th.n{text-align:right}
.hl{display:block;font-size:16px;font-weight:600;margin:2px 0}
.m{color:var(--mut);font-size:12px;margin:2px 0}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
table.fs td:first-child{font-weight:700;text-transform:uppercase;font-size:11px}
table.fs td:nth-child(3){text-align:right}
table.fs{width:100%}table.fs td:nth-child(2){white-space:nowrap}
table.fs td:nth-child(4){min-width:14em;overflow-wrap:anywhere}
.fix{margin:3px 0;padding:2px 6px;border-left:3px solid var(--ok);background:#f1f8f3}
code{font-size:12px;background:#eef0f3;padding:0 3px;border-radius:3px}
table.ev{margin-top:6px}table.ev td{font-size:12px}
table.ev td:first-child{white-space:nowrap}
table.ev td:last-child{overflow-wrap:anywhere;min-width:10em}
small{color:var(--mut)}
tr.sup td{color:var(--mut)}tr.sup td:nth-child(-n+3){text-decoration:line-through}
tr.acc td{background:#f4f4f6}tr.acc td:nth-child(-n+3){color:var(--mut)}
td.d{white-space:nowrap}td.d input{width:12em;max-width:60vw}
.pass{color:var(--ok)}.fail{color:var(--err)}
ul.outcome{list-style:none;padding:0;margin:4px 0 8px;font-size:15px}
ul.outcome li.fail::before{content:"✗ "}ul.outcome li.warning::before{content:"! "}
ul.outcome li.pass::before{content:"✓ "}
.e{padding:0;content-visibility:auto;contain-intrinsic-size:auto 320px}
.e>summary{padding:10px 16px;cursor:pointer}
.e>*:not(summary){margin-left:16px;margin-right:16px}.e>*:last-child{margin-bottom:12px}
.e.g0{border-left:4px solid var(--err)}.e.g1{border-left:4px solid var(--warn)}
.e.g2{border-left:4px solid var(--ok)}
span.n{display:inline-block;font-size:12px;font-weight:600;margin-right:8px}
span.n.ok{color:var(--ok)}
ul{margin:2px 0;padding-left:20px}
.imgs{display:flex;flex-wrap:wrap;gap:10px;margin-top:6px}
figure{margin:0;display:flex;gap:10px;border:1px solid var(--bd);border-radius:6px;padding:8px;
flex:1 1 520px;min-width:0}
figure img,.ph{width:96px;height:96px;object-fit:contain;flex:none;background:#eee;
border-radius:4px}
.ph{display:flex;align-items:center;justify-content:center;text-align:center;font-size:11px;
color:var(--mut);padding:4px}
figcaption{min-width:0;flex:1}
.v{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;
background:#e8e8ec}
.v-ai-generated{background:#fde2e0;color:var(--err)}
.v-ai-composite{background:#fdecd0;color:var(--warn)}.v-not-ai{background:#dcefe1;color:var(--ok)}
#filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin:0 0 12px}
#filters label{white-space:nowrap}
#more{margin:12px 0;text-align:center}
button{font:inherit;font-size:13px;padding:2px 8px;margin:1px 2px}
textarea{width:100%;font:12px monospace}
details.rule{margin:4px 0}details.rule pre{white-space:pre-wrap;font-size:12px;margin:4px 0}
.none{color:var(--mut);font-style:italic;margin:2px 0}
[hidden]{display:none!important}
@media (max-width:600px){
.page{padding:8px}#summary,#review,#rules{padding:8px 10px}
.e>summary{padding:8px 10px}.e>*:not(summary){margin-left:10px;margin-right:10px}
figure{flex-direction:column;flex-basis:100%}
table.fs,table.fs tbody{display:block}
table.fs tr{display:grid;grid-template-columns:auto auto 1fr;gap:0 6px;padding:4px 0;
border-bottom:1px solid var(--bd)}
table.fs td{border:0;padding:1px 2px;min-width:0}
table.fs td:nth-child(3){text-align:left}
table.fs td:nth-child(n+4){grid-column:1/-1;min-width:0}
table.ev,table.ev tbody{display:block}
table.ev tr{display:grid;grid-template-columns:auto 1fr;border-bottom:1px solid var(--bd)}
table.ev td{border:0;min-width:0}table.ev td:nth-child(2){overflow-wrap:anywhere}
table.ev td:last-child{grid-column:1/-1;min-width:0}
}
"""

JS = """
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function data(id) { var el = $(id); return el ? JSON.parse(el.textContent) : null; }
  var IX = data("pv-meta");
  if (!IX) { return; }
  // The script comes right after the first page: the later pages and the thumbnail store
  // follow it, so they are read once the document is parsed, and only when needed.
  var E = null, KEPT = null, THUMBS = null;
  var parsed = new Promise(function (resolve) {
    if (document.readyState !== "loading") { resolve(); return; }
    document.addEventListener("DOMContentLoaded", function () { resolve(); });
  });
  var P = IX.page, N = IX.n, list = $("entries");
  var nodes = new Array(N), pages = {}, decisions = {}, limit = P, turn = 0;
  var SEV = {e: "error", w: "warning", i: "info"};
  var CODE = {"ai-generated": "g", "ai-composite": "c", "not-ai": "n", "unknown": "u"};
  var GROUP = [["Fix first", "with errors"], ["Then check", "with warnings"],
    ["The rest", "without errors or warnings"]];
  function entries(n) { return n + (n === 1 ? " entry" : " entries"); }
  function button(label, act) {
    var b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.setAttribute("data-act", act);
    return b;
  }
  // -- entries: thumbnails and review buttons, once per entry ------------------------
  function showDecision(row) {
    var cell = row.lastChild, d = decisions[row.getAttribute("data-fp")];
    cell.textContent = "";
    row.classList.toggle("acc", !!d);
    if (d) {
      var note = document.createElement("div");
      note.className = "m"; note.textContent = "accepted: " + d.reason;
      cell.appendChild(note); cell.appendChild(button("Undo", "undo"));
    } else {
      cell.appendChild(button("Accept\\u2026", "accept"));
    }
  }
  function prepare(node) {
    node.querySelectorAll("img[data-t]").forEach(function (img) {
      if (THUMBS === null) { THUMBS = data("pv-thumbs") || {}; }
      var uri = THUMBS[img.getAttribute("data-t")];
      if (typeof uri === "string" && /^data:image\\/webp;base64,/.test(uri)) {
        img.src = uri;
      }
    });
    node.querySelectorAll("tr.f[data-fp]").forEach(function (row) {
      var cell = document.createElement("td");
      cell.className = "d"; row.appendChild(cell); showDecision(row);
    });
  }
  // Pages after the first are deflated HTML in inert blocks, inflated when first needed.
  function load(p) {
    if (!pages[p]) {
      pages[p] = parsed.then(function () {
        var bin = atob($("pv-p" + p).textContent), bytes = new Uint8Array(bin.length);
        for (var k = 0; k < bin.length; k++) { bytes[k] = bin.charCodeAt(k); }
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
        return new Response(stream).text();
      }).then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html;
        var got = tpl.content.children;
        for (var j = 0; j < got.length; j++) {
          nodes[p * P + j] = document.importNode(got[j], true);
          prepare(nodes[p * P + j]);
        }
      });
    }
    return pages[p];
  }
  // -- filters: over the index of every entry, rows within the entries shown ---------
  function current() {
    return {rule: $("f-rule").value, verdict: $("f-verdict").value,
      clean: $("f-clean").checked, sup: $("f-sup").checked,
      sev: {error: $("f-error").checked, warning: $("f-warning").checked,
        info: $("f-info").checked}};
  }
  function matches(i, f) {
    var e = E[i], hits = 0;
    if (f.verdict && e[1].indexOf(CODE[f.verdict]) < 0) { return false; }
    (e[2] ? e[2].split(" ") : []).forEach(function (token) {
      var p = token.split(":");
      if (!p[2] && (!f.rule || p[0] === f.rule) && f.sev[SEV[p[1]]]) { hits += 1; }
    });
    var narrowed = f.rule || !f.sev.error || !f.sev.warning || !f.sev.info;
    return hits > 0 || (!narrowed && f.clean);
  }
  function showRows(node, f) {
    node.querySelectorAll("tr.f").forEach(function (row) {
      var rule = row.cells[1].textContent.split(" ")[0], sev = row.cells[0].className;
      row.hidden = !((!f.rule || rule === f.rule) && f.sev[sev] &&
        (f.sup || !row.classList.contains("sup")));
    });
  }
  function heading(g, n) {
    var el = document.createElement("h2");
    el.className = "grp g" + g;
    el.textContent = GROUP[g][0] + " \\u2014 " + entries(n) + " " + GROUP[g][1];
    return el;
  }
  function render() {
    var f = current(), mine = ++turn;
    return parsed.then(function () {
      if (E === null) { E = data("pv-index"); }
      var shown = [], counts = [0, 0, 0], need = {};
      for (var i = 0; i < N; i++) {
        if (matches(i, f)) { shown.push(i); counts[E[i][0]] += 1; }
      }
      var first = shown.slice(0, limit);
      first.forEach(function (i) { if (!nodes[i]) { need[Math.floor(i / P)] = true; } });
      return Promise.all(Object.keys(need).map(function (p) { return load(+p); }))
        .then(function () {
          if (mine !== turn) { return; }
          place(first, counts, f);
          count(shown.length, first.length);
        });
    });
  }
  function place(first, counts, f) {
    var frag = document.createDocumentFragment(), g = -1;
    first.forEach(function (i) {
      if (E[i][0] !== g) { g = E[i][0]; frag.appendChild(heading(g, counts[g])); }
      showRows(nodes[i], f);
      frag.appendChild(nodes[i]);
    });
    if (!first.length) {
      var none = document.createElement("p");
      none.className = "none"; none.textContent = "No entry matches these filters.";
      frag.appendChild(none);
    }
    list.textContent = "";
    list.appendChild(frag);
  }
  function count(shown, first) {
    $("f-count").textContent = shown + " of " + N + " shown" +
      (shown > first ? " (first " + first + " listed)" : "");
    var left = shown - first;
    $("more").hidden = left <= 0;
    $("more-btn").textContent = "Show " + Math.min(P, left) + " more (" + left + " left)";
    if (!document.body.hasAttribute("data-rendered")) {
      document.body.setAttribute("data-rendered", "1");
      if (window.performance && performance.mark) { performance.mark("provenance-rendered"); }
    }
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
  // -- review decisions: accepted findings exported as a provenance baseline ----------
  function baseline() {
    var seen = {}, items = [];
    function add(fp, rule, path, reason) {
      if (seen[fp]) { return; }
      seen[fp] = true;
      items.push({fingerprint: fp, rule: rule, path: path, reason: reason});
    }
    if (KEPT === null) { KEPT = data("pv-kept") || []; }
    KEPT.forEach(function (k) { add(k[0], k[1], k[2], k[3]); });
    Object.keys(decisions).forEach(function (fp) {
      var d = decisions[fp];
      add(fp, d.rule, d.path, d.reason);
    });
    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
    items.sort(function (a, b) {
      return cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint);
    });
    return JSON.stringify({kind: "provenance-baseline", schema_version: IX.sv, tool: IX.tool,
      findings: items}, null, 2) + "\\n";
  }
  // Decisions survive a reload of this report (and only this one: the key is a digest of
  // its findings) in the browser's local storage; nothing leaves the machine.
  var STORE = "provenance-review:" + IX.id;
  function restore() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { saved = {}; }
    Object.keys(saved).forEach(function (fp) {
      var d = saved[fp];
      if (d && typeof d.rule === "string" && typeof d.path === "string" &&
          typeof d.reason === "string" && d.reason) {
        decisions[fp] = {rule: d.rule, path: d.path, reason: d.reason};
      }
    });
  }
  function review() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); } catch (e) { /* none */ }
    var n = Object.keys(decisions).length;
    $("rv-count").textContent = n ? n + (n === 1 ? " finding" : " findings") +
      " accepted in this review." : "No findings accepted in this review.";
  }
  function decide(row, act) {
    var fp = row.getAttribute("data-fp"), cell = row.lastChild;
    if (act === "accept") {
      cell.textContent = "";
      var input = document.createElement("input");
      input.type = "text"; input.className = "reason"; input.placeholder = "reason (required)";
      input.setAttribute("aria-label", "reason for accepting this finding");
      cell.appendChild(input); cell.appendChild(button("Save", "save"));
      cell.appendChild(button("Cancel", "cancel"));
      input.focus();
      return;
    }
    if (act === "save") {
      var reason = row.querySelector("input.reason").value.trim();
      if (!reason) { row.querySelector("input.reason").focus(); return; }
      decisions[fp] = {rule: row.cells[1].textContent.split(" ")[0],
        path: row.closest(".e").getAttribute("data-path"), reason: reason};
    } else if (act === "undo") {
      delete decisions[fp];
    }
    showDecision(row);
    review();
  }
  list.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-act]");
    if (b) { decide(b.closest("tr.f"), b.getAttribute("data-act")); }
  });
  list.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.classList.contains("reason")) {
      decide(ev.target.closest("tr.f"), "save");
    }
  });
  $("rv-export").addEventListener("click", function () {
    if (document.readyState === "loading") { parsed.then(exportNow); } else { exportNow(); }
  });
  function exportNow() {
    var text = baseline(), out = $("rv-out");
    out.value = text; out.hidden = false;
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: "application/json"}));
    a.download = "provenance-baseline.json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
  }
  // A rule link opens that rule's documentation without touching the filters' fragment.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[href^='#rule-']");
    if (!a) { return; }
    var doc = $(a.getAttribute("href").slice(1));
    if (doc) { ev.preventDefault(); doc.open = true; doc.scrollIntoView(); }
  });
  // -- start: the first page is already in the document ------------------------------
  restore();
  var first = list.querySelectorAll(":scope > .e");
  for (var i = 0; i < first.length; i++) { nodes[i] = first[i]; prepare(first[i]); }
  review();
  $("review").hidden = false;
  $("filters").hidden = false;
  $("filters").addEventListener("change", function () { limit = P; render(); toHash(); });
  $("more-btn").addEventListener("click", function () { limit += P; render(); });
  // With the default filters the first page as written is the view: nothing to redo, and
  // the index of every entry is read when a filter first changes.
  if (location.hash) {
    fromHash();
    render();
  } else {
    count(N, Math.min(N, P));
  }
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()) \
        .decode("ascii") + "'"


# No network at all: default-src 'none' also covers connect, font, media, frame, worker.
CSP = ("default-src 'none'; img-src data:; "
       f"style-src {_sha256(CSS)}; script-src {_sha256(JS)}; "
       "base-uri 'none'; form-action 'none'")
