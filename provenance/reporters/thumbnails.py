"""Small WebP thumbnails as ``data:`` URIs for the HTML report — the ONE place pixels are decoded.

Everything else in provenance reads metadata without decoding pixels; an editor reviewing
a report still needs to *see* the image, so the HTML reporter embeds a ~96 px WebP of
about 1.5 KB. The file must lie under the report root (resolved, symlinks followed, then
checked), be a regular file and have a sane pixel count; anything else — missing,
unreadable, remote, outside the root, a decompression bomb, a decoder crash — gives
``None`` and the report shows a placeholder. A bad image never stops a report.
"""

from __future__ import annotations

import base64
import io
import stat
import warnings
from pathlib import Path

THUMB_SIZE = 96
WEBP_QUALITY = 50
# Far below Pillow's own bomb threshold (~179 MP): a thumbnail is never worth decoding more.
MAX_PIXELS = 60_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
_REMOTE_PREFIXES = ("http:", "https:", "data:", "file:", "//")


def safe_image_path(root: Path, rel_path: str | None) -> Path | None:
    """``root/rel_path`` resolved, if it is a regular file inside the root; else ``None``."""
    if not rel_path or rel_path.lower().startswith(_REMOTE_PREFIXES) or "\0" in rel_path:
        return None
    try:
        base = root.resolve()
        target = (base / rel_path).resolve()
        if not target.is_relative_to(base):
            return None  # `..`, an absolute path or a symlink pointing out: never read
        info = target.stat()
    except (OSError, RuntimeError, ValueError):
        return None
    # A FIFO or device would block or never end; only plain files are opened.
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or info.st_size > MAX_FILE_BYTES:
        return None
    return target


def thumbnail_data_uri(root: Path, rel_path: str | None, size: int = THUMB_SIZE,
                       quality: int = WEBP_QUALITY) -> str | None:
    """A ``data:image/webp;base64,…`` thumbnail of the image at ``rel_path`` under ``root``."""
    target = safe_image_path(root, rel_path)
    if target is None:
        return None
    try:
        webp = _encode_thumbnail(target, size, quality)
    except Exception:  # noqa: BLE001 - any decoder failure means "no thumbnail", never a crash
        return None
    if webp is None:
        return None
    return "data:image/webp;base64," + base64.b64encode(webp).decode("ascii")


def _encode_thumbnail(target: Path, size: int, quality: int) -> bytes | None:
    from PIL import Image, ImageOps

    _register_heif()
    with warnings.catch_warnings():
        # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; treat it as a bomb.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(target) as im:
            width, height = im.size
            if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
                return None
            if im.format == "JPEG":
                # Let libjpeg decode at 1/2..1/8 scale: far less work and memory.
                im.draft("RGB", (size * 2, size * 2))
            im.seek(0)  # first frame of an animation
            im.thumbnail((size, size))
            small = ImageOps.exif_transpose(im) or im
            small = small.convert("RGBA" if _has_alpha(small) else "RGB")
    out = io.BytesIO()
    small.save(out, format="WEBP", quality=quality, method=6)
    return out.getvalue()


def _has_alpha(im: object) -> bool:
    mode = getattr(im, "mode", "")
    info = getattr(im, "info", {})
    return mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in info)


def _register_heif() -> None:
    """HEIF/AVIF decode through pillow-heif when it is installed (it is a dependency)."""
    try:
        import pillow_heif
    except ImportError:
        return
    pillow_heif.register_heif_opener()
