"""Small WebP thumbnails as ``data:`` URIs for the HTML report — the ONE place pixels are decoded.

Everything else in provenance reads metadata without decoding pixels; an editor reviewing
a report still needs to *see* the image, so the HTML reporter embeds a ~96 px WebP of
about 1.5 KB. The file must lie under the report root (resolved, symlinks followed, then
checked), be a regular file and have a sane pixel count; anything else — missing,
unreadable, remote, outside the root, a decompression bomb, a decoder crash — gives
``None`` and the report shows a placeholder. A bad image never stops a report.

The root comes from the report, which ``report render`` may be handed from anywhere: a
``bound`` (the render's own root, the working directory by default) must hold the file as
well. Decoding is bounded twice: a progressive JPEG with more scans than any encoder writes
(each scan walks the whole frame again: 20,000 of them cost minutes) is refused before
decoding, and every decode the HTML report asks for runs in a helper worker process under
the audit's per-file timeout and memory limit (:class:`provenance.parallel.Isolated`):
:class:`Thumbnailer` one at a time, :class:`ThumbnailPool` several workers at once for a
report with many images. A worker that hangs or dies is killed and replaced; its image gets
no thumbnail. The main process only checks paths (``stat``), never decodes.
"""

from __future__ import annotations

import base64
import io
import stat
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from provenance.parallel import Isolated

THUMB_SIZE = 96
WEBP_QUALITY = 50
# Far below Pillow's own bomb threshold (~179 MP): a thumbnail is never worth decoding more.
MAX_PIXELS = 60_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
# libjpeg's progressive default writes 10 scans, mozjpeg's searched scripts a few dozen.
MAX_JPEG_SCANS = 100
TIMEOUT_S = 30.0  # as for an audited file
MEMORY_MB = 1024
MAX_POOL = 4  # workers of a ThumbnailPool at most: thumbnails are a small part of a report
_REMOTE_PREFIXES = ("http:", "https:", "data:", "file:", "//")


def safe_image_path(root: Path, rel_path: str | None,
                    bound: Path | None = None) -> Path | None:
    """``root/rel_path`` resolved, if it is a regular file inside the root (and inside
    ``bound`` when given, both resolved); else ``None``."""
    if not rel_path or rel_path.lower().startswith(_REMOTE_PREFIXES) or "\0" in rel_path:
        return None
    try:
        base = root.resolve()
        target = (base / rel_path).resolve()
        if not target.is_relative_to(base):
            return None  # `..`, an absolute path or a symlink pointing out: never read
        if bound is not None and not target.is_relative_to(bound.resolve()):
            return None  # a report's root that leads out of the render's own root
        info = target.stat()
    except (OSError, RuntimeError, ValueError):
        return None
    # A FIFO or device would block or never end; only plain files are opened.
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or info.st_size > MAX_FILE_BYTES:
        return None
    return target


def thumbnail_data_uri(root: Path, rel_path: str | None, size: int = THUMB_SIZE,
                       quality: int = WEBP_QUALITY, *, bound: Path | None = None) -> str | None:
    """A ``data:image/webp;base64,…`` thumbnail of the image at ``rel_path`` under ``root``
    (decoded in this process: see :class:`Thumbnailer` for the bounded way)."""
    target = safe_image_path(root, rel_path, bound)
    if target is None:
        return None
    try:
        if _too_many_scans(target):
            return None
        webp = _encode_thumbnail(target, size, quality)
    except Exception:  # noqa: BLE001 - any decoder failure means "no thumbnail", never a crash
        return None
    if webp is None:
        return None
    return "data:image/webp;base64," + base64.b64encode(webp).decode("ascii")


