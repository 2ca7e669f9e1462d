"""Web archives (WARC 1.0/1.1, ARC) read record by record: a scan of headers, then one record.

Two reads, two tools:

* :func:`scan_archive` goes through a whole file once, reading only headers (record type,
  target URI, HTTP status and content type, dates and digests). WARC files go through
  FastWARC (``fastwarc``: 2-3.6x faster than warcio, see ``bench/README.md``); ARC files,
  which FastWARC does not read, through warcio.
* :func:`read_record` reads the one record at an offset into memory — its gzip member, or
  its ``Content-Length`` of an uncompressed file — and splits it into WARC headers, HTTP
  headers and the (de-chunked, decompressed) payload. Nothing is written to disk.

Damage costs only the record it is in. A gzip member that does not inflate is reported at
its offset (:class:`Scanned` with ``problem``) and the scan goes on at the next member
that starts a WARC record; a record cut short (its gzip member ends early, or fewer bytes
than its ``Content-Length``) is a :class:`RecordError` when it is read. Libraries stop at
the first bad member, hence the resynchronisation here. An uncompressed ``.warc`` or an ARC
file has no member boundaries to resume at: its scan stops at the damage, reported there.

Files are opened beneath the audit root (:func:`provenance.beneath.open_regular`): a
symlinked archive leading out of the root is never read.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

GZIP_MAGIC = b"\x1f\x8b\x08"
MAX_RECORD_BYTES = 64_000_000  # one record's block: a page or a picture, never a video
_CHUNK = 1 << 20
_PROBE = 1 << 16  # bytes inflated to check that a gzip member starts a record
_FIRST_READ = 1 << 16  # a record's first read; later ones grow to _CHUNK


class RecordError(Exception):
    """The record cannot be read (corrupt gzip member, truncated, not a record)."""


def is_arc(name: str) -> bool:
    return name.lower().endswith((".arc", ".arc.gz"))


@dataclass(frozen=True, slots=True)
class Scanned:
    """One record's headers as the scan saw them (or, with ``problem``, a damaged one)."""

    offset: int
    rec_type: str = ""  # response | revisit | request | warcinfo | metadata | resource …
    uri: str = ""
    status: int | None = None  # HTTP status, where the block is an HTTP message
    mime: str = ""  # HTTP Content-Type, lower case, without parameters
    date: str = ""
    payload_digest: str = ""
    refers_uri: str = ""  # revisit: WARC-Refers-To-Target-URI
    refers_date: str = ""  # revisit: WARC-Refers-To-Date
    problem: str | None = None


@dataclass
class Record:
    """One record read into memory."""

    warc: dict[str, str]  # WARC header names in lower case
    status: int | None = None
    http: dict[str, str] = field(default_factory=dict)  # lower-case names
    payload: bytes = b""

    @property
    def mime(self) -> str:
        return _mime(self.http.get("content-type", ""))


