"""Throughput of ``read_image`` against ``exiftool -json`` (not a test: run it by hand).

    python -m tests.images.bench_throughput [FOLDER]

Writes ~200 camera-like 1–3 MP JPEGs with EXIF and XMP into FOLDER (default
``/tmp/provenance-bench``) once, then times both tools on them, interleaved, best of four
each (shared machines are noisy), with the page cache warm for both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from provenance.images import read_image
from tests.images.builders import DST, exif_bytes, xmp_packet

SIZES = [(1280, 960), (1600, 1200), (2000, 1500), (1920, 1080)]


def make_folder(folder: Path, count: int = 200) -> list[Path]:
    if not folder.exists():
        folder.mkdir(parents=True)
        for i in range(count):
            width, height = SIZES[i % len(SIZES)]
            noise = Image.merge("RGB", [Image.effect_noise((width, height), 40 + 5 * c)
                                        for c in range(3)])
            ramp = Image.linear_gradient("L").resize((width, height)).convert("RGB")
            exif = exif_bytes(make="Canon", model="EOS R6", artist=f"Photographer {i}",
                              taken=f"2025:0{1 + i % 9}:1{i % 10} 12:34:56", offset="+01:00",
                              gps=(48.85 + i / 1000, 2.35))
            xmp = xmp_packet(f'Iptc4xmpExt:DigitalSourceType="{DST}digitalCapture"',
                             f"<photoshop:Credit>Agency {i}</photoshop:Credit>")
            Image.blend(noise, ramp, 0.6).save(folder / f"img{i:03d}.jpg", "JPEG", quality=85,
                                               exif=exif, xmp=xmp)
    return sorted(folder.glob("*.jpg"))


def main(folder: Path) -> None:
    files = make_folder(folder)
    for f in files:
        f.read_bytes()
    read_image(files[0], "warm-up")
    ours = theirs = float("inf")
    exiftool = shutil.which("exiftool")
    for _ in range(4):
        start = time.perf_counter()
        for f in files:
            read_image(f, f.name)
        ours = min(ours, time.perf_counter() - start)
        if exiftool:
            start = time.perf_counter()
            subprocess.run([exiftool, "-json", *map(str, files)], capture_output=True, check=True)
            theirs = min(theirs, time.perf_counter() - start)
    print(f"{len(files)} files: provenance {ours / len(files) * 1000:.3f} ms/image")
    if exiftool:
        print(f"exiftool -json {theirs / len(files) * 1000:.3f} ms/image, "
              f"ratio {theirs / ours:.1f}x")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/provenance-bench"))