class Thumbnailer:
    """Thumbnails decoded in a helper worker process, one at a time, each under the
    per-file timeout and memory limit; a failure is a missing thumbnail. ``close()`` when
    done. (The HTML report uses :class:`ThumbnailPool`, several such workers at once.)"""

    def __init__(self, timeout_s: float = TIMEOUT_S, memory_mb: int | None = MEMORY_MB) -> None:
        from provenance.parallel import Isolated

        self._worker = Isolated(timeout_s, memory_mb)

    def data_uri(self, root: Path, rel_path: str | None,
                 bound: Path | None = None) -> str | None:
        """As :func:`thumbnail_data_uri`, decoded in the worker."""
        if safe_image_path(root, rel_path, bound) is None:
            return None  # checked here too: no worker for what cannot be shown
        ok, uri = self._worker.call(_in_worker, root.resolve(), rel_path,
                                    None if bound is None else bound.resolve())
        return uri if ok and isinstance(uri, str) else None

    def close(self) -> None:
        self._worker.close()


def _in_worker(root: Path, rel_path: str, bound: Path | None) -> str | None:
    return thumbnail_data_uri(root, rel_path, bound=bound)


def _ready() -> bool:
    return True


class ThumbnailPool:
    """Thumbnails of many images, decoded in ``workers`` helper processes at once.

    Each worker is an :class:`~provenance.parallel.Isolated` helper, so every image is
    decoded under the same per-file timeout and memory limit as with :class:`Thumbnailer`;
    a thread per worker only waits on its pipe. The workers start (by ``fork`` where the
    process has one thread) before the threads do. The result does not depend on the
    number of workers: each image's thumbnail is the same bytes whichever worker made it.
    """

    def __init__(self, workers: int | None = None, timeout_s: float = TIMEOUT_S,
                 memory_mb: int | None = MEMORY_MB) -> None:
        from provenance.parallel import default_jobs

        self.workers = max(1, workers if workers is not None else min(default_jobs(),
                                                                      MAX_POOL))
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self._helpers: list[Isolated] = []
        self._keep = False  # inside ``with``: workers outlive each call until the block ends

    def __enter__(self) -> ThumbnailPool:
        self._keep = True
        return self

    def __exit__(self, *_: object) -> None:
        self._keep = False
        self.close()

    def close(self) -> None:
        helpers, self._helpers = self._helpers, []
        for helper in helpers:
            helper.close()

    def _started(self, wanted: int) -> list[Isolated]:
        from provenance.parallel import Isolated

        while len(self._helpers) < wanted:
            helper = Isolated(self.timeout_s, self.memory_mb)
            helper.call(_ready)  # started now, from the one thread: fork, not forkserver
            self._helpers.append(helper)
        return self._helpers[:wanted]

    def data_uris(self, root: Path, rel_paths: Sequence[str | None],
                  bound: Path | None = None) -> list[str | None]:
        """The thumbnail of each path (``None`` where there is none), in the given order."""
        results: list[str | None] = [None] * len(rel_paths)
        todo = [(i, rel) for i, rel in enumerate(rel_paths)
                if rel is not None and safe_image_path(root, rel, bound) is not None]
        if not todo:
            return results
        base, limit = root.resolve(), None if bound is None else bound.resolve()
        pending = iter(todo)
        lock = threading.Lock()

        def work(helper: Isolated) -> None:
            while True:
                with lock:
                    task = next(pending, None)
                if task is None:
                    return
                ok, uri = helper.call(_in_worker, base, task[1], limit)
                results[task[0]] = uri if ok and isinstance(uri, str) else None

        try:
            threads = [threading.Thread(target=work, args=(helper,), daemon=True)
                       for helper in self._started(min(self.workers, len(todo)))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            if not self._keep:
                self.close()
        return results


def _too_many_scans(target: Path) -> bool:
    """Whether a JPEG holds more than :data:`MAX_JPEG_SCANS` start-of-scan markers.

    In entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so
    ``FF DA`` occurs only as a marker (or inside an embedded JPEG, which a real file has
    one or two of). Counting it reads the file once, without decoding."""
    count, tail = 0, b""
    with open(target, "rb") as fh:
        if fh.read(2) != b"\xff\xd8":
            return False
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            count += data.count(b"\xff\xda")
            if count > MAX_JPEG_SCANS:
                return True
            tail = data[-1:] if data.endswith(b"\xff") else b""
    return False


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
