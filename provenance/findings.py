"""Severities, the Issue a validator yields, and the frozen Finding the engine stamps.

Validators yield bare :class:`Issue` s (a message and where); the engine adds the rule ID,
name, effective severity and a fingerprint, as jsonschema's keywords yield messages and the
validator stamps the path. Findings are immutable once made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that ``a >= b`` means "a is at least as bad as b"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        known = _BY_LABEL.get(value)  # as reports spell it: once per finding of a report
        if known is not None:
            return known
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


# Enum's ``name`` is a descriptor, slow for a label read once per finding in every report.
_LABELS = {severity: severity.name.lower() for severity in Severity}
_BY_LABEL = {label: severity for severity, label in _LABELS.items()}

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


def fail_threshold(fail_on: str) -> Severity | None:
    """The lowest severity that fails the run, or ``None`` for ``never``."""
    return None if fail_on == "never" else Severity.parse(fail_on)


@dataclass(frozen=True, slots=True)
class Issue:
    """What a validator reports: a message, where, and the text it is about.

    ``evidence`` is the text the finding is about (the quoted disclaimer, the image src...);
    it goes into the fingerprint instead of the line number so baselines survive edits.
    """

    message: str
    line: int | None = None
    column: int | None = None
    image: str | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Suppressed:
    kind: str  # inline | baseline
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    line: int | None
    column: int | None
    image: str | None
    fingerprint: str
    suppressed: Suppressed | None = None

    def sort_key(self) -> tuple[int, int, str, str, str]:
        return (
            self.line if self.line is not None else 0,
            self.column if self.column is not None else 0,
            self.rule,
            self.image or "",
            self.fingerprint,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "image": self.image,
            "fingerprint": self.fingerprint,
            "suppressed": self.suppressed.to_dict() if self.suppressed else None,
        }


_WS = re.compile(r"\s+")


def normalise_evidence(text: str) -> str:
    """Case- and whitespace-insensitive form of evidence text for fingerprints."""
    return _WS.sub(" ", text).strip().lower()


def fingerprint(
    rule: str, path: str, index: int | None, image: str | None, evidence: str, occurrence: int
) -> str:
    """``"v1:" + sha256`` of the finding's identity — never its line number.

    ``occurrence`` counts identical (rule, path, index, image, evidence) tuples in one
    article so two identical problems keep distinct fingerprints.
    """
    parts = [rule, path, "" if index is None else str(index), image or "",
             normalise_evidence(evidence), str(occurrence)]
    import hashlib  # here: the parent of an audit only needs the severities

    digest = hashlib.sha256(encode_any("\x1f".join(parts))).hexdigest()
    return "v1:" + digest


def encode_any(text: str) -> bytes:
    """UTF-8 of any ``str``, deterministically, never raising.

    A file name that is not UTF-8 reaches us through ``os.fsdecode`` as surrogate escapes
    (``\\udce9`` for the Latin-1 byte ``é``): ``surrogateescape`` gives back its original
    bytes. Any other lone surrogate (``"\\ud800"`` in JSON) cannot be encoded at all and
    becomes its ``\\ud800`` escape text. Well-formed text encodes as plain UTF-8, so
    fingerprints of ordinary findings are unchanged.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


# --- rule IDs and names as people type them ----------------------------------------------


class UnknownRule(ValueError):
    """A rule ID, prefix or name that matches no rule; the message suggests the nearest."""


def rule_selector(text: str) -> str:
    """The canonical form of a rule ID, ID prefix (``IMG``, ``aid00``) or rule name
    (``ai-image-undisclosed``), case-insensitive: the upper-case ID or prefix.
    :class:`UnknownRule` for anything else, with a "did you mean" where one is near."""
    from provenance.validators import RULES

    key = text.strip()
    upper = key.upper()
    if upper and any(rid.startswith(upper) for rid in RULES):
        return upper
    by_name = {rule.NAME: rid for rid, rule in RULES.items()}
    if key.lower() in by_name:
        return by_name[key.lower()]
    raise UnknownRule(f"{text!r} matches no rule ID or name{did_you_mean(key)}")


def rule_id(text: str) -> str:
    """The ID of one rule named by its ID or name, case-insensitive; :class:`UnknownRule`
    otherwise (a prefix is not one rule)."""
    from provenance.validators import RULES

    selector = rule_selector(text)
    if selector not in RULES:
        matches = [rid for rid in RULES if rid.startswith(selector)]
        raise UnknownRule(f"{text!r} is a prefix of several rules ({', '.join(matches)}); "
                          "name one")
    return selector


def did_you_mean(text: str) -> str:
    """``"; did you mean AID001 (ai-image-undisclosed)?"`` for the nearest rule IDs and
    names (difflib's ratio), or ``""`` when nothing is close."""
    import difflib

    from provenance.validators import RULES

    choices = {rid: rid for rid in RULES} | {rule.NAME: rid for rid, rule in RULES.items()}
    typed = text.strip().upper() if text.strip()[:1].isalpha() and "-" not in text \
        else text.strip().lower()
    near = difflib.get_close_matches(typed, list(choices), n=1, cutoff=0.6) or \
        [name for name in choices if len(typed) > 2 and typed.lower() in name][:1]
    if not near:
        return ""
    rid = choices[near[0]]
    return f"; did you mean {rid} ({RULES[rid].NAME})?"
