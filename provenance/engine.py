"""Run the enabled validators over each article and image; turn Issues into Findings.

The data flows one way: read (``provenance.articles``, ``provenance.images``) → evidence →
validate (``provenance.validators``) → filter (suppressions, baseline) → report. Each file
is processed on its own by :func:`audit_article_file` / :func:`audit_image_file`, which
return plain dicts in the report contract's shape, so the work can run in a process pool.
One bad file never stops an audit: read failures become findings, and a validator that
crashes is recorded in ``errors[]`` (exit 3) while the other rules still run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from provenance import validators
from provenance.findings import Finding, Issue, Severity, Suppressed, fingerprint
from provenance.images.model import ImageEvidence
from provenance.model import Article, Suppression
from provenance.paths import Found, escapes_root, kind_of, resolve_reference
from provenance.validators.base import ResolvedImage, Subject, subject_features


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """How one rule runs: whether, at what severity, with which options, and where.

    ``paths``/``exclude`` are globs on the root-relative path (empty ``paths``: everywhere).
    """

    enabled: bool
    severity: Severity
    options: Mapping[str, Any] = field(default_factory=dict)
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def applies_to(self, path: str) -> bool:
        if not self.enabled:
            return False
        if not (self.paths or self.exclude):
            return True  # the common case, on the hot path of every file
        from provenance.config import glob_match

        if self.paths and not glob_match(path, self.paths):
            return False
        return not (self.exclude and glob_match(path, self.exclude))


@dataclass(frozen=True, slots=True)
class Override:
    """Per-path policy: for files matching ``paths``, these rule settings replace the base."""

    paths: tuple[str, ...]
    rules: Mapping[str, RuleSetting]


@dataclass(frozen=True)
class AuditConfig:
    """Everything a worker needs to audit one file; plain and picklable."""

    root: Path
    rules: Mapping[str, RuleSetting]
    now: datetime
    trust_anchors: str | None = None
    extra_generators: tuple[str, ...] = ()
    detect: Any = None  # provenance.articles.detect.DetectSettings, built by config
    overrides: tuple[Override, ...] = ()
    policy_dir: Path | None = None  # policy globs are relative to the policy file's folder
    # provenance.site.SiteMap: where site-absolute references and the site's own URLs lead
    # (web roots, base URLs per detected or configured site); None: no site layout.
    site: Any = None
    # provenance.articles.PlacementSettings: front-matter image fields and shortcodes.
    placement: Any = None
    # provenance.archives.ArchiveIndex: the run's web archive records; None: no archive.
    archives: Any = None

    def policy_path(self, rel: str) -> str:
        """``rel`` (relative to the root) as the policy's globs see it."""
        if self.policy_dir is None:
            return rel
        try:
            return (self.root / rel).relative_to(self.policy_dir).as_posix()
        except ValueError:
            return rel

    def setting(self, rule_id: str, path: str) -> RuleSetting | None:
        """The rule's setting for a file (``path`` as :meth:`policy_path` gives it).

        The last matching override wins."""
        chosen = self.rules.get(rule_id)
        if not self.overrides:
            return chosen
        from provenance.config import glob_match

        for override in self.overrides:
            if rule_id in override.rules and glob_match(path, override.paths):
                chosen = override.rules[rule_id]
        return chosen

    def rule_plan(self, path: str, scope: str,
                  has: frozenset[str]) -> Sequence[tuple[str, RuleSetting]]:
        """:meth:`active_rules` less the rules whose ``NEEDS`` a subject with the features
        ``has`` lacks (see :func:`provenance.validators.base.subject_features`).

        When no setting depends on the path, the answer depends only on ``scope`` and
        ``has``, of which an audit sees a handful (a dozen features at most): it is worked
        out once per pair and kept, rather than testing ~20 rules' ``NEEDS`` per article.
        A plain dict: a race between threads at worst works one pair out twice. Being a
        cached property, the memo is not part of the config's fields (nor of its digest).
        """
        memo = self._plans
        if memo is None:
            return _needed(self.active_rules(path, scope), has)
        plan = memo.get((scope, has))
        if plan is None:
            plan = memo[scope, has] = _needed(self.active_rules(path, scope), has)
        return plan

    @cached_property
    def _plans(self) -> dict[tuple[str, frozenset[str]], Sequence[tuple[str, RuleSetting]]] | None:
        """The memo of :meth:`rule_plan`; None when settings depend on the path."""
        return None if self._same_everywhere is None else {}

    def active_rules(self, path: str, scope: str) -> Sequence[tuple[str, RuleSetting]]:
        """The rules that run on a file (``path`` relative to the root), catalog order.

        ``scope`` "image" (a standalone image) leaves out the rules that judge articles.
        Without per-path settings the answer is the same for every file: it is worked out
        once per scope, not 21 lookups per file.
        """
        shared = self._same_everywhere
        return shared[scope] if shared is not None else self._active(path, scope)

    def _active(self, path: str, scope: str) -> list[tuple[str, RuleSetting]]:
        where = self.policy_path(path)
        chosen = []
        for rule_id, rule in validators.RULES.items():
            if scope == "image" and rule.SCOPE == "article":
                continue
            setting = self.setting(rule_id, where)
            if setting is not None and setting.applies_to(where):
                chosen.append((rule_id, setting))
        return chosen

    @cached_property
    def _same_everywhere(self) -> dict[str, list[tuple[str, RuleSetting]]] | None:
        """The active rules per scope when no setting depends on the path, else None."""
        if self.overrides or any(s.paths or s.exclude for s in self.rules.values()):
            return None
        return {scope: self._active("", scope) for scope in ("article", "image")}

    @staticmethod
    def defaults(root: Path, now: datetime) -> AuditConfig:
        rules = {rid: RuleSetting(True, rule.DEFAULT_SEVERITY, dict(rule.DEFAULTS))
                 for rid, rule in validators.RULES.items()}
        return AuditConfig(root=root, rules=rules, now=now)


