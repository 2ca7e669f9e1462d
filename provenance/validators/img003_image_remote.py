"""IMG003 image-remote: the image is referenced by URL or inline data and was not read.

Why: provenance never touches the network, so a remote image cannot be checked here. This
is information, not a fault: audit the image where it is stored, or vendor it next to the
article so the audit can read it.

Options: none.

Passes: a local reference such as ``img/harbour.jpg``.

Fails: ``<img src="https://cdn.example.org/harbour.jpg">`` or a ``data:`` URI.

Fix: audit the published asset store too (``provenance inspect``), or keep local copies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, images_with_status

ID = "IMG003"
NAME = "image-remote"
DEFAULT_SEVERITY = Severity.INFO
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "an http(s):// or data: reference, not fetched"
SCOPE = "image"
NEEDS = frozenset({"remote"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "remote"):
        yield image_issue(image, f"image {image.label!r} is remote or inline data and "
                          "was not fetched")
