"""From an audit's findings to file changes, and applying them safely.

The audit is the same one ``provenance audit`` runs (same walk, root, policy, rule
selection; suppressed findings are not fixed). Findings are grouped per file: image fixes
per image file (several articles may show one picture: its plan is merged), article fixes
per article file. Each file is read once (:func:`provenance.fixes.write.read`), changed
in memory, and — unless only a diff or a check was asked for — replaced atomically if it
has not changed since (:func:`provenance.fixes.write.replace`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.fixes import FIXES, SAFE
from provenance.fixes.image import ImagePlan, fix_image
from provenance.fixes.rewrite import RewriteError
from provenance.fixes.text import (
    NoFix,
    add_attribution,
    add_disclosure,
    decode,
    default_disclosure,
    encode,
)
from provenance.fixes.write import Changed, Snapshot, read, replace

IMAGE_RULES = ("IMG005", "AID004", "IMG006")
TEXT_RULES = ("AID001", "ATR001")
# A disclosure that says the picture was changed, not made, by AI: IPTC's
# compositeWithTrainedAlgorithmicMedia ("edited", "retouched", "bearbeitet", "editada"…).
_EDITED = re.compile(r"\b(edit|retouch|alter|composit|manipulat|enhanc|modifi|bearbeit|"
                     r"verändert|retoc|modific|ritocc|bewerkt)", re.I)


@dataclass(frozen=True)
class FixSettings:
    """The policy's ``[fix]`` table."""

    credit: str | None = None
    disclosure: str | None = None
    attribution: str | None = None

    @staticmethod
    def from_policy(data: Mapping[str, Any]) -> FixSettings:
        table = data.get("fix", {}) or {}
        return FixSettings(table.get("credit"), table.get("disclosure"),
                           table.get("attribution"))


@dataclass(frozen=True)
class Key:
    """A finding as the fix report names it."""

    path: str
    rule: str
    image: str | None
    fingerprint: str
    severity: str = "info"


@dataclass
class Change:
    """One file's new content and the findings it answers."""

    rel: str
    kind: str  # image | text
    fmt: str
    snapshot: Snapshot
    after: bytes
    keys: list[Key] = field(default_factory=list)


@dataclass(frozen=True)
class Skip:
    """A fixable finding that was not fixed, and why (shown in the fix report)."""

    path: str
    rule: str
    message: str


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    remaining: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    unsafe_hidden: int = 0  # fixable with --unsafe-fixes
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _ImageTask:
    plan: ImagePlan = field(default_factory=ImagePlan)
    keys: list[Key] = field(default_factory=list)


@dataclass
class _TextTask:
    findings: list[dict[str, Any]] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)


