"""Web archives as an audit's input: records become articles and images.

``provenance audit crawl.warc.gz`` (also ``.warc``, ``.arc``, ``.arc.gz``, or a folder of
them) reads every archive of the run once, headers only (:func:`expand`), and builds one
index for the whole set:

* every ``response`` record with HTTP status 200 and an HTML content type is an article,
  addressed ``FILE#OFFSET`` (the archive's path relative to the root and the record's
  offset); its report entry adds ``record {file, offset, target_uri}``;
* every ``response`` record with status 200 and an ``image/*`` content type is an image,
  found by its URL; one that no article shows is audited on its own, as an unreferenced
  image of a folder is;
* a ``revisit`` record stands for its original (``WARC-Refers-To-Target-URI`` and
  ``-Date``, else the same ``WARC-Payload-Digest``), in any archive of the set;
* every other record (requests, metadata, warcinfo, redirects, scripts…) is skipped and
  counted in ``summary.skipped``;
* a damaged record (a gzip member that does not inflate, a record cut short) is an
  INP001 finding at its address when it is an article or unknown, IMG002 when it is an
  image; the rest of the archive is read.

An article's image references resolve against the record's target URI (or the page's
``<base href>``) to an absolute URL. URLs on the site's own origins — the policy's
``[site] base_urls``, else the page's own origin — are looked up in the index and read
from the record's payload in memory; any other URL, and one with no record in the set, is
remote (IMG003), as for a folder. The workers read each record at its offset
(:mod:`provenance.warc`), through the same pool, limits and cache of images as files.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from provenance.paths import Found, Resolution
from provenance.warc import RecordError, Scanned, open_archive, read_record, scan_archive

MAX_ARTICLE_BYTES = 20_000_000  # as for an article file
_HTML = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """An indexed record: where it is, its URL, and which record holds its payload."""

    archive: str  # the archive's path relative to the root
    offset: int
    uri: str
    payload: str  # address of the record whose payload is read (a revisit's original)
    problem: str | None = None  # damaged: why it cannot be read


def address(archive: str, offset: int) -> str:
    return f"{archive}#{offset}"


def url_key(url: str) -> str:
    """A URL as the index compares it: scheme and host in lower case, default port and
    fragment dropped."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default) else f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    # ``a b.jpg`` in a page and ``a%20b.jpg`` in the crawl are one URL.
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~") or "/"
    return f"{scheme}://{netloc}{path}{query}"


def _host(url: str) -> str:
    parts = urlsplit(url)
    return url_key(f"{parts.scheme}://{parts.netloc}/").split("://", 1)[-1]


