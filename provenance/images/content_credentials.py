"""Read an embedded C2PA manifest store with c2pa-python, fully offline.

Imported only when a container scanner found an embedded store, so images without C2PA
never load the 23 MB native library. Every Reader gets a Context built by
:func:`offline_settings` (c2pa.md §4): no remote manifest fetch, no OCSP fetch, and
``core.allowed_network_hosts: []``, which blocks every other request the native code could
make (CAWG identity DID resolution, timestamp lookups). Identity assertions stay decoded:
a DID that cannot be resolved offline then reads ``cawg.ica.did_unavailable`` and maps to
trust ``unknown`` rather than being skipped silently (``core.decode_identity_assertions:
false`` would also drop the offline-checkable ``cawg.x509.*`` results).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

import c2pa

from provenance.images.c2pa_status import Anchors, store_info
from provenance.images.model import C2PAInfo

MIME_TYPES = {
    "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "tiff": "image/tiff",
    "dng": "image/x-adobe-dng", "gif": "image/gif", "heif": "image/heif", "avif": "image/avif",
}


def offline_settings(trust_anchors: str | None = None) -> dict[str, Any]:
    """c2pa-rs settings for a read that never touches the network."""
    settings: dict[str, Any] = {
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
        "core": {"allowed_network_hosts": []},
    }
    if trust_anchors:
        settings["trust"] = {"user_anchors": trust_anchors}
    return settings


@functools.lru_cache(maxsize=8)
def offline_context(trust_anchors: str | None = None) -> c2pa.Context:
    """One Context per anchor set: building it parses the settings and the anchor PEM.

    ``trust_anchors`` is PEM text, or the path of a PEM file (read once, here).
    """
    if trust_anchors and "-----BEGIN" not in trust_anchors:
        trust_anchors = Path(trust_anchors).read_text(encoding="ascii")
    return c2pa.Context.from_dict(offline_settings(trust_anchors))


def _key(trust_anchors: Anchors) -> str | None:
    return os.fspath(trust_anchors) if isinstance(trust_anchors, os.PathLike) else trust_anchors


def read_store(source: Path | BinaryIO, fmt: str,
               trust_anchors: Anchors) -> tuple[C2PAInfo, dict[str, Any]]:
    """The ``c2pa`` object and the raw store; a reader failure gives validation ``error``.

    ``source`` is the file's path or the file already open (read from its start)."""
    try:
        if not isinstance(source, Path):
            source.seek(0)
        opened = source.open("rb") if isinstance(source, Path) else contextlib.nullcontext(source)
        with opened as stream, c2pa.Reader(
            MIME_TYPES[fmt], stream, context=offline_context(_key(trust_anchors))
        ) as reader:
            store = json.loads(reader.json())
    except c2pa.C2paError.ManifestNotFound:
        return C2PAInfo(), {}
    # c2pa raises C2paError subclasses, KeyError (active manifest missing), or OSError;
    # any of them means the store could not be read, which the report states, not hides.
    except Exception:
        store = None
    if not isinstance(store, dict):
        return C2PAInfo(present="embedded", validation="error", integrity="unknown",
                        trust="unknown"), {}
    return store_info(store), store
