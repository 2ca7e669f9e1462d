"""Map a C2PA manifest store (c2pa-python's ``Reader.json()``) to the report's ``c2pa`` object
and to AI-verdict evidence. Pure functions over plain dicts: no c2pa import, no I/O.

Codes are the C2PA 2.x ``validation_status`` codes (C2PA spec §15 "Validation"). integrity
``failed`` ← any ``*.mismatch`` / ``*.missing`` code in any manifest (the top-level list,
the active manifest's failures, every ``ingredientDeltas`` entry); trust, worst first:
``invalid`` ← signingCredential.invalid/.revoked, ``expired``, ``untrusted``, ``unknown`` ←
only checks that need the network (CAWG identity DIDs), ``trusted`` ← state Trusted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from typing import Any

from provenance.images.generators import known_generator
from provenance.images.model import C2PAInfo
from provenance.images.verdict import AI, COMPOSITE, NOT_AI, Signals, evidence
from provenance.images.xmp import xmp_gps

# Trust anchors as callers give them: PEM text, or the path of a PEM file.
Anchors = str | os.PathLike[str] | None
# Identity checks that cannot finish offline; they leave trust "unknown", not "invalid".
NETWORK_CODES = frozenset({"cawg.ica.did_unavailable"})
_TRUST_CODES = (
    ("invalid", ("signingCredential.invalid", "signingCredential.revoked")),
    ("expired", ("signingCredential.expired",)),
    ("untrusted", ("signingCredential.untrusted",)),
)
# Camera makers whose devices sign C2PA at capture (Leica M11-P, Nikon Z 9/Z6III, Sony,
# Canon R1/R5 II, Fujifilm, Panasonic). Phone makers count only inside ``stds.exif``,
# because their names also sign software-made content (Google's Gemini manifests).
CAMERA_MAKERS = ("Nikon", "Canon", "Sony", "Leica", "Fujifilm", "Panasonic", "Olympus",
                 "OM Digital", "Pentax", "Ricoh", "Hasselblad", "Sigma", "Phase One")
PHONE_MAKERS = ("Apple", "Samsung", "Google", "Xiaomi", "Huawei", "OnePlus", "Motorola")
_CAMERA = re.compile(r"\b(?:" + "|".join(map(re.escape, CAMERA_MAKERS)) + r")", re.IGNORECASE)
_EXIF_MAKER = re.compile(
    r"\b(?:" + "|".join(map(re.escape, CAMERA_MAKERS + PHONE_MAKERS)) + r")", re.IGNORECASE
)


def status_codes(store: dict[str, Any]) -> list[str]:
    """De-duplicated codes: the top-level list first, then failures found only in results."""
    codes = [s.get("code", "") for s in store.get("validation_status") or []]
    results = store.get("validation_results") or {}
    codes += _failure_codes((results.get("activeManifest") or {}).get("failure"))
    for delta in results.get("ingredientDeltas") or []:
        codes += _failure_codes(((delta or {}).get("validationDeltas") or {}).get("failure"))
    return list(dict.fromkeys(c for c in codes if c))


def _failure_codes(entries: Any) -> list[str]:
    return [e.get("code", "") for e in entries or [] if isinstance(e, dict)]


def integrity_of(codes: Sequence[str]) -> str:
    """``failed`` for hash, signature and missing-part codes (CAWG identity codes excluded)."""
    failed = any(
        not c.startswith("cawg.") and (c.endswith(".mismatch") or c.endswith(".missing"))
        for c in codes
    )
    return "failed" if failed else "ok"


def trust_of(codes: Sequence[str], state: str, success: Sequence[str]) -> str:
    for trust, names in _TRUST_CODES:
        if any(c in names for c in codes):
            return trust
    if any(c in NETWORK_CODES for c in codes):
        return "unknown"
    if state == "trusted" or "signingCredential.trusted" in success:
        return "trusted"
    return "unknown"


def store_info(store: dict[str, Any]) -> C2PAInfo:
    """The ``c2pa`` report object for a store the Reader could read."""
    codes = status_codes(store)
    state = str(store.get("validation_state") or "error").lower()
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    success = _failure_codes(results.get("success"))
    active = active_manifest(store) or {}
    signature = active.get("signature_info") or {}
    return C2PAInfo(
        present="embedded",
        validation=state,
        integrity=integrity_of(codes),
        trust=trust_of(codes, state, success),
        codes=codes,
        claim_generator=claim_generator(active),
        signer=signature.get("issuer") or signature.get("common_name"),
    )


def active_manifest(store: dict[str, Any]) -> dict[str, Any] | None:
    """The active manifest, or None when its label is not in the store (malformed_cbor.jpg)."""
    manifests = store.get("manifests") or {}
    found = manifests.get(store.get("active_manifest") or "")
    return found if isinstance(found, dict) else None


def claim_generator(manifest: dict[str, Any]) -> str | None:
    """``claim_generator`` (C2PA 1.x), else the first ``claim_generator_info`` name (2.x)."""
    text = manifest.get("claim_generator")
    if isinstance(text, str) and text.strip():
        return text.strip()
    info = manifest.get("claim_generator_info")
    items = info if isinstance(info, list) else [info]
    names = [i.get("name") for i in items if isinstance(i, dict) and i.get("name")]
    return str(names[0]) if names else None


def add_store_signals(store: dict[str, Any], signals: Signals, extra: Sequence[str]) -> None:
    """Walk every manifest, active and ingredient, for DST, agents and camera signatures."""
    active_label = store.get("active_manifest")
    # collected first, added after every manifest: a camera signature is evidence of capture
    cameras: list[tuple[str, str, str]] = []
    for label, manifest in (store.get("manifests") or {}).items():
        if not isinstance(manifest, dict):
            continue
        source = "c2pa" if label == active_label else "c2pa-ingredient"
        _manifest_signals(manifest, source, signals, extra)
        cameras += [(source, f, v) for f, v in _camera_names(manifest)]
    for source, field_name, value in cameras:
        item = evidence(source, field_name, value)
        signals.add(NOT_AI, item)
        signals.add_capture(item)


def _manifest_signals(
    manifest: dict[str, Any], source: str, signals: Signals, extra: Sequence[str]
) -> None:
    generator = claim_generator(manifest)
    name = known_generator(generator, extra)
    if name:
        signals.add(AI, evidence(source, "claim_generator", generator or name))
    for action in _actions(manifest):
        verb = str(action.get("action") or "action")
        params = action.get("parameters")
        params = params if isinstance(params, dict) else {}
        classes = {
            signals.add_dst(source, f"{verb}.digitalSourceType", uri)
            for uri in (action.get("digitalSourceType"), params.get("com.adobe.digitalSourceType"))
            if isinstance(uri, str) and uri.strip()
        }
        agent = _agent_name(action.get("softwareAgent"))
        if known_generator(agent, extra):
            # Photoshop Generative Fill names "Adobe Firefly" as the agent of an *edit*: the
            # action's own AI-edit term decides; without one the generator made the image.
            cls = COMPOSITE if COMPOSITE in classes and AI not in classes else AI
            signals.add(cls, evidence(source, f"{verb}.softwareAgent", agent or ""))
    for label, uri in _metadata_dsts(manifest):
        signals.add_dst(source, f"{label}.DigitalSourceType", uri)


def _actions(manifest: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for assertion in manifest.get("assertions") or []:
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            data = assertion.get("data") or {}
            yield from (a for a in data.get("actions") or [] if isinstance(a, dict))


def _agent_name(agent: Any) -> str | None:
    """``softwareAgent`` is a string (C2PA 1.x) or ``{name, version}`` (2.x)."""
    if isinstance(agent, dict):
        agent = agent.get("name")
    return agent if isinstance(agent, str) else None


def store_gps(store: dict[str, Any]) -> dict[str, float] | None:
    """GPS coordinates a manifest of the store embeds (``stds.exif``, ``c2pa.metadata``,
    ``stds.iptc`` assertions, as XMP coordinate strings or signed decimals), the active
    manifest's first: an ingredient's travels inside the file just the same."""
    manifests = store.get("manifests") or {}
    active = store.get("active_manifest")
    ordered = sorted(manifests.items(), key=lambda item: item[0] != active)
    for _, manifest in ordered:
        if not isinstance(manifest, dict):
            continue
        for assertion in manifest.get("assertions") or []:
            label = str(assertion.get("label", "")) if isinstance(assertion, dict) else ""
            if label.startswith(("stds.exif", "c2pa.metadata", "stds.iptc")):
                found = _gps_of(dict(_walk(assertion.get("data"))))
                if found is not None:
                    return found
    return None


def _gps_of(fields: dict[str, Any]) -> dict[str, float] | None:
    values = {key.split(":")[-1]: value for key, value in fields.items()}
    lat, lon = values.get("GPSLatitude"), values.get("GPSLongitude")
    if isinstance(lat, str) and isinstance(lon, str):
        found = xmp_gps(lat, lon)
        if found is not None:
            return found
    numbers = [_number(lat), _number(lon)]
    if numbers[0] is None or numbers[1] is None:
        return None
    la, lo = numbers[0], numbers[1]
    if str(values.get("GPSLatitudeRef", "")).upper().startswith("S"):
        la = -abs(la)
    if str(values.get("GPSLongitudeRef", "")).upper().startswith("W"):
        lo = -abs(lo)
    if abs(la) > 90 or abs(lo) > 180:
        return None
    return {"lat": round(la, 7), "lon": round(lo, 7)}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _metadata_dsts(manifest: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """DigitalSourceType inside IPTC/metadata assertions (``stds.iptc*``, ``c2pa.metadata``)."""
    for assertion in manifest.get("assertions") or []:
        label = str(assertion.get("label", ""))
        if label.startswith("stds.iptc") or label.startswith("c2pa.metadata"):
            for key, value in _walk(assertion.get("data")):
                if key.endswith("DigitalSourceType") and isinstance(value, str):
                    yield label, value


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key), value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _camera_names(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """Where this manifest says a camera signed it: ``stds.exif`` Make/Model, claim generator."""
    found: list[tuple[str, str]] = []
    for assertion in manifest.get("assertions") or []:
        if assertion.get("label") == "stds.exif":
            for key, value in _walk(assertion.get("data")):
                is_maker = key.split(":")[-1] in ("Make", "Model") and isinstance(value, str)
                if is_maker and _EXIF_MAKER.search(value):
                    found.append((f"stds.exif.{key}", value))
    generator = claim_generator(manifest)
    if generator and _CAMERA.search(generator.replace("_", " ")):
        found.append(("claim_generator", generator))
    return found[:1]
