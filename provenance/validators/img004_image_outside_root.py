"""IMG004 image-outside-root: an image reference points outside the audit root.

Why: the audit reads only inside ``--root``. A reference with ``..`` that climbs out, an
absolute path, a ``file://`` URL or a symlink that leads outside is refused unread, so a
hostile article cannot make the tool read arbitrary files.

Options: none.

Passes: ``img/harbour.jpg`` inside the root.

Fails: ``../../etc/passwd``, ``/var/www/img/harbour.jpg``, ``file:///tmp/x.jpg``.

Fix: keep images inside the audited tree and reference them relatively.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, images_with_status

ID = "IMG004"
NAME = "image-outside-root"
DEFAULT_SEVERITY = Severity.ERROR
DEFAULTS: Mapping[str, Any] = {}
SUMMARY = "a reference escapes the audit root (refused, not read)"
SCOPE = "image"


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "outside-root"):
        yield image_issue(image, f"image reference {image.label!r} escapes the audit root "
                          "and was not read")