def _mime(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def open_archive(path: Path, root: Path | None, rel: str) -> IO[bytes]:
    """The archive, opened without following a link out of ``root``."""
    from provenance.beneath import open_regular

    return open(open_regular(path, root, rel), "rb")


# ------------------------------------------------------------------------------ scan


def scan_archive(fh: IO[bytes], name: str) -> Iterator[Scanned]:
    """Every record of an open archive in file order (see the module docstring)."""
    if is_arc(name):
        yield from _scan_arc(fh)
        return
    size = os.fstat(fh.fileno()).st_size
    gz = _starts_gzip(fh)
    start = 0
    while start < size:
        last: int | None = None
        try:
            for scanned in _scan_fast(fh, start):
                last = scanned.offset
                yield scanned
            # FastWARC also stops silently at damage: is anything left after the last record?
            if last is None:
                end: int | None = start
            else:
                end = _member_end(fh, last) if gz else _plain_end(fh, last)
            if end is None or size - end <= 4:  # a few stray line ends after the last record
                return
            problem = "no WARC record can be read here"
        except Exception as exc:  # FastWARC stops at damage: resynchronise below
            problem = f"corrupt record: {exc}"
        if not gz:  # an uncompressed file has no member boundaries to resume at
            damaged = start if last is None else _plain_end(fh, last)
            if damaged is not None and damaged < size:
                yield Scanned(offset=damaged, problem=problem)
            return
        # The damaged member: the one FastWARC stopped in (when it yielded nothing since
        # ``start``), else the one right after the last record it yielded — unless that
        # record's own member is the damaged one, which reading it will report.
        damaged = start if last is None else _member_end(fh, last)
        if damaged is not None and damaged < size:
            yield Scanned(offset=damaged, problem=f"corrupt gzip member ({problem})")
        resume, broken = _next_member(
            fh, (damaged if damaged is not None else last or start) + 1, size)
        for offset in broken:  # further damaged members before the next good one
            yield Scanned(offset=offset, problem="corrupt gzip member: it does not inflate")
        if resume is None:
            return
        start = resume


def _starts_gzip(fh: IO[bytes]) -> bool:
    fh.seek(0)
    return fh.read(3) == GZIP_MAGIC


def _scan_fast(fh: IO[bytes], start: int) -> Iterator[Scanned]:
    from fastwarc.warc import ArchiveIterator

    fh.seek(start)
    for rec in ArchiveIterator(fh, parse_http=True, verify_digests=False):
        pos = int(rec.stream_pos)
        offset = pos + start if pos < start else pos
        headers = rec.headers
        status = mime = None
        if rec.is_http and rec.http_headers is not None:
            status = rec.http_headers.status_code
            mime = _mime(rec.http_headers.get("Content-Type") or "")
        problem = None
        block_type = headers.get("Content-Type") or "application/http"
        if status is None and block_type.startswith("application/http") and \
                _type_name(rec.record_type) == "response":
            problem = "the record's HTTP headers cannot be read"  # cut short, or damaged
        yield Scanned(
            offset=offset, rec_type=_type_name(rec.record_type),
            uri=(headers.get("WARC-Target-URI") or "").strip("<> "), status=status,
            mime=mime or "", date=headers.get("WARC-Date") or "",
            payload_digest=headers.get("WARC-Payload-Digest") or "",
            refers_uri=(headers.get("WARC-Refers-To-Target-URI") or "").strip("<> "),
            refers_date=headers.get("WARC-Refers-To-Date") or "", problem=problem)


def _type_name(rec_type: Any) -> str:
    name = getattr(rec_type, "name", None) or str(rec_type)
    return str(name).rsplit(".", 1)[-1]


def _next_member(fh: IO[bytes], after: int, size: int) -> tuple[int | None, list[int]]:
    """The next offset at or after ``after`` where a gzip member starting a WARC record
    begins, and the offsets of the damaged members met on the way: gzip headers (magic,
    no reserved flag, a known OS byte) that do not inflate to a record. A header that
    chance put inside compressed data is rare (~1 in 10^9 bytes)."""
    pos, broken = after, list[int]()
    while pos < size:
        hit = _find(fh, GZIP_MAGIC, pos, size)
        if hit is None:
            return None, broken
        if _member_starts_record(fh, hit):
            return hit, broken
        if _plausible_header(fh, hit):
            broken.append(hit)
        pos = hit + 1
    return None, broken


def _plausible_header(fh: IO[bytes], at: int) -> bool:
    fh.seek(at)
    head = fh.read(10)
    return len(head) == 10 and head[3] & 0xE0 == 0 and (head[9] <= 13 or head[9] == 255)


def _plain_end(fh: IO[bytes], at: int) -> int | None:
    """Where the uncompressed record at ``at`` ends (with its closing CRLF CRLF); None when
    the record itself is damaged (reading it says so)."""
    fh.seek(at)
    try:
        end = at + len(_plain_record(fh, MAX_RECORD_BYTES))
    except RecordError:
        return None
    fh.seek(end)
    return end + 4 if fh.read(4) == b"\r\n\r\n" else end


def _member_end(fh: IO[bytes], at: int) -> int | None:
    """Where the gzip member starting at ``at`` ends; None when it does not inflate."""
    fh.seek(at)
    inflater = zlib.decompressobj(31)
    consumed = 0
    try:
        while not inflater.eof:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return None
            inflater.decompress(chunk, 1)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _CHUNK)
            consumed += len(chunk)
    except zlib.error:
        return None
    return at + consumed - len(inflater.unused_data)


def _find(fh: IO[bytes], needle: bytes, pos: int, size: int) -> int | None:
    while pos < size:
        fh.seek(pos)
        chunk = fh.read(_CHUNK + len(needle) - 1)
        at = chunk.find(needle)
        if at >= 0:
            return pos + at
        if len(chunk) < len(needle):
            return None
        pos += _CHUNK
    return None


def _member_starts_record(fh: IO[bytes], at: int) -> bool:
    fh.seek(at)
    try:
        head = zlib.decompressobj(31).decompress(fh.read(_PROBE), 64)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _scan_arc(fh: IO[bytes]) -> Iterator[Scanned]:
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(0)
    iterator = ArchiveIterator(fh, arc2warc=True)
    try:
        for rec in iterator:
            offset = iterator.get_record_offset()
            status = None
            mime = ""
            if rec.http_headers is not None:
                with contextlib.suppress(ValueError, TypeError):
                    status = int(rec.http_headers.get_statuscode())
                mime = _mime(rec.http_headers.get_header("Content-Type") or "")
            yield Scanned(offset=offset, rec_type=rec.rec_type or "",
                          uri=rec.rec_headers.get_header("WARC-Target-URI") or "",
                          status=status, mime=mime,
                          date=rec.rec_headers.get_header("WARC-Date") or "")
    except Exception as exc:  # warcio stops at damage; ARC files are not resynchronised
        yield Scanned(offset=iterator.offset, problem=f"corrupt record: {exc}")


# --------------------------------------------------------------------- one record


