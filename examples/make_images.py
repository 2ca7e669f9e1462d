"""Rebuild the small images the examples reference (run: python examples/make_images.py).

Each image carries real metadata written by Pillow, so the audit has something to read:
an AI-generated PNG with an AUTOMATIC1111-style ``parameters`` text chunk, a camera JPEG with
EXIF (maker, capture time, GPS) and an XMP DigitalSourceType of ``digitalCapture``, an
AI-edited JPEG whose XMP says ``compositeWithTrainedAlgorithmicMedia``, and a plain PNG with
no metadata at all. Pixels are flat colours: the examples are about metadata.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, PngImagePlugin

HERE = Path(__file__).resolve().parent
DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def xmp_packet(source_type: str, credit: str) -> bytes:
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  Iptc4xmpExt:DigitalSourceType="{DST}{source_type}" photoshop:Credit="{credit}"/>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


def generated_png(path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "a lighthouse on a storm-lit harbour wall, oil painting\n"
                  "Negative prompt: blurry\nSteps: 24, Sampler: Euler a, CFG scale: 6.5, "
                  "Seed: 1234, Size: 96x64, Model: example-model")
    Image.new("RGB", (96, 64), (40, 70, 120)).save(path, pnginfo=info)


def camera_jpeg(path: Path, *, gps: bool) -> None:
    image = Image.new("RGB", (96, 64), (150, 120, 80))
    exif = image.getexif()
    exif[0x010F], exif[0x0110] = "Harbourcam", "HC-7"  # Make, Model
    exif[0x013B] = "Ana Lopes"  # Artist
    exif.get_ifd(0x8769).update({0x9003: "2026:03:01 17:45:10", 0x9011: "+01:00"})
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 43.0, 20.0), 3: "W", 4: (9.0, 8.0, 21.0)})
    image.save(path, exif=exif, xmp=xmp_packet("digitalCapture", "Harbour Photo Agency"))


def edited_jpeg(path: Path) -> None:
    Image.new("RGB", (96, 64), (90, 140, 90)).save(
        path, xmp=xmp_packet("compositeWithTrainedAlgorithmicMedia", "Newsroom Graphics"))


def plain_png(path: Path) -> None:
    Image.new("RGB", (96, 64), (200, 200, 200)).save(path)


def main() -> None:
    generated_png(HERE / "markdown" / "img" / "lighthouse-generated.png")
    camera_jpeg(HERE / "markdown" / "img" / "sea-wall.jpg", gps=True)
    edited_jpeg(HERE / "html" / "img" / "market-square-edited.jpg")
    camera_jpeg(HERE / "html" / "img" / "stalls.jpg", gps=False)
    camera_jpeg(HERE / "ninjs" / "img" / "rail-bridge.jpg", gps=False)
    plain_png(HERE / "images" / "unlabelled-graphic.png")


if __name__ == "__main__":
    main()
