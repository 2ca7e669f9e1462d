"""Plain-text views for ``provenance inspect`` and ``provenance extract``.

``inspect`` shows a photo desk what one image's metadata says; ``extract`` shows how an
article was read — every block with its zone — so a person can see why a line counted as
an attribution or a disclosure, or why it did not.

Every value comes from a hostile file and lands on a terminal: it goes through
:func:`provenance.output.safe_text` (line breaks, ESC/OSC sequences and bidi controls
shown as escapes), so no line printed here starts with anything but this module's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from provenance.output import safe_line, safe_text


def _s(value: Any) -> str:
    """A value for one line of the view (``-`` for ``None``)."""
    return "-" if value is None else safe_text(str(value))


def inspect_text(entry: Mapping[str, Any], out: TextIO) -> None:
    size = f"{entry['width']}x{entry['height']}" if entry["width"] else "?"
    out.write(f"{safe_line(entry['path'])}  {_s(entry['status'])}  {_s(entry['format'] or None)}  "
              f"{size}\n")
    ai, c2pa = entry["ai"], entry["c2pa"]
    out.write(f"  AI verdict: {ai['verdict']}\n")
    for ev in ai["evidence"]:
        value = " ".join(ev["value"].split())  # one line per evidence item
        out.write(f"    {_s(ev['source']):<15} {_s(ev['field'])}: {safe_text(value)}\n")
    out.write(f"  C2PA: present={c2pa['present']} validation={c2pa['validation']} "
              f"integrity={c2pa['integrity']} trust={c2pa['trust']}\n")
    if c2pa["claim_generator"] or c2pa["signer"]:
        out.write(f"    claim generator: {_s(c2pa['claim_generator'] or None)}; "
                  f"signer: {_s(c2pa['signer'] or None)}\n")
    if c2pa["codes"]:
        out.write(f"    codes: {_s(', '.join(c2pa['codes']))}\n")
    gps = entry["gps"]
    where = f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else "-"
    out.write(f"  credit: {_s(entry['credit'] or None)}; "
              f"captured: {_s(entry['captured'] or None)}; GPS: {where}\n")
    for f in entry["findings"]:
        out.write(f"  {f['severity']:<7} {_s(f['rule'])}  {_s(f['message'])}\n")


def extract_text(entry: Mapping[str, Any], out: TextIO) -> None:
    title = _s(entry["path"]) + (f" #{entry['index']}" if entry["index"] is not None else "")
    out.write(f"== {title} ({_s(entry['format'] or None)})\n")
    for key in ("headline", "byline", "dateline", "published", "updated"):
        out.write(f"   {key}: {_s(entry[key])}\n")
    if "layout" in entry:
        out.write(f"   layout: {_s(entry['layout'])}\n")
    for block in entry["blocks"]:
        line = block["line"] if block["line"] is not None else "-"
        image = f" [image {_s(block['image'])}]" if block["image"] else ""
        out.write(f"{line:>5} {_s(block['zone']):<11}| {safe_text(block['text'])}{image}\n")
    for a in entry["attributions"]:
        out.write(f"   attribution ({_s(a['source'])}, {_s(a['zone'])}, line {a['line']}): "
                  f"{_s(a['text'])}\n")
    for d in entry["disclaimers"]:
        out.write(f"   disclosure ({_s(d['zone'])}, line {d['line']}, "
                  f"image {safe_text(str(d['image']))}): {_s(d['text'])}\n")
    for img in entry["images"]:
        caption = f" caption: {safe_text(img['caption'])}" if img["caption"] else ""
        out.write(f"   image {_s(img['src'])} -> {_s(img['status'])}{caption}\n")
    out.write("\n")
