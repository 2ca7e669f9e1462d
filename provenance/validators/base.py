"""What every validator receives: plain values the readers and the image layer produced.

A validator module has ``ID``, ``NAME``, ``DEFAULT_SEVERITY``, ``DEFAULTS`` (its options),
``SUMMARY``, ``SCOPE`` and ``check(subject, options) -> Iterator[Issue]``; its docstring is the user
documentation that ``provenance explain ID`` prints. Validators do no I/O: the engine builds
a :class:`Subject` once and hands it to every enabled rule.

A module may also set ``NEEDS``: subject features (as :func:`subject_features` names them)
without which its check can yield nothing. Most articles have no missing image, no
suppression, no read error...; the engine skips such a rule rather than call it for
nothing (``tests/validators/test_rules_fast_paths.py`` checks each ``NEEDS`` against the
rule's own answer). A rule without ``NEEDS`` always runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from provenance.findings import Issue, Severity
from provenance.images.model import ImageEvidence
from provenance.model import Article, ImageRef

# The verdicts that make an image "AI" for the AID rules.
AI_VERDICTS = ("ai-generated", "ai-composite")
IMAGE_STATUSES = ("ok", "missing", "unreadable", "unsupported", "remote", "outside-root")


@dataclass(frozen=True, slots=True)
class ResolvedImage:
    """An image as the audit found it: the reference, where it resolved, what was read.

    ``src`` is the reference as written in the article (``None`` for a standalone image);
    ``path`` the POSIX path relative to the root (``None`` when remote or refused);
    ``evidence`` is set when the file was read (status ok, unreadable or unsupported).
    """

    src: str | None
    path: str | None
    status: str
    ref: ImageRef | None = None
    evidence: ImageEvidence | None = None

    @property
    def label(self) -> str:
        """How findings name the image: its src, else its path."""
        return self.src or self.path or ""


@dataclass(frozen=True, slots=True)
class Subject:
    """One unit the rules judge: an article with its images, or one standalone image.

    ``read_error`` is set when the article could not be read (INP001); then ``article``
    is a placeholder with only ``path``/``index``/``format``.
    """

    article: Article | None
    images: Sequence[ResolvedImage] = field(default_factory=tuple)
    now: datetime | None = None
    read_error: str | None = None
    read_error_line: int | None = None


class Rule(Protocol):
    ID: str
    NAME: str
    DEFAULT_SEVERITY: Severity
    DEFAULTS: Mapping[str, Any]
    SUMMARY: str
    # "article": judges what an article says, so it has nothing to say about a standalone
    # image and the engine does not call it for one; "image": judges each image, shown or not.
    SCOPE: str
    __doc__: str | None

    def check(self, subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]: ...


def readable_article(subject: Subject) -> Article | None:
    """The article when it was read successfully, else ``None`` (article rules skip)."""
    if subject.read_error is not None:
        return None
    return subject.article


def read_images(subject: Subject) -> Iterator[tuple[ResolvedImage, ImageEvidence]]:
    """Images whose file was read and parsed (status ``ok``)."""
    for image in subject.images:
        if image.status == "ok" and image.evidence is not None:
            yield image, image.evidence


def images_with_status(subject: Subject, status: str) -> Iterator[ResolvedImage]:
    """The subject's images whose resolution ended in ``status``."""
    return (image for image in subject.images if image.status == status)


def image_issue(image: ResolvedImage, message: str, evidence: str = "") -> Issue:
    """An Issue about one image, located at its reference line when it has one."""
    line = image.ref.line if image.ref is not None else None
    return Issue(message, line=line, image=image.label, evidence=evidence)


def subject_features(subject: Subject) -> frozenset[str]:
    """What the subject has, in the terms of the rules' ``NEEDS``.

    Each image status (``ok``, ``missing``...); of the images with evidence, ``ai`` when
    one's metadata says AI-generated or AI-composite, ``gps`` when one embeds a location,
    ``captured`` when one has a capture time, ``c2pa`` when one's manifest integrity or
    trust was judged; ``attributions``, ``disclaimers``, ``suppressions`` when the article
    has any; ``read-error`` when it could not be read. A feature may be present where a
    rule still finds nothing (the rule runs); never absent where it could find something.
    """
    has: set[str] = set()
    for image in subject.images:
        has.add(image.status)
        evidence = image.evidence
        if evidence is not None:
            if evidence.ai.verdict in AI_VERDICTS:
                has.add("ai")
            if evidence.gps:
                has.add("gps")
            if evidence.captured:
                has.add("captured")
            if evidence.c2pa.integrity != "none" or evidence.c2pa.trust != "none":
                has.add("c2pa")
    article = subject.article
    if article is not None:
        if article.attributions:
            has.add("attributions")
        if article.disclaimers:
            has.add("disclaimers")
        if article.suppressions:
            has.add("suppressions")
    if subject.read_error is not None:
        has.add("read-error")
    return frozenset(has)
