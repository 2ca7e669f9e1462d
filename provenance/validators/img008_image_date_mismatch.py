"""IMG008 image-date-mismatch: the image was captured after the article was published.

Why: a photo cannot show an event before it happened. A capture time more than 24 hours
after publication means the wrong file, a wrong camera clock, or an image swapped in later.
Optionally (``max_capture_age_days``), a capture far older than the article flags archive
photos presented as new.

A capture time without an offset (EXIF often has none) is read in the article's offset.

Options: ``max_capture_age_days`` (default ``null``: off) — flag captures older than this
many days before publication (before the audit time for a standalone image);
``grace_hours`` (default 24).

Passes: captured 2026-03-01T18:00, published 2026-03-02T08:00+01:00.

Fails: captured 2026-03-05T18:00, published 2026-03-02T08:00+01:00.

Fix: check that the right image is attached and that the camera clock was right.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from provenance.findings import Issue, Severity
from provenance.validators.base import Subject, image_issue, read_images, readable_article
from provenance.validators.met002_timestamps_inconsistent import (
    as_datetime,
    comparable,
    seconds_after,
)

ID = "IMG008"
NAME = "image-date-mismatch"
DEFAULT_SEVERITY = Severity.WARNING
DEFAULTS: Mapping[str, Any] = {"max_capture_age_days": None, "grace_hours": 24}
SUMMARY = "capture more than 24 h after publication, or older than max_capture_age_days"
SCOPE = "image"
NEEDS = frozenset({"ok", "captured"})


def check(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    article = readable_article(subject)
    published = as_datetime(article.published) if article else None
    reference = published or subject.now
    # Compared in seconds: ``published + grace`` overflows for a date in year 9999.
    grace = float(options.get("grace_hours", 24)) * 3600
    max_age = options.get("max_capture_age_days")
    for image, evidence in read_images(subject):
        captured = as_datetime(evidence.captured, reference)
        if captured is None or reference is None:
            continue
        cap, ref = comparable(captured, reference)
        if published is not None and seconds_after(cap, ref) > grace:
            yield image_issue(image, f"image {image.label!r} was captured {evidence.captured}, "
                              f"after the article was published ({published.isoformat()})",
                              f"after:{evidence.captured}")
        elif max_age is not None and seconds_after(ref, cap) > float(max_age) * 86400:
            yield image_issue(image, f"image {image.label!r} was captured {evidence.captured}, "
                              f"more than {max_age} days before {ref.isoformat()}",
                              f"old:{evidence.captured}")
