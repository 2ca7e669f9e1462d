"""IMG001 image-missing: the article references an image file that does not exist.

Why: a missing file cannot be checked for AI provenance or credits, and on a live site it
is a broken picture. References resolve relative to the article, inside the audit root; a
site-absolute one (``/images/x.jpg``) or a URL on the site's own origin in the site's web
roots, in order (the file is reported missing in the first of them).

Options: none.

Passes: ``![Harbour at dawn](img/harbour.jpg)`` with ``img/harbour.jpg`` next to the article.

Fails: the same reference when ``img/harbour.jpg`` is absent.

Fix: add the file, or correct the reference.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.paths import nameable
from provenance.validators.base import Subject, image_issue, images_with_status

ID = "IMG001"
NAME = "image-missing"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "a referenced image file does not exist"
SCOPE = "image"
NEEDS = frozenset({"missing"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "missing"):
        # The resolver's own test, so the message says what the lookup saw.
        if not nameable(image.path or ""):
            yield image_issue(image, f"image {image.label!r} does not exist: no file can have "
                                     "that name (it holds a NUL or an invalid character)")
        else:
            yield image_issue(image,
                              f"image {image.label!r} does not exist (looked for {image.path})")

