"""Re-sign an edited C2PA image: a new manifest whose parent ingredient is the original.

Editing a signed file breaks its hard binding (the data hash covers the bytes), so an
edited image may only be written with a new manifest signed by the outlet's own credential
(``--sign CERT KEY``). The new manifest is built with c2pa-python's Builder, fully offline
(the same no-network Context the audit reads with, c2pa.md §4): the original file is
added as the ``parentOf`` ingredient (its manifest store travels inside the new one), and
a ``c2pa.actions`` assertion records what the fix did (:func:`actions`). The result is
read back with c2pa-python; anything but an intact manifest (integrity ok) is a
:class:`SignError` and nothing is written.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

from provenance.fixes.image import ImagePlan

_ALGORITHMS = {"ec-256": "es256", "ec-384": "es384", "ec-521": "es512", "ed25519": "ed25519"}


class SignError(Exception):
    """The image could not be re-signed (bad credential, or it does not validate)."""


@dataclass(frozen=True)
class Credential:
    """PEM certificate chain (leaf first) and private key."""

    chain_pem: bytes
    key_pem: bytes


def _algorithm(key_pem: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise SignError(f"the --sign key is not an unencrypted PEM private key ({exc})") \
            from None
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return _ALGORITHMS.get(f"ec-{key.curve.key_size}", "es256")
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "ed25519"
    if isinstance(key, rsa.RSAPrivateKey):
        return "ps256"
    raise SignError("the --sign key type is not supported (EC, Ed25519 or RSA)")


PARENT_ID = "provenance-fix-parent"


def actions(plan: ImagePlan) -> list[dict[str, Any]]:
    """The C2PA actions that describe ``plan``: ``c2pa.opened`` on the parent ingredient
    (C2PA 2.x requires an edit to start from it), then ``c2pa.redacted`` for removed
    location and ``c2pa.edited`` for added metadata."""
    done: list[dict[str, Any]] = [{"action": "c2pa.opened",
                                   "parameters": {"ingredientIds": [PARENT_ID]}}]
    if plan.gps:
        done.append({"action": "c2pa.redacted",
                     "description": "GPS location removed from the image metadata"})
    if plan.dst:
        done.append({"action": "c2pa.edited",
                     "description": f"IPTC DigitalSourceType {plan.dst} added"})
    if plan.credit:
        done.append({"action": "c2pa.edited", "description": "credit line added"})
    for item in done:
        item["softwareAgent"] = {"name": "provenance fix"}
    return done


def resign(original: bytes, edited: bytes, fmt: str, plan: ImagePlan,
           credential: Credential) -> bytes:
    """``edited`` with a new manifest (parent: ``original``), validated."""
    import c2pa

    from provenance.images.content_credentials import MIME_TYPES, offline_context

    mime = MIME_TYPES[fmt]
    manifest = {
        "claim_generator_info": [{"name": "provenance", "version": _version()}],
        "title": "fixed image",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": actions(plan)}}],
    }
    info = c2pa.C2paSignerInfo(alg=_algorithm(credential.key_pem).encode("ascii"),
                               sign_cert=credential.chain_pem,
                               private_key=credential.key_pem, ta_url=None)
    out = io.BytesIO()
    try:
        with c2pa.Signer.from_info(info) as signer, \
                c2pa.Builder(manifest, context=offline_context()) as builder:
            builder.add_ingredient({"title": "original", "relationship": "parentOf",
                                    "instance_id": PARENT_ID}, mime, io.BytesIO(original))
            builder.sign(signer, mime, io.BytesIO(edited), out)
    except Exception as exc:  # c2pa raises its own error types, or ValueError
        raise SignError(f"C2PA signing failed: {exc}") from None
    signed = out.getvalue()
    _check(signed, mime)
    return signed


def _check(signed: bytes, mime: str) -> None:
    import c2pa

    from provenance.images.c2pa_status import store_info
    from provenance.images.content_credentials import offline_context

    try:
        with c2pa.Reader(mime, io.BytesIO(signed), context=offline_context()) as reader:
            store = json.loads(reader.json())
    except Exception as exc:
        raise SignError(f"the re-signed image does not read back ({exc})") from None
    if store_info(store).integrity != "ok":
        raise SignError("the re-signed image does not validate (integrity not ok)")


def _version() -> str:
    from provenance import __version__

    return __version__