def _needed(active: Sequence[tuple[str, RuleSetting]],
            has: frozenset[str]) -> tuple[tuple[str, RuleSetting], ...]:
    """The ``active`` rules whose ``NEEDS`` are all in ``has``: the others would yield
    nothing (``NEEDS`` in :mod:`provenance.validators.base`), so they are not called."""
    rules = validators.RULES
    return tuple((rule_id, setting) for rule_id, setting in active
                 if frozenset(getattr(rules[rule_id], "NEEDS", ())) <= has)


@dataclass
class FileOutcome:
    """What one article file produced."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    referenced: list[str] = field(default_factory=list)  # rel paths of images it showed
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[dict[str, Any]] = field(default_factory=list)  # extract only
    # A cache hit instead of ``articles``: each entry as the JSON report writes it, its
    # provenance.report.Tally, and whether the text is known to need no repair
    # (provenance.report.ReportBuilder.add_encoded).
    encoded: list[tuple[str, Any, bool]] = field(default_factory=list)


ImageReader = Callable[[Path, str], ImageEvidence]


def _error(stage: str, path: str, exc: BaseException) -> dict[str, Any]:
    import traceback  # only for an internal error

    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" at {last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno}" if last else ""
    return {"stage": stage, "path": path, "message": f"{type(exc).__name__}: {exc}{where}"}


def run_rules(subject: Subject, cfg: AuditConfig, path: str, index: int | None,
              errors: list[dict[str, Any]]) -> list[Finding]:
    """Every enabled rule over ``subject``; suppressions applied; findings sorted.

    A rule whose ``NEEDS`` the subject lacks is not called: its check would yield nothing.
    """
    findings: list[Finding] = []
    seen: dict[tuple[str, str, str], int] = {}
    article = subject.article
    suppressions = article.suppressions if article is not None else ()
    rules = validators.RULES
    scope = "image" if article is None else "article"
    for rule_id, setting in cfg.rule_plan(path, scope, subject_features(subject)):
        rule = rules[rule_id]
        try:
            issues = list(rule.check(subject, setting.options))
        except Exception as exc:  # a crashing rule is an internal error, never silent
            errors.append(_error(f"validate:{rule_id}", path, exc))
            continue
        for issue in issues:
            key = (rule_id, issue.image or "", issue.evidence)
            occurrence = seen[key] = seen.get(key, 0) + 1
            fp = fingerprint(rule_id, path, index, issue.image, issue.evidence, occurrence)
            findings.append(Finding(
                rule=rule_id, name=rule.NAME, severity=setting.severity,
                message=issue.message, line=issue.line, column=issue.column,
                image=issue.image, fingerprint=fp,
                suppressed=_suppression_for(rule_id, issue, article, suppressions),
            ))
    findings.sort(key=Finding.sort_key)
    return findings


def _suppression_for(rule_id: str, issue: Issue, article: Article | None,
                     suppressions: Sequence[Suppression]) -> Suppressed | None:
    """An inline ``disable`` that names this rule (with a reason) and covers this issue."""
    for sup in suppressions:
        if rule_id == "SUP001" or sup.rule.upper() != rule_id or \
                not (sup.reason and sup.reason.strip()):
            continue
        if sup.scope == "file" or _in_block(issue, article, sup):
            return Suppressed("inline", sup.reason)
    return None


def _in_block(issue: Issue, article: Article | None, sup: Suppression) -> bool:
    """A block-scoped suppression covers issues on its block's line or its image."""
    if article is None or sup.block is None or not 0 <= sup.block < len(article.blocks):
        return False
    block = article.blocks[sup.block]
    if issue.line is not None and issue.line == block.line:
        return True
    if issue.image is None:
        return False
    if block.image == issue.image:
        return True
    return any(ref.src == issue.image and ref.position in (sup.block, sup.block + 1)
               for ref in article.images)


