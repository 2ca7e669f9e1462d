"""Article fixes (unsafe: they change what readers see): AID001 and ATR001.

* AID001 inserts the policy's disclosure (``[fix] disclosure``, else the default sentence
  of the article's language, :data:`DEFAULT_DISCLOSURES`, or :data:`DEFAULT_EDITED` for an
  ``ai-composite`` image) into the image's caption:
  Markdown — appended to the caption paragraph after the image, or a new paragraph right
  after it; a front-matter image gets an ``image_caption`` field when it has no caption;
  HTML — appended inside the ``<figcaption>`` of the image's ``<figure>``, or a new
  ``<figcaption>`` before ``</figure>``.
* ATR001 appends the policy's ``[fix] attribution`` line at the end of the body: after
  the last body paragraph (Markdown, plain text), or as a ``<p>`` before ``</article>``
  (HTML).

Only the inserted characters differ: every other byte of the file — line endings,
encoding, indentation — is kept (the file is decoded with ``surrogateescape`` and encoded
back the same way). A case the edit cannot place safely raises :class:`NoFix` with the
reason, and the file is left alone.
"""

from __future__ import annotations

import html
import re

from provenance.model import Article, ImageRef

# One sentence per shipped detector language; each is a disclosure the audit recognises
# (tests/fix/test_text.py audits every one of them).
DEFAULT_DISCLOSURES = {
    "en": "This image was generated with AI.",
    "de": "Dieses Bild wurde mit KI generiert.",
    "es": "Esta imagen fue generada con IA.",
    "fr": "Cette image a été générée par IA.",
    "it": "Questa immagine è stata generata con l'IA.",
    "pt": "Esta imagem foi gerada por IA.",
    "nl": "Deze afbeelding is gemaakt met AI.",
    "sv": "Bilden är skapad med AI.",
    "nb": "Dette bildet er KI-generert.",
    "da": "Dette billede er lavet med AI.",
    "hi": "यह तस्वीर एआई से बनाई गई है।",
    "ur": "یہ تصویر اے آئی سے بنائی گئی ہے۔",
}

# For an ``ai-composite`` image (AI editing of a real picture), "generated" would be untrue.
DEFAULT_EDITED = {
    "en": "This image was edited with AI.",
    "de": "Dieses Bild wurde mit KI bearbeitet.",
    "es": "Esta imagen fue editada con IA.",
    "fr": "Cette image a été modifiée par IA.",
    "it": "Questa immagine è stata modificata con l'IA.",
    "pt": "Esta imagem foi editada com IA.",
    "nl": "Deze afbeelding is bewerkt met AI.",
    "sv": "Bilden är redigerad med AI.",
    "nb": "Dette bildet er redigert med KI.",
    "da": "Dette billede er redigeret med AI.",
    "hi": "यह तस्वीर एआई से बनाई गई है।",  # the lexicon knows no "edited" verb here yet
    "ur": "یہ تصویر اے آئی سے بنائی گئی ہے۔",
}


class NoFix(Exception):
    """The edit cannot be placed safely; the message says why."""


def default_disclosure(language: str | None, *, edited: bool = False) -> str:
    """The preset disclosure for a language tag (``de-AT`` -> ``de``), English otherwise;
    ``edited`` for an image AI edited rather than made."""
    table = DEFAULT_EDITED if edited else DEFAULT_DISCLOSURES
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return table.get(code, table["en"])


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n", text))
    return starts


def add_disclosure(text: str, article: Article, ref: ImageRef, sentence: str) -> str:
    """``text`` with ``sentence`` placed as or into the caption of ``ref``."""
    if article.format == "markdown":
        if ref.placement == "front-matter":
            return _front_matter_caption(text, ref, sentence)
        if ref.placement == "markdown":
            return _markdown_caption(text, article, ref, sentence)
    if article.format in ("html", "markdown") and ref.placement == "html":
        return _figcaption(text, ref, sentence)
    raise NoFix(f"cannot place a caption for a {ref.placement or 'an'} image in "
                f"{article.format} yet")


