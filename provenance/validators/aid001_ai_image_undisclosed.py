"""AID001 ai-image-undisclosed: an AI-generated or AI-edited image is shown without a disclosure.

Why: newsroom AI policies and, from August 2026, the EU AI Act (Article 50(4)) require that
readers are told when an image is generated or manipulated by AI. The image's metadata says
it is (``ai.verdict`` is ``ai-generated`` or ``ai-composite``: a trained-AI DigitalSourceType,
a generator's text chunks, a known generator in C2PA...), yet the page does not.

A disclosure counts when it is in the image's caption or the block right next to it, or —
on a page with one image — anywhere in the article text (body, meta, standfirst). Notices in
site boilerplate (sidebars, footers) never count. On a page with several images, a
disclosure only elsewhere in the text gives AID003 instead.

Options: none.

Passes::

    ![Flooded street](flood.png)
    Illustration generated with AI; it does not show a real street.

Fails: the same image with the caption "Flooded street in the old town."

Fix: add a visible disclosure in the caption, e.g. "This image was generated with AI."
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue
from provenance.validators.disclosure import AI_VERDICTS, article_images

ID = "AID001"
NAME = "ai-image-undisclosed"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an AI-generated/AI-composite image has no disclosure"
SCOPE = "article"
NEEDS = frozenset({"ok", "ai"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for _article, image, evidence, disclosure in article_images(subject):
        if evidence.ai.verdict not in AI_VERDICTS or disclosure.any:
            continue
        signal = evidence.ai.evidence[0] if evidence.ai.evidence else None
        value = _short(" ".join(signal.value.split())) if signal else ""  # one line, short
        why = f" ({signal.source} {signal.field}: {value})" if signal else ""
        yield image_issue(image, f"image {image.label!r} is {evidence.ai.verdict}{why} but "
                          "the page does not disclose it", evidence.ai.verdict)


_MAX_VALUE = 80


def _short(value: str) -> str:
    """``value`` cut to about 80 characters at a word, never mid-word: an address keeps its
    last segment (a DigitalSourceType's term), prose its first words."""
    if len(value) <= _MAX_VALUE:
        return value
    if " " not in value and "/" in value:
        return "…/" + value.rstrip("/").rsplit("/", 1)[-1][-_MAX_VALUE:]
    cut = value.rfind(" ", 0, _MAX_VALUE)
    return (value[:cut] if cut > 0 else value[:_MAX_VALUE]) + " …"