class ImageCache:
    """Reads each image file once per process: articles often share pictures."""

    def __init__(self, cfg: AuditConfig) -> None:
        self._cfg = cfg
        self._seen: dict[str, ImageEvidence] = {}

    def read(self, path: Path, rel: str) -> ImageEvidence:
        cached = self._seen.get(rel)
        if cached is None:
            cached = self._seen[rel] = self._read(path, rel)
        return cached

    def _read(self, path: Path, rel: str) -> ImageEvidence:
        archives = self._cfg.archives
        if archives is not None and archives.holds(rel):
            return archives.read_image(rel, self._cfg)  # type: ignore[no-any-return]
        # read_image never opens a FIFO or device (it says so in the evidence); symlinks
        # were checked when the reference was resolved, and the open walks down from the
        # root so that a link swapped in since is not followed out of it.
        from provenance.images import read_image

        return read_image(path, rel, root=self._cfg.root,
                          trust_anchors=self._cfg.trust_anchors,
                          extra_generators=self._cfg.extra_generators)


def _resolve_images(article: Article, file: Path, cfg: AuditConfig,
                    images: ImageCache) -> list[ResolvedImage]:
    resolved = []
    for ref in article.images:
        if cfg.archives is not None and cfg.archives.holds(article.path):
            where = cfg.archives.resolve(ref.src, article.url, article.path)
        else:
            where = resolve_reference(ref.src, file, cfg.root, cfg.site, article.path,
                                      ref.placement, article.url)
        if where.status == "remote" and ref.placement == "srcset":
            continue  # another size of a picture that is not read: nothing more to say
        evidence = None
        if where.status == "ok" and where.path is not None and where.rel is not None:
            evidence = images.read(where.path, where.rel)
        status = evidence.status if evidence is not None else where.status
        resolved.append(ResolvedImage(ref.src, where.rel, status, ref, evidence))
    return resolved