@dataclass
class ArchiveIndex:
    """The archives of one run: what each record is, and where each image URL's payload is.

    Plain and picklable: it travels to the workers inside the audit configuration.
    """

    paths: dict[str, str] = field(default_factory=dict)  # archive rel -> absolute path
    records: dict[str, RecordInfo] = field(default_factory=dict)  # by address
    images: dict[str, str] = field(default_factory=dict)  # url_key -> payload address
    skipped: int = 0
    origins: tuple[str, ...] = ()  # the policy's base_urls, scheme-free prefixes

    def holds(self, rel: str) -> bool:
        """Whether ``rel`` is the address of a record of this set."""
        return rel in self.records

    def fields(self, rel: str) -> dict[str, Any]:
        """The report's additive ``record`` object of an entry at address ``rel``."""
        info = self.records[rel]
        return {"file": info.archive, "offset": info.offset, "target_uri": info.uri}

    # ------------------------------------------------------------ reading (workers)

    def load(self, rel: str, root: Path) -> Any:
        """The record holding ``rel``'s payload, read into memory (RecordError, OSError)."""
        info = self.records[rel]
        archive, _, offset = info.payload.rpartition("#")
        with open_archive(Path(self.paths[archive]), root, archive) as fh:
            record = read_record(fh, archive, int(offset))  # its own words for the damage
        if info.problem is not None:
            raise RecordError(info.problem)
        return record

    def read_articles(self, found: Found, cfg: Any) -> list[Any]:
        """The article of an HTML record (:func:`provenance.articles.parse_article_text`);
        ``ArticleError`` (INP001) for a damaged or oversized record."""
        from provenance.articles import ArticleError, parse_article_text
        from provenance.articles.decode import decode_bytes
        from provenance.model import Article

        try:
            record = self.load(found.rel, cfg.root)
        except (RecordError, OSError) as exc:
            raise ArticleError(_reason(exc)) from None
        if len(record.payload) > MAX_ARTICLE_BYTES:
            raise ArticleError(f"the page is larger than the {MAX_ARTICLE_BYTES:,} byte "
                               "limit for an article")
        text = decode_bytes(_as_utf8(record)).text
        items = parse_article_text(text, found.rel, "html", cfg.placement)
        base = _base_url(text, self.records[found.rel].uri)
        for item in items:
            if isinstance(item, Article):
                # For a record, ``url`` is what its references resolve against.
                item.url = base
        return items

    def read_image(self, rel: str, cfg: Any) -> Any:
        """The evidence of an image record, read from its payload in memory."""
        from provenance.images.model import ImageEvidence
        from provenance.images.read import read_image_bytes

        try:
            record = self.load(rel, cfg.root)
        except (RecordError, OSError) as exc:
            return ImageEvidence(path=rel, status="unreadable", problem=_reason(exc))
        return read_image_bytes(record.payload, rel, trust_anchors=cfg.trust_anchors,
                                extra_generators=cfg.extra_generators)

    def resolve(self, src: str, page_url: str | None, rel: str) -> Resolution:
        """Where an image reference of the record ``rel`` leads (see the module doc)."""
        text = src.strip()
        if text.lower().startswith("data:"):
            return Resolution("remote")
        base = page_url or self.records[rel].uri
        try:
            url = urljoin(base, text)
        except ValueError:
            return Resolution("remote")
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return Resolution("outside-root")
        if scheme not in ("http", "https") or not self._own(url, self.records[rel].uri):
            return Resolution("remote")
        target = self.images.get(url_key(url))
        if target is None:
            return Resolution("remote")
        archive = self.records[target].archive
        return Resolution("ok", Path(self.paths[archive]), target)

    def _own(self, url: str, page: str) -> bool:
        if self.origins:
            here = url_key(url).split("://", 1)[-1]
            return any(here.startswith(prefix) for prefix in self.origins)
        return _host(url) == _host(page)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""",
                           re.IGNORECASE)


def _as_utf8(record: Any) -> bytes:
    """The page's bytes in UTF-8: a crawl keeps pages in the charset their server declared
    (``Content-Type: text/html; charset=windows-1251``, else ``<meta charset>`` in the first
    kilobytes, as browsers read them), where an article file must be UTF-8. The result then
    goes through the files' decoding policy (BOMs, NUL, line endings)."""
    data: bytes = record.payload
    declared = record.http.get("content-type", "").lower().partition("charset=")[2]
    name = declared.split(";")[0].strip(" \"'")
    if not name:
        match = _META_CHARSET.search(data[:4096])
        name = match.group(1).decode("ascii", "replace") if match else ""
    try:
        codec = codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return data
    if codec in ("utf-8", "ascii") or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                        codecs.BOM_UTF16_BE)):
        return data
    return data.decode(codec, "replace").encode("utf-8")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, RecordError):
        return f"cannot read the archive: {exc.strerror or exc}"
    return str(exc)


def _base_url(text: str, uri: str) -> str:
    """The page's ``<base href>`` joined with its target URI, else the target URI."""
    head = text[:65536]
    match = re.search(r"<base\s[^>]*?href\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
                      head, re.IGNORECASE)
    if match is None:
        return uri
    href = next(g for g in match.groups() if g is not None).strip()
    try:
        return urljoin(uri, href) if href else uri
    except ValueError:
        return uri


# --------------------------------------------------------------- the index (parent)


