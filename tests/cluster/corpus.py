"""A generated corpus of articles and images for engine comparisons (tests and bench)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, PngImagePlugin

CREDITS = ("SEOUL (Reuters) - ", "New Delhi, Aug 6 (PTI) ", "", "By ANI ")


def _jpeg(path: Path, shade: int, gps: bool) -> None:
    image = Image.new("RGB", (24, 16), (shade % 256, 90, 120))
    exif = image.getexif()
    exif[0x013B] = "Ana Lopes"
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 43.0, 20.0), 3: "W",
                                     4: (9.0, 8.0, 21.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif)


def _ai_png(path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "a flooded street\nSteps: 20, Sampler: Euler a, Seed: 1")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (24, 16), (10, 20, 30)).save(path, "PNG", pnginfo=info)


def make_corpus(root: Path, articles: int) -> Path:
    """``articles`` files under ``root`` (text, Markdown and HTML in turn), 20 shared images
    (some with GPS, one AI-generated), a few missing images and standalone images."""
    for n in range(20):
        _jpeg(root / "img" / f"photo{n}.jpg", n * 11, gps=n % 5 == 0)
    _ai_png(root / "img" / "generated.png")
    _jpeg(root / "loose" / "alone.jpg", 7, gps=True)
    for n in range(articles):
        credit = CREDITS[n % len(CREDITS)]
        body = f"{credit}The council met on day {n} and agreed the harbour plan."
        folder = root / f"desk{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        picture = "generated.png" if n % 23 == 0 else \
            ("missing.jpg" if n % 31 == 0 else f"photo{n % 20}.jpg")
        if n % 3 == 0:
            (folder / f"story{n:05d}.txt").write_text(
                f" date 2026-01-0{1 + n % 9} Left Menu\nHeadline number {n}\n\n{body}\n\n"
                "(With inputs from agencies.)\n", encoding="utf-8")
        elif n % 3 == 1:
            (folder / f"story{n:05d}.md").write_text(
                f"---\ntitle: Story {n}\nauthor: Lena Okafor\ndate: 2026-01-02T10:00:00Z\n"
                f"---\n\n{body}\n\n![A picture](../img/{picture})\n\nThe harbour. "
                "Photo: Ana Lopes\n", encoding="utf-8")
        else:
            (folder / f"story{n:05d}.html").write_text(
                f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}"
                f"</h1><p class=\"byline\">By Lena Okafor</p><p>{body}</p><figure><img "
                f"src=\"../img/{picture}\" alt=\"\"><figcaption>The harbour.</figcaption>"
                "</figure></article></body></html>", encoding="utf-8")
    return root