@dataclass
class Planner:
    """Collects the audit's entries, then works out the changes."""

    root: Path
    settings: FixSettings
    unsafe: bool
    sign: Any = None  # provenance.fixes.sign.Credential
    placement: Any = None  # provenance.articles.PlacementSettings, as the audit reads
    outcome: Outcome = field(default_factory=Outcome)
    _images: dict[str, _ImageTask] = field(default_factory=dict)
    _texts: dict[str, _TextTask] = field(default_factory=dict)

    # The reporter interface (provenance.report.ReportBuilder): the audit that finds what
    # to fix runs exactly as ``provenance audit`` runs, in its worker processes.
    def start(self, header: Mapping[str, Any]) -> None:
        pass

    def article(self, entry: Mapping[str, Any]) -> None:
        self.add_article(entry)

    def image(self, entry: Mapping[str, Any]) -> None:
        self.add_image(entry)

    def finish(self, tail: Mapping[str, Any]) -> None:
        self.outcome.errors.extend(tail.get("errors", []))

    def add_article(self, entry: Mapping[str, Any]) -> None:
        sources = {img["src"]: img for img in entry.get("images", [])}
        for finding in _open(entry):
            rule = finding["rule"]
            image = sources.get(finding.get("image") or "")
            if rule in IMAGE_RULES and image is not None:
                self._image(finding, entry["path"], image, _disclosures(entry, image))
            elif rule in TEXT_RULES and self._wanted(rule):
                task = self._texts.setdefault(entry["path"], _TextTask())
                verdict = (image or {}).get("ai", {}).get("verdict")
                task.findings.append({**finding, "index": entry.get("index"),
                                      "verdict": verdict})
                task.keys.append(_key(entry["path"], finding))
            else:
                self.outcome.remaining.append((entry["path"], finding))

    def add_image(self, entry: Mapping[str, Any]) -> None:
        for finding in _open(entry):
            if finding["rule"] in IMAGE_RULES:
                self._image(finding, entry["path"], entry, [])
            else:
                self.outcome.remaining.append((entry["path"], finding))

    def _wanted(self, rule: str) -> bool:
        if rule == "ATR001" and not self.settings.attribution:
            return False  # no line to add: no fix, as for unfixable rules
        if FIXES[rule][0] == SAFE or self.unsafe:
            return True
        self.outcome.unsafe_hidden += 1
        return False

    def _image(self, finding: Mapping[str, Any], where: str, image: Mapping[str, Any],
               disclosures: Sequence[str]) -> None:
        rule, rel = finding["rule"], image.get("path")
        plan = ImagePlan()
        if rule == "IMG005":
            plan = ImagePlan(gps=True)
        elif rule == "AID004":
            edited = any(_EDITED.search(text) for text in disclosures)
            plan = ImagePlan(dst="compositeWithTrainedAlgorithmicMedia" if edited
                             else "trainedAlgorithmicMedia")
        elif self.settings.credit:
            plan = ImagePlan(credit=self.settings.credit)
        if plan.empty or rel is None or image.get("status") != "ok":
            if not plan.empty:  # no [fix] credit: simply no fix, as for unfixable rules
                self.outcome.skipped.append(Skip(rel or where, rule,
                                                 "the image file was not read"))
            self.outcome.remaining.append((where, dict(finding)))
            return
        task = self._images.setdefault(rel, _ImageTask())
        task.plan = task.plan.merge(plan)
        task.keys.append(_key(rel if where == rel else where, finding))

    def changes(self) -> Outcome:
        """Read each file once and work out its new content."""
        for rel, task in sorted(self._images.items()):
            self._image_change(rel, task)
        for rel, text_task in sorted(self._texts.items()):
            self._text_change(rel, text_task)
        return self.outcome

    def _refuse(self, rel: str, keys: Sequence[Key], message: str) -> None:
        for key in keys:
            self.outcome.skipped.append(Skip(rel, key.rule, message))
            self.outcome.remaining.append((key.path, _as_finding(key)))

    def _image_change(self, rel: str, task: _ImageTask) -> None:
        from provenance.images.containers import Unreadable, scan

        try:
            snap = read(self.root, rel)
            raw = scan(snap.data)
            if raw is None:
                raise RewriteError("not a format provenance reads")
            after = fix_image(snap.data, raw.format, task.plan)
            if raw.c2pa:
                after = self._signed(rel, snap.data, after, raw.format, task.plan)
        except (OSError, Changed, Unreadable, RewriteError, _Refused) as exc:
            self._refuse(rel, task.keys, _reason(exc))
            return
        if after != snap.data:
            self.outcome.changes.append(Change(rel, "image", raw.format, snap, after,
                                               task.keys))

    def _signed(self, rel: str, before: bytes, after: bytes, fmt: str,
                plan: ImagePlan) -> bytes:
        if self.sign is None:
            raise _Refused("the image carries a C2PA manifest; editing it would break the "
                           "manifest's hard binding. Re-sign with --sign CERT KEY")
        from provenance.fixes.sign import SignError, resign

        try:
            return resign(before, after, fmt, plan, self.sign)
        except SignError as exc:
            raise _Refused(str(exc)) from None

    def _text_change(self, rel: str, task: _TextTask) -> None:
        try:
            snap = read(self.root, rel)
            article = _article(self.root, rel, snap, task.findings, self.placement)
            text = decode(snap.data)
            for _line, finding in sorted(_positions(article, task.findings), reverse=True,
                                         key=lambda p: p[0]):
                text = self._apply_text(text, article, finding)
        except (OSError, Changed, NoFix) as exc:
            self._refuse(rel, task.keys, _reason(exc))
            return
        after = encode(text)
        if after != snap.data:
            self.outcome.changes.append(Change(rel, "text", article.format, snap, after,
                                               task.keys))

    def _apply_text(self, text: str, article: Any, finding: Mapping[str, Any]) -> str:
        if finding["rule"] == "ATR001":
            if not self.settings.attribution:
                raise NoFix("set [fix] attribution in the policy to add one")
            return add_attribution(text, article, self.settings.attribution)
        ref = next((r for r in article.images if r.src == finding.get("image")), None)
        if ref is None:
            raise NoFix("the image reference was not found again")
        sentence = self.settings.disclosure or default_disclosure(
            article.language, edited=finding.get("verdict") == "ai-composite")
        return add_disclosure(text, article, ref, sentence)


