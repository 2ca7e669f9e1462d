"""The AI verdict: collect evidence by class, then apply PRODUCT.md's precedence.

Precedence: ``ai-generated`` > ``ai-composite`` > ``not-ai`` > ``unknown``. DigitalSourceType
terms are compared as whole last URI segments (``algorithmicMedia`` is a substring of
``trainedAlgorithmicMedia``, which is a substring of ``compositeWithTrainedAlgorithmicMedia``:
ai-markers.md §7), case-insensitively, after stripping whitespace, for http and https URIs
and bare terms alike. Vocabulary: cv.iptc.org/newscodes/digitalsourcetype (2024-10-23) plus
C2PA's ``trainedAlgorithmicData``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.images.model import MAX_EVIDENCE_VALUE, AIVerdict, Evidence

AI = "ai-generated"
COMPOSITE = "ai-composite"
NOT_AI = "not-ai"
NEUTRAL = "neutral"  # worth showing, decides nothing (``composite``, unknown terms)
_ORDER = (AI, COMPOSITE, NOT_AI, NEUTRAL)

_TERMS = {
    AI: ("trainedAlgorithmicMedia", "trainedAlgorithmicData"),
    COMPOSITE: ("compositeWithTrainedAlgorithmicMedia", "compositeSynthetic"),
    NOT_AI: (
        "digitalCapture", "computationalCapture", "negativeFilm", "positiveFilm", "print",
        "algorithmicMedia", "dataDrivenMedia", "digitalCreation", "compositeCapture",
        "humanEdits", "minorHumanEdits", "algorithmicallyEnhanced", "screenCapture",
        "digitalArt",
    ),
}
_CLASS_OF_TERM = {term.lower(): cls for cls, terms in _TERMS.items() for term in terms}
# Terms that say a camera (or a multi-frame phone pipeline) captured the scene: AID002.
CAPTURE_TERMS = frozenset({"digitalcapture", "computationalcapture"})


def dst_term(uri: str) -> str:
    """The last URI segment of a DigitalSourceType value, whitespace stripped."""
    return uri.strip().rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].strip()


def dst_class(uri: str) -> str:
    """Evidence class of a DigitalSourceType value (NEUTRAL for ``composite`` and unknowns)."""
    return _CLASS_OF_TERM.get(dst_term(uri).lower(), NEUTRAL)


def evidence(source: str, field_name: str, value: str) -> Evidence:
    """An :class:`Evidence` with its value cut to the report's limit."""
    return Evidence(source, field_name, value.strip()[:MAX_EVIDENCE_VALUE])


@dataclass(slots=True)
class Signals:
    """Evidence gathered from every metadata source of one image."""

    by_class: dict[str, list[Evidence]] = field(default_factory=dict)
    capture: list[Evidence] = field(default_factory=list)
    machine_readable: bool = False

    def add(self, cls: str, item: Evidence, *, readable: bool = False) -> None:
        """Record evidence; ``readable`` marks it machine-readable provenance (AID004)."""
        found = self.by_class.setdefault(cls, [])
        if item not in found:
            found.append(item)
        self.machine_readable = self.machine_readable or readable

    def add_dst(self, source: str, field_name: str, uri: str) -> str:
        """Record a DigitalSourceType value; return its class."""
        item = evidence(source, field_name, uri)
        cls = dst_class(uri)
        self.add(cls, item, readable=True)
        if dst_term(uri).lower() in CAPTURE_TERMS:
            self.add_capture(item)
        return cls

    def add_capture(self, item: Evidence) -> None:
        if item not in self.capture:
            self.capture.append(item)

    def capture_evidence(self) -> list[Evidence]:
        """Capture signals, or none once any AI origin or AI edit is known: a captured photo
        that was then AI-edited is rightly disclosed as AI, so AID002 must not fire on it
        (the same reason a camera-signed manifest counts only without AI actions)."""
        return [] if self.has(AI, COMPOSITE) else list(self.capture)

    def has(self, *classes: str) -> bool:
        return any(self.by_class.get(cls) for cls in classes)

    def verdict(self) -> AIVerdict:
        """Apply the precedence; evidence for the winning class comes first."""
        winner = next((c for c in _ORDER[:3] if self.by_class.get(c)), "unknown")
        items = [e for cls in _ORDER for e in self.by_class.get(cls, [])]
        return AIVerdict(verdict=winner, evidence=items)