def _paragraph_end(text: str, starts: list[int], line: int) -> int:
    """Offset of the line break that ends the paragraph holding 1-based ``line``."""
    index = line - 1
    while index + 1 < len(starts) and starts[index + 1] < len(text) and \
            text[starts[index + 1]:].split("\n", 1)[0].strip():
        index += 1
    end = text.find("\n", starts[index])
    end = len(text) if end < 0 else end
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _markdown_caption(text: str, article: Article, ref: ImageRef, sentence: str) -> str:
    starts = _line_starts(text)
    caption = next((b for b in article.blocks if b.zone == "caption" and b.image == ref.src
                    and b.line is not None), None)
    if caption is not None and caption.line is not None and caption.line <= len(starts):
        at = _paragraph_end(text, starts, caption.line)
        return text[:at] + " " + sentence + text[at:]
    if ref.line is None or ref.line > len(starts):
        raise NoFix("the image's line is not known")
    at = _paragraph_end(text, starts, ref.line)
    return text[:at] + _newline(text) * 2 + sentence + text[at:]


def _front_matter_caption(text: str, ref: ImageRef, sentence: str) -> str:
    if ref.caption is not None:
        raise NoFix("the front-matter image has a caption field; edit it by hand")
    starts = _line_starts(text)
    if ref.line is None or ref.line > len(starts):
        raise NoFix("the image's line is not known")
    line_text = text[starts[ref.line - 1]:].split("\n", 1)[0]
    found = re.match(r"(\s*)([A-Za-z_][\w-]*)(\s*)([:=])", line_text)
    if found is None or found.group(2) not in ("image", "hero", "cover", "thumbnail",
                                               "featured_image", "featuredImage"):
        raise NoFix("the front-matter image is not a simple top-level field")
    indent, key, _, sep = found.groups()
    value = sentence.replace("\\", "\\\\").replace('"', '\\"')
    entry = f'{indent}{key}_caption{": " if sep == ":" else " = "}"{value}"'
    at = starts[ref.line - 1] + len(line_text.rstrip("\r"))
    return text[:at] + _newline(text) + entry + text[at:]


def _figcaption(text: str, ref: ImageRef, sentence: str) -> str:
    tag = _img_tag(text, ref)
    close = text.find("</figure", tag.end())
    next_img = re.compile(r"<img\b", re.I).search(text, tag.end())
    if close < 0 or (next_img is not None and next_img.start() < close):
        raise NoFix("the image is not inside a <figure>; add the caption by hand")
    safe = html.escape(sentence, quote=False)
    caption = re.compile(r"</figcaption\s*>", re.I).search(text, tag.end(), close)
    if caption is not None:
        return text[: caption.start()] + " " + safe + text[caption.start():]
    opening = re.compile(r"<figcaption\b[^>]*>", re.I).search(text[:tag.start()],
                                                              text.rfind("<figure", 0,
                                                                         tag.start()))
    if opening is not None:
        raise NoFix("the <figcaption> is not closed")
    return text[:close] + f"<figcaption>{safe}</figcaption>" + _newline(text) + text[close:]


def _img_tag(text: str, ref: ImageRef) -> re.Match[str]:
    pattern = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"']?)" + re.escape(html.escape(ref.src))
                         + r"\1[^>]*>|<img\b[^>]*?\bsrc\s*=\s*([\"']?)" + re.escape(ref.src)
                         + r"\2[^>]*>", re.I | re.S)
    matches = list(pattern.finditer(text))
    if not matches:
        raise NoFix("the <img> tag was not found")
    line = ref.line
    if line is None:
        return matches[0]
    return min(matches, key=lambda m: abs(text.count("\n", 0, m.start()) + 1 - line))


def add_attribution(text: str, article: Article, line: str) -> str:
    """``text`` with the attribution ``line`` at the end of the article body."""
    if article.format == "html":
        closes = [m.start() for m in re.finditer(r"</article\s*>", text, re.I)]
        if len(closes) != 1:
            raise NoFix("the page has no single <article> to append to")
        return text[: closes[0]] + f"<p>{html.escape(line, quote=False)}</p>" + \
            _newline(text) + text[closes[0]:]
    if article.format not in ("markdown", "text"):
        raise NoFix(f"cannot append to a {article.format} article yet")
    body = [b for b in article.blocks if b.zone == "body" and b.line is not None]
    if not body or body[-1].line is None:
        raise NoFix("the article has no body paragraph to append after")
    starts = _line_starts(text)
    at = _paragraph_end(text, starts, body[-1].line)
    nl = _newline(text)
    return text[:at] + nl + nl + line + text[at:]
