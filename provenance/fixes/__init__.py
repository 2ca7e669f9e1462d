"""``provenance fix``: repair what can be repaired, with ruff's safety classes.

A fix is **safe** when it cannot change what a reader sees or what the page says, only the
file's metadata (applied by ``provenance fix``), and **unsafe** when it edits the article
itself (applied only with ``--unsafe-fixes``). :data:`FIXES` is the catalog; ``provenance
explain ID`` prints each rule's entry. Module map:

* :mod:`.exif_gps`, :mod:`.xmp_edit`, :mod:`.iptc_edit` — byte-level edits of EXIF, XMP
  and IPTC IIM blocks;
* :mod:`.rewrite` — JPEG/PNG/WebP containers rewritten block by block, image data untouched;
* :mod:`.image` — the image fixes, verified by reading the result back;
* :mod:`.text` — the article fixes (captions, attribution line);
* :mod:`.write` — reads and atomic replacements beneath the root;
* :mod:`.plan` — from an audit's findings to the changes, and applying them;
* :mod:`.sign` — a new C2PA manifest for a signed image (``--sign CERT KEY``).
"""

from __future__ import annotations

SAFE, UNSAFE, NONE = "safe", "unsafe", "none"

# Rule ID -> (safety, what the fix does). A rule not listed has no fix.
FIXES: dict[str, tuple[str, str]] = {
    "IMG005": (SAFE, "removes GPS coordinates (EXIF GPS IFD, XMP exif:GPS*, IPTC "
                     "sub-location) losslessly: the image data stays byte-identical"),
    "AID004": (SAFE, "embeds XMP Iptc4xmpExt:DigitalSourceType trainedAlgorithmicMedia "
                     "(compositeWithTrainedAlgorithmicMedia when the disclosure says the "
                     "image was edited)"),
    "IMG006": (SAFE, "writes the policy's [fix] credit as XMP photoshop:Credit (only when "
                     "[fix] credit is set)"),
    "AID001": (UNSAFE, "inserts the policy's [fix] disclosure (default: a sentence in the "
                       "article's language) into the image's caption"),
    "ATR001": (UNSAFE, "appends the policy's [fix] attribution line at the end of the body "
                       "(only when [fix] attribution is set)"),
}


def fix_kind(rule_id: str) -> str:
    """``safe``, ``unsafe`` or ``none`` for a rule ID (case-insensitive)."""
    entry = FIXES.get(rule_id.upper())
    return entry[0] if entry else NONE


def explain_fix(rule_id: str) -> str:
    """The line ``provenance explain`` prints about the rule's fix."""
    entry = FIXES.get(rule_id.upper())
    if entry is None:
        return "Fix: none (provenance fix cannot repair this; see above)."
    kind, what = entry
    when = "applied by `provenance fix`" if kind == SAFE else \
        "applied by `provenance fix --unsafe-fixes`"
    return f"Fix: {kind} ({when}): {what}."