def image_fields(image: ResolvedImage, into: dict[str, Any] | None = None) -> dict[str, Any]:
    """The contract's per-image fields (after the keys already ``into`` it, when given);
    defaults where the file was not read."""
    evidence = image.evidence or ImageEvidence(path=image.path or "", status=image.status)
    return evidence.fields_dict(image.status, into)


def article_dict(article: Article, images: Sequence[ResolvedImage],
                 findings: Sequence[Finding]) -> dict[str, Any]:
    """One ``articles[]`` entry of the report, keys in contract order."""
    return {
        "path": article.path, "index": article.index, "format": article.format,
        "headline": article.headline, "byline": article.byline, "dateline": article.dateline,
        "published": article.published, "updated": article.updated,
        "attributions": [a.to_dict() for a in article.attributions],
        "disclaimers": [d.to_dict() for d in article.disclaimers],
        "images": [_image_entry(img) for img in images],
        "findings": [f.to_dict() for f in findings],
    }


def _image_entry(image: ResolvedImage) -> dict[str, Any]:
    """One image of an ``articles[]`` entry: src, path, :func:`image_fields`, caption."""
    entry = image_fields(image, {"src": image.src, "path": image.path})
    entry["caption"] = image.ref.caption if image.ref else None
    return entry


def _placeholder(found: Found, index: int | None) -> Article:
    from provenance.articles import format_for_path

    fmt = format_for_path(found.path) or ("html" if found.kind == "article" and
                                          kind_of(found.path) == "archive" else "text")
    return Article(path=found.rel, index=index, format=fmt)


def audit_article_file(found: Found, cfg: AuditConfig, images: ImageCache) -> FileOutcome:
    """Read one article file and judge every article in it."""
    outcome = FileOutcome()
    try:
        items = _read_items(found, cfg)
    except _Skipped:
        outcome.skipped = 1
        return outcome
    except Exception as exc:  # a reader bug: report it and keep the file in the report
        outcome.errors.append(_error("read", found.rel, exc))
        items = [_ReadFailure(None, f"internal reader error ({type(exc).__name__})")]
    for item in items:
        if getattr(item, "kind", None) == "skipped":
            outcome.skipped += 1  # a record that is valid JSON but not an article
            continue
        outcome.articles.append(_audit_item(item, found, cfg, images, outcome))
    return outcome


class _Skipped(Exception):
    """JSON that is not an article: counted in summary.skipped."""


def _read_items(found: Found, cfg: AuditConfig) -> list[Any]:
    """Articles and per-record failures of one file; ``_Skipped`` for non-article JSON."""
    from provenance.articles import ArticleError, NotAnArticle, read_article_file

    if escapes_root(found.path, cfg.root):
        return [_ReadFailure(None, "the file is a symlink that leads outside the audit "
                                   "root; it was not read")]
    try:
        if cfg.archives is not None and cfg.archives.holds(found.rel):
            return cfg.archives.read_articles(found, cfg)  # type: ignore[no-any-return]
        return list(read_article_file(found.path, found.rel, placement=cfg.placement,
                                      root=cfg.root))
    except NotAnArticle:
        raise _Skipped from None
    except ArticleError as exc:
        return [_ReadFailure(None, str(exc))]


@dataclass(frozen=True, slots=True)
class _ReadFailure:
    index: int | None
    message: str
    line: int | None = None


def _audit_item(item: Any, found: Found, cfg: AuditConfig, images: ImageCache,
                outcome: FileOutcome) -> dict[str, Any]:
    if not isinstance(item, Article):
        # A file or record the reader could not parse (RecordError or _ReadFailure).
        return judge_unreadable(found, cfg, item.index, item.message, item.line,
                                outcome.errors)
    resolved = _prepare(item, found, cfg, images, outcome)
    subject = Subject(item, tuple(resolved), cfg.now)
    findings = run_rules(subject, cfg, item.path, item.index, outcome.errors)
    return with_record(article_dict(item, resolved, findings), found.rel, cfg)


