"""IMG004 image-outside-root: an image reference points outside the audit root.

Why: the audit reads only inside ``--root``. A reference with ``..`` that climbs out, a
``file://`` URL, a symlink that leads outside, or an absolute path where the page belongs to
no site with a web root is refused unread, so a hostile article cannot make the tool read
arbitrary files. A site-absolute reference (``/images/x.jpg``) on a Hugo, Jekyll, built or
mirrored site, or one configured in ``[site] web_roots``, resolves in the site's web roots
instead (a file none holds is IMG001).

Options: none.

Passes: ``img/harbour.jpg`` inside the root; ``/images/harbour.jpg`` in a Hugo project with
``static/images/harbour.jpg``.

Fails: ``../../etc/passwd``, ``file:///tmp/x.jpg``, ``/var/www/img/harbour.jpg`` in a folder
of articles that belongs to no site.

Fix: keep images inside the audited tree; for a site-absolute reference, say where ``/`` maps
(``[site] web_roots = ["static"]``) if the layout is not detected (``provenance config show``).
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
NEEDS = frozenset({"outside-root"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    for image in images_with_status(subject, "outside-root"):
        src = (image.src or "").strip()
        if src.startswith("/") and not src.startswith("//") and ".." not in src:
            yield image_issue(image, f"image reference {image.label!r} is site-absolute and "
                              "leads to no file inside the audit root (the page has no web "
                              "root, or a link leads out), so it was not read; say where / "
                              "maps with [site] web_roots")
        else:
            yield image_issue(image, f"image reference {image.label!r} escapes the audit "
                              "root and was not read")
