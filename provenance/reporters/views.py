"""Plain-text views for ``provenance inspect`` and ``provenance extract``.

``inspect`` shows a photo desk what one image's metadata says; ``extract`` shows how an
article was read — every block with its zone — so a person can see why a line counted as
an attribution or a disclosure, or why it did not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO


def inspect_text(entry: Mapping[str, Any], out: TextIO) -> None:
    size = f"{entry['width']}x{entry['height']}" if entry["width"] else "?"
    out.write(f"{entry['path']}  {entry['status']}  {entry['format'] or '-'}  {size}\n")
    ai, c2pa = entry["ai"], entry["c2pa"]
    out.write(f"  AI verdict: {ai['verdict']}\n")
    for ev in ai["evidence"]:
        value = " ".join(ev["value"].split())  # one line per evidence item
        out.write(f"    {ev['source']:<15} {ev['field']}: {value}\n")
    out.write(f"  C2PA: present={c2pa['present']} validation={c2pa['validation']} "
              f"integrity={c2pa['integrity']} trust={c2pa['trust']}\n")
    if c2pa["claim_generator"] or c2pa["signer"]:
        out.write(f"    claim generator: {c2pa['claim_generator'] or '-'}; "
                  f"signer: {c2pa['signer'] or '-'}\n")
    if c2pa["codes"]:
        out.write(f"    codes: {', '.join(c2pa['codes'])}\n")
    gps = entry["gps"]
    where = f"{gps['lat']:.5f}, {gps['lon']:.5f}" if gps else "-"
    out.write(f"  credit: {entry['credit'] or '-'}; captured: {entry['captured'] or '-'}; "
              f"GPS: {where}\n")
    for f in entry["findings"]:
        out.write(f"  {f['severity']:<7} {f['rule']}  {f['message']}\n")


def extract_text(entry: Mapping[str, Any], out: TextIO) -> None:
    title = entry["path"] + (f" #{entry['index']}" if entry["index"] is not None else "")
    out.write(f"== {title} ({entry['format']})\n")
    for key in ("headline", "byline", "dateline", "published", "updated"):
        out.write(f"   {key}: {entry[key] if entry[key] is not None else '-'}\n")
    for block in entry["blocks"]:
        line = block["line"] if block["line"] is not None else "-"
        image = f" [image {block['image']}]" if block["image"] else ""
        out.write(f"{line:>5} {block['zone']:<11}| {block['text']}{image}\n")
    for a in entry["attributions"]:
        out.write(f"   attribution ({a['source']}, {a['zone']}, line {a['line']}): {a['text']}\n")
    for d in entry["disclaimers"]:
        out.write(f"   disclosure ({d['zone']}, line {d['line']}, image {d['image']}): "
                  f"{d['text']}\n")
    for img in entry["images"]:
        out.write(f"   image {img['src']} -> {img['status']}"
                  f"{' caption: ' + img['caption'] if img['caption'] else ''}\n")
    out.write("\n")