class _Refused(Exception):
    """A C2PA-signed image that may not be edited as asked."""


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot read or write the file: {exc.strerror or exc}"
    return str(exc)


def _as_finding(key: Key) -> dict[str, Any]:
    return {"rule": key.rule, "image": key.image, "fingerprint": key.fingerprint,
            "severity": key.severity}


def _open(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [f for f in entry.get("findings", []) if not f.get("suppressed")]


def _key(path: str, finding: Mapping[str, Any]) -> Key:
    return Key(path, finding["rule"], finding.get("image"), finding.get("fingerprint", ""),
               finding.get("severity", "info"))


def _disclosures(entry: Mapping[str, Any], image: Mapping[str, Any]) -> list[str]:
    texts = [d["text"] for d in entry.get("disclaimers", []) if d.get("image") == image["src"]]
    if not texts:
        texts = [d["text"] for d in entry.get("disclaimers", [])]
    return texts


def _article(root: Path, rel: str, snap: Snapshot, findings: Sequence[Mapping[str, Any]],
             placement: Any) -> Any:
    """The article model of the file as read (a single-article file)."""
    import os

    from provenance.articles import read_article_file
    from provenance.model import Article

    if any(f.get("index") is not None for f in findings):
        raise NoFix("articles inside multi-record files (JSON Lines, ninjs arrays) are not "
                    "edited")
    from provenance.articles import ArticleError

    try:
        items = read_article_file(root / rel, rel, root=root, placement=placement)
    except ArticleError as exc:  # it read in the audit: it changed since
        raise Changed(f"the file no longer reads as an article ({exc})") from None
    info = os.stat(root / rel, follow_symlinks=False)
    if (info.st_size, info.st_mtime_ns) != snap.identity[2:4]:
        raise Changed("the file changed while it was read")
    if len(items) != 1 or not isinstance(items[0], Article):
        raise NoFix("the file does not hold exactly one readable article")
    return items[0]


def _positions(article: Any, findings: Sequence[Mapping[str, Any]]) -> list[tuple[int, Any]]:
    """Each finding with the line its edit goes to: edits run bottom-up so that an earlier
    edit never shifts the place of a later one."""
    out = []
    for finding in findings:
        if finding["rule"] == "ATR001":
            line = 10**9 if article.format == "html" else max(
                (b.line or 0 for b in article.blocks if b.zone == "body"), default=0)
        else:
            ref = next((r for r in article.images if r.src == finding.get("image")), None)
            line = ref.line or 0 if ref is not None else 0
        out.append((line, finding))
    return out


def apply(root: Path, outcome: Outcome, backup: str | None) -> list[Change]:
    """Write every change; a file changed since it was read is skipped with a reason."""
    written = []
    for change in outcome.changes:
        try:
            replace(root, change.rel, change.snapshot, change.after, backup)
        except (OSError, Changed) as exc:
            for key in change.keys:
                outcome.skipped.append(Skip(change.rel, key.rule, _reason(exc)))
                outcome.remaining.append((key.path, _as_finding(key)))
            continue
        written.append(change)
    return written