def read_record(fh: IO[bytes], name: str, offset: int,
                limit: int = MAX_RECORD_BYTES) -> Record:
    """The record at ``offset``, payload in memory; :class:`RecordError` when damaged."""
    if is_arc(name):
        return _read_arc(fh, offset)
    fh.seek(offset)
    head = fh.read(3)
    fh.seek(offset)
    raw = _inflate_member(fh, limit) if head == GZIP_MAGIC else _plain_record(fh, limit)
    return _split_record(raw)


def _inflate_member(fh: IO[bytes], limit: int) -> bytes:
    inflater = zlib.decompressobj(31)
    out = bytearray()
    step = _FIRST_READ  # a page's member is ~30 KB: reading a megabyte for it is waste
    while not inflater.eof:
        chunk = fh.read(step)
        step = min(step * 4, _CHUNK)
        if not chunk:
            raise RecordError("truncated record: its gzip member ends before its end")
        try:
            out += inflater.decompress(chunk, limit + 1 - len(out))
        except zlib.error as exc:
            raise RecordError(f"corrupt gzip member: {exc}") from None
        if len(out) > limit:
            raise RecordError(f"the record is larger than the {limit:,} byte limit")
        while inflater.unconsumed_tail and not inflater.eof:
            try:
                out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
            except zlib.error as exc:
                raise RecordError(f"corrupt gzip member: {exc}") from None
            if len(out) > limit:
                raise RecordError(f"the record is larger than the {limit:,} byte limit")
    return bytes(out)


def _plain_record(fh: IO[bytes], limit: int) -> bytes:
    head = bytearray()
    while b"\r\n\r\n" not in head:
        line = fh.readline(65536)
        if not line:
            raise RecordError("truncated record: its headers end before their end")
        head += line
        if len(head) > 1 << 20:
            raise RecordError("not a WARC record: no end of headers in the first megabyte")
    length = _content_length(bytes(head))
    if length > limit:
        raise RecordError(f"the record is larger than the {limit:,} byte limit")
    return bytes(head) + fh.read(length)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return int(value.strip())
            except ValueError:
                break
    raise RecordError("not a WARC record: no valid Content-Length")


def _split_record(raw: bytes) -> Record:
    if not raw.startswith(b"WARC/"):
        raise RecordError("not a WARC record: it does not start with WARC/")
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        raise RecordError("truncated record: its headers end before their end")
    warc = _headers(raw[:end].split(b"\r\n")[1:])
    block = raw[end + 4:]
    try:
        length = int(warc.get("content-length", ""))
    except ValueError:
        raise RecordError("not a WARC record: no valid Content-Length") from None
    if len(block) < length:
        raise RecordError(f"truncated record: {len(block):,} of its {length:,} bytes are "
                          "in the file")
    block = block[:length]
    record = Record(warc)
    if block.startswith(b"HTTP/"):
        _split_http(block, record)
    else:
        record.payload = block
    return record


def _headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.decode("latin-1").partition(":")
        if sep:
            headers.setdefault(name.strip().lower(), value.strip())
    return headers


def _split_http(block: bytes, record: Record) -> None:
    end = block.find(b"\r\n\r\n")
    head, body = (block, b"") if end < 0 else (block[:end], block[end + 4:])
    lines = head.split(b"\r\n")
    parts = lines[0].split(None, 2)
    with contextlib.suppress(IndexError, ValueError):
        record.status = int(parts[1])
    record.http = _headers(lines[1:])
    if "chunked" in record.http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    record.payload = _decode_content(body, record.http.get("content-encoding", "").lower())


def _dechunk(body: bytes) -> bytes:
    """HTTP/1.1 chunked transfer coding, undone; data that is not chunked is kept."""
    out = bytearray()
    pos = 0
    while pos < len(body):
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            return body
        try:
            size = int(body[pos:eol].split(b";")[0], 16)
        except ValueError:
            return body
        if size == 0:
            return bytes(out)
        out += body[eol + 2:eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def _decode_content(body: bytes, coding: str) -> bytes:
    """gzip/deflate content coding undone (bounded); other codings are kept as they are."""
    if coding not in ("gzip", "x-gzip", "deflate"):
        return body
    try:
        inflater = zlib.decompressobj(47 if coding != "deflate" else 15)
        out = inflater.decompress(body, MAX_RECORD_BYTES)
    except zlib.error:
        return body
    return out


def _read_arc(fh: IO[bytes], offset: int) -> Record:
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(offset)
    try:
        for rec in ArchiveIterator(fh, arc2warc=True):
            record = Record({k.lower(): v for k, v in rec.rec_headers.headers})
            if rec.http_headers is not None:
                with contextlib.suppress(ValueError, TypeError):
                    record.status = int(rec.http_headers.get_statuscode())
                record.http = {k.lower(): v for k, v in rec.http_headers.headers}
            record.payload = rec.content_stream().read(MAX_RECORD_BYTES)
            return record
    except Exception as exc:
        raise RecordError(f"corrupt record: {exc}") from None
    raise RecordError("no record at this offset")
