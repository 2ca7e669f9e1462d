"""What the image layer reports about one image file: plain values, no file handles.

``ImageEvidence`` is produced by :func:`provenance.images.read_image` (the only code that
opens image files) and consumed by the IMG/AID validators and the reporters. Field meanings
follow PRODUCT.md "Evidence from an image" and the report contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# File names the audit treats as images (PRODUCT.md "Inputs"); a plain constant here so
# that walking a folder does not import the readers.
IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".dng", ".gif", ".heic", ".heif", ".avif"}
)
VERDICTS = ("ai-generated", "ai-composite", "not-ai", "unknown")
EVIDENCE_SOURCES = ("exif", "iptc", "xmp", "text-chunk", "c2pa", "c2pa-ingredient")
MAX_EVIDENCE_VALUE = 200


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observed metadata value that bears on the AI verdict."""

    source: str  # one of EVIDENCE_SOURCES
    field: str
    value: str

    def to_dict(self) -> dict[str, str]:
        value = self.value[:MAX_EVIDENCE_VALUE]
        return {"source": self.source, "field": self.field, "value": value}


@dataclass(slots=True)
class AIVerdict:
    verdict: str = "unknown"  # one of VERDICTS
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(slots=True)
class C2PAInfo:
    present: str = "none"  # none | embedded | remote-only
    validation: str = "none"  # none | valid | trusted | invalid | error
    integrity: str = "none"  # none | ok | failed | unknown
    trust: str = "none"  # none | trusted | untrusted | expired | invalid | unknown
    codes: list[str] = field(default_factory=list)
    claim_generator: str | None = None
    signer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": self.present,
            "validation": self.validation,
            "integrity": self.integrity,
            "trust": self.trust,
            "codes": list(self.codes),
            "claim_generator": self.claim_generator,
            "signer": self.signer,
        }


@dataclass(slots=True)
class ImageEvidence:
    """Everything read from one image file.

    ``status`` is ``ok``, ``unreadable`` (``problem`` says why: truncated, bad CRC, bomb,
    hostile XMP, zero bytes...) or ``unsupported``. ``captured`` is ISO 8601, with an offset
    only when EXIF has one. ``capture_evidence`` lists the non-AI origin signals
    (``digitalCapture``, ``computationalCapture``, a camera-signed manifest without AI
    actions) that AID002 weighs against a disclosure; ``machine_readable`` is true when the
    file carries any provenance signal at all (DST, C2PA, generator chunks) for AID004.
    """

    path: str
    status: str = "ok"
    format: str | None = None
    width: int | None = None
    height: int | None = None
    size: int = 0
    ai: AIVerdict = field(default_factory=AIVerdict)
    c2pa: C2PAInfo = field(default_factory=C2PAInfo)
    credit: str | None = None
    credit_field: str | None = None  # where the credit was read: "IPTC:Credit", "EXIF:Artist"…
    gps: dict[str, float] | None = None
    captured: str | None = None
    problem: str | None = None
    capture_evidence: list[Evidence] = field(default_factory=list)
    machine_readable: bool = False

    def fields_dict(self, status: str | None = None,
                    into: dict[str, Any] | None = None) -> dict[str, Any]:
        """The image fields of the report contract (without ``src``/``path``/findings).

        ``status`` replaces :attr:`status` (the engine's resolved status); the fields are
        added to ``into`` when given, after the keys it holds, so the engine builds an
        image's entry without copying one dict into another.
        """
        fields = {} if into is None else into
        fields["status"] = self.status if status is None else status
        fields["format"] = self.format
        fields["width"] = self.width
        fields["height"] = self.height
        fields["ai"] = self.ai.to_dict()
        fields["c2pa"] = self.c2pa.to_dict()
        fields["credit"] = self.credit
        fields["credit_field"] = self.credit_field
        fields["gps"] = self.gps
        fields["captured"] = self.captured
        return fields