def with_record(entry: dict[str, Any], rel: str, cfg: AuditConfig) -> dict[str, Any]:
    """An entry of a web archive record gets its additive ``record`` object."""
    if cfg.archives is not None and cfg.archives.holds(rel):
        entry["record"] = cfg.archives.fields(rel)
    return entry


def judge_unreadable(found: Found, cfg: AuditConfig, index: int | None, message: str,
                     line: int | None, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``articles[]`` entry of a file or record that could not be read (INP001)."""
    placeholder = _placeholder(found, index)
    subject = Subject(placeholder, (), cfg.now, message, line)
    entry = article_dict(placeholder, (), run_rules(subject, cfg, found.rel, index, errors))
    return with_record(entry, found.rel, cfg)


def _prepare(article: Article, found: Found, cfg: AuditConfig, images: ImageCache,
             outcome: FileOutcome) -> list[ResolvedImage]:
    """Detect attributions/disclosures/dates, then resolve and read the article's images."""
    _annotate(article, cfg, found.rel, outcome)
    resolved = _resolve_images(article, found.path, cfg, images)
    outcome.referenced.extend(img.path for img in resolved if img.path is not None)
    return resolved


def extract_article_file(found: Found, cfg: AuditConfig, images: ImageCache) -> FileOutcome:
    """The article model as read, for ``provenance extract``: blocks, no findings.

    A file that cannot be read yields no entry; its reason is in ``outcome.errors`` with
    stage ``read`` only when the reader itself crashed, else in ``outcome.unreadable``.
    """
    outcome = FileOutcome()
    try:
        items = _read_items(found, cfg)
    except _Skipped:
        outcome.skipped = 1
        return outcome
    except Exception as exc:  # a reader bug: named in errors, exit 3
        outcome.errors.append(_error("read", found.rel, exc))
        return outcome
    for item in items:
        if not isinstance(item, Article):
            if getattr(item, "kind", None) == "skipped":
                outcome.skipped += 1
            else:
                outcome.unreadable.append({"path": found.rel, "index": item.index,
                                           "message": item.message})
            continue
        resolved = _prepare(item, found, cfg, images, outcome)
        entry = article_dict(item, resolved, ())
        del entry["findings"]
        entry["blocks"] = [b.to_dict() for b in item.blocks]
        if item.layout is not None:
            entry["layout"] = item.layout
        outcome.articles.append(with_record(entry, found.rel, cfg))
    return outcome


def _annotate(article: Article, cfg: AuditConfig, rel: str, outcome: FileOutcome) -> None:
    from provenance.articles.detect import annotate

    try:
        annotate(article, cfg.detect)
    except Exception as exc:  # a detector bug must not lose the article
        outcome.errors.append(_error("detect", rel, exc))


def audit_image_file(found: Found, cfg: AuditConfig,
                     images: ImageCache) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A standalone image (named directly, or found and not referenced by any article).

    Returns the ``images[]`` entry and any internal errors the rules raised.
    """
    if escapes_root(found.path, cfg.root):
        return judge_standalone(ResolvedImage(None, found.rel, "outside-root"), cfg)
    evidence = images.read(found.path, found.rel)
    return judge_standalone(ResolvedImage(None, found.rel, evidence.status, None, evidence), cfg)


def judge_standalone(resolved: ResolvedImage,
                     cfg: AuditConfig) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The rules over one standalone image: its ``images[]`` entry and internal errors."""
    rel = resolved.path or ""
    errors: list[dict[str, Any]] = []
    findings = run_rules(Subject(None, (resolved,), cfg.now), cfg, rel, None, errors)
    entry = {"path": rel, **image_fields(resolved),
             "findings": [f.to_dict() for f in findings]}
    return with_record(entry, rel, cfg), errors