def expand(found: Sequence[Found], root: Path, site: Any = None) -> tuple[list[Found],
                                                                         ArchiveIndex | None]:
    """The walk's files with each archive replaced by its article and image records, and
    the index of the set (``None`` when no archive is among them)."""
    archives = [f for f in found if f.kind == "archive"]
    if not archives:
        return list(found), None
    index = ArchiveIndex(origins=_origins(site))
    scans = {item.rel: _scan(item, root) for item in archives}
    for item in archives:
        index.paths[item.rel] = str(item.path)
    originals = _originals(scans)
    out: list[Found] = []
    for item in found:
        if item.kind != "archive":
            out.append(item)
            continue
        seen: set[int] = set()
        for scanned in scans[item.rel]:
            if scanned.offset in seen:
                continue  # a scan reports each offset once; this keeps that a promise
            seen.add(scanned.offset)
            kind = _classify(index, item.rel, scanned, originals)
            if kind is not None:
                out.append(Found(kind, str(item.path), address(item.rel, scanned.offset)))
    return out, index


def _scan(item: Found, root: Path) -> list[Scanned]:
    try:
        with open_archive(item.path, root, item.rel) as fh:
            return list(scan_archive(fh, item.rel))
    except OSError as exc:
        return [Scanned(offset=0, problem=f"cannot read the archive: {exc.strerror or exc}")]


def _origins(site: Any) -> tuple[str, ...]:
    configured = getattr(site, "configured", None)
    urls = getattr(configured, "base_urls", ()) or ()
    return tuple(url_key(prefix).split("://", 1)[-1] for prefix, _ in urls)


@dataclass
class _Originals:
    """Response records a revisit may refer to: by URI and date, by payload digest."""

    by_uri_date: dict[tuple[str, str], tuple[str, Scanned]] = field(default_factory=dict)
    by_digest: dict[str, tuple[str, Scanned]] = field(default_factory=dict)
    by_uri: dict[str, tuple[str, Scanned]] = field(default_factory=dict)


def _originals(scans: dict[str, list[Scanned]]) -> _Originals:
    found = _Originals()
    for archive, records in scans.items():
        for s in records:
            if s.problem is None and s.rec_type == "response" and s.status == 200:
                entry = (archive, s)
                found.by_uri_date.setdefault((url_key(s.uri), s.date), entry)
                found.by_uri.setdefault(url_key(s.uri), entry)
                if s.payload_digest:
                    found.by_digest.setdefault(s.payload_digest, entry)
    return found


def _classify(index: ArchiveIndex, archive: str, s: Scanned,
              originals: _Originals) -> str | None:
    """Index one record; the kind of task it becomes (``article``/``image``) or None."""
    here = address(archive, s.offset)
    if s.problem is not None:
        index.records[here] = RecordInfo(archive, s.offset, s.uri, here, s.problem)
        return "article"
    source: tuple[str, Scanned] | None = (archive, s)
    if s.rec_type == "revisit":
        source = _original_of(s, originals)
    elif s.rec_type != "response":
        source = None
    if source is None or source[1].status != 200 or s.status not in (200, None):
        index.skipped += 1
        return None
    payload = address(source[0], source[1].offset)
    mime = source[1].mime
    if mime in _HTML:
        index.records[here] = RecordInfo(archive, s.offset, s.uri, payload)
        return "article"
    if mime.startswith("image/"):
        index.images.setdefault(url_key(s.uri), here)
        index.records[here] = RecordInfo(archive, s.offset, s.uri, payload)
        return "image" if s.rec_type == "response" else None
    index.skipped += 1
    return None


def _original_of(s: Scanned, originals: _Originals) -> tuple[str, Scanned] | None:
    uri = url_key(s.refers_uri or s.uri)
    if s.refers_date:
        hit = originals.by_uri_date.get((uri, s.refers_date))
        if hit is not None:
            return hit
    if s.payload_digest and s.payload_digest in originals.by_digest:
        return originals.by_digest[s.payload_digest]
    return originals.by_uri.get(uri)

