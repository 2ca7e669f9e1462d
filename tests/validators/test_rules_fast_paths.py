"""The rules' fast paths give exactly what the plain paths give.

``run_rules`` skips a rule whose ``NEEDS`` the subject lacks, caches its plan on the config,
and builds findings and report entries with fewer steps; MET002 parses each date once;
``disclosure_for`` answers at once for an article without disclaimers. Each shortcut is
compared here with the plain computation it replaces, over the rule cases and the examples.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import provenance.engine as engine
from provenance.engine import AuditConfig, ImageCache, Override, RuleSetting, run_rules
from provenance.findings import Finding, Issue, Severity, fingerprint
from provenance.images.model import ImageEvidence
from provenance.model import Article, Disclaimer
from provenance.validators import RULES
from provenance.validators import met002_timestamps_inconsistent as met002
from provenance.validators.base import ResolvedImage, Subject, subject_features
from provenance.validators.disclosure import Disclosure, disclosure_for
from tests.validators.cases import CASES, NOW, art, ev, img, subj

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Every feature some rule needs: with all of them "present" no rule is skipped.
EVERYTHING = frozenset().union(*(getattr(rule, "NEEDS", ()) for rule in RULES.values()))


def _example_subjects() -> list[tuple[Subject, str, int | None]]:
    """The examples as the engine judges them: read, detected, images resolved."""
    from provenance.articles.detect import annotate
    from provenance.walk import collect

    found = collect([EXAMPLES], EXAMPLES)
    cfg = AuditConfig.defaults(EXAMPLES, NOW)
    cache = ImageCache(cfg)
    subjects = []
    for item in found:
        if item.kind != "article":
            continue
        try:
            read = engine._read_items(item, cfg)
        except engine._Skipped:
            continue
        for article in read:
            if not isinstance(article, Article):
                subjects.append((Subject(engine._placeholder(item, article.index), (), NOW,
                                         article.message, article.line), item.rel,
                                 article.index))
                continue
            annotate(article, cfg.detect)
            images = engine._resolve_images(article, item.path, cfg, cache)
            subjects.append((Subject(article, tuple(images), NOW), article.path,
                             article.index))
    for image in found:
        if image.kind == "image":
            evidence = cache.read(image.path, image.rel)
            subjects.append((Subject(None, (ResolvedImage(None, image.rel, evidence.status,
                                                          None, evidence),), NOW),
                             image.rel, None))
    return subjects


# Two references to one missing file: the same finding twice, told apart by occurrence.
TWICE = subj(images=(img(status="missing"), img(status="missing", line=9)))
SUBJECTS = [(case.subject, "news/story.md", None) for case in CASES] + \
    [(TWICE, "news/story.md", 2)] + _example_subjects()


def test_the_subjects_cover_every_rule() -> None:
    """The comparisons below mean something: every rule fires on some subject."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    fired = {f.rule for s, path, index in SUBJECTS for f in run_rules(s, cfg, path, index, [])}
    assert fired == set(RULES)


@pytest.mark.parametrize("rule_id", [r for r in RULES if getattr(RULES[r], "NEEDS", None)])
def test_a_rule_yields_nothing_without_what_it_needs(rule_id: str) -> None:
    """A rule's NEEDS is honest: where the subject lacks one, the rule's own check is quiet
    (and the subjects include ones where the rule fires, so a wrong NEEDS is caught)."""
    rule = RULES[rule_id]
    skipped = fired = 0
    for subject, _path, _index in SUBJECTS:
        issues = list(rule.check(subject, dict(rule.DEFAULTS)))
        fired += bool(issues)
        if not rule.NEEDS.issubset(subject_features(subject)):  # type: ignore[attr-defined]
            skipped += 1
            assert issues == [], (rule_id, subject)
    assert skipped and fired


def _plain_run_rules(subject: Subject, cfg: AuditConfig, path: str,
                     index: int | None) -> list[Finding]:
    """run_rules as it was before its fast paths: every active rule, a Counter, sort."""
    findings: list[Finding] = []
    seen: Counter[tuple[str, str, str]] = Counter()
    suppressions = subject.article.suppressions if subject.article else []
    scope = "image" if subject.article is None else "article"
    for rule_id, setting in cfg.active_rules(path, scope):
        rule = RULES[rule_id]
        for issue in list(rule.check(subject, setting.options)):
            key = (rule_id, issue.image or "", issue.evidence)
            seen[key] += 1
            findings.append(Finding(
                rule=rule_id, name=rule.NAME, severity=setting.severity,
                message=issue.message, line=issue.line, column=issue.column,
                image=issue.image, fingerprint=fingerprint(rule_id, path, index, issue.image,
                                                           issue.evidence, seen[key]),
                suppressed=engine._suppression_for(rule_id, issue, subject.article,
                                                   suppressions)))
    findings.sort(key=Finding.sort_key)
    return findings


def test_run_rules_gives_what_the_plain_loop_gives() -> None:
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    for subject, path, index in SUBJECTS:
        assert run_rules(subject, cfg, path, index, []) == \
            _plain_run_rules(subject, cfg, path, index)


def test_skipping_rules_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same findings when every subject claims every feature (nothing skipped)."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    fast = [run_rules(s, cfg, path, index, []) for s, path, index in SUBJECTS]
    monkeypatch.setattr(engine, "subject_features", lambda subject: EVERYTHING)
    assert [run_rules(s, cfg, path, index, []) for s, path, index in SUBJECTS] == fast


def test_the_plan_follows_per_path_settings() -> None:
    """With per-path settings the plan is worked out per file, as active_rules is."""
    base = AuditConfig.defaults(Path("/r"), NOW)
    rules = dict(base.rules)
    rules["MET001"] = replace(rules["MET001"], exclude=("wire/**",))
    off = {"ATR001": RuleSetting(False, Severity.WARNING)}
    cfg = replace(base, rules=rules, overrides=(Override(("opinion/**",), off),))
    for path in ("news/a.md", "wire/a.md", "opinion/a.md"):
        for scope in ("article", "image"):
            assert list(cfg.rule_plan(path, scope, EVERYTHING)) == \
                list(cfg.active_rules(path, scope))
    assert "MET001" not in dict(cfg.rule_plan("wire/a.md", "article", EVERYTHING))
    assert "ATR001" not in dict(cfg.rule_plan("opinion/a.md", "article", EVERYTHING))
    assert cfg._plans is None  # nothing kept: the next file may match other globs


@pytest.mark.parametrize("has", [frozenset(), frozenset({"ok"}), frozenset({"ok", "ai"}),
                                 EVERYTHING])
def test_the_kept_plan_is_the_filtered_catalog(has: frozenset[str]) -> None:
    """Kept per scope and features: asked again, or for the other scope, it is still the
    active rules whose NEEDS are met (never the other scope's plan)."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    for _ in range(2):
        for scope in ("article", "image"):
            assert list(cfg.rule_plan("any/path.md", scope, has)) == [
                (rule_id, setting) for rule_id, setting in cfg.active_rules("", scope)
                if getattr(RULES[rule_id], "NEEDS", frozenset()) <= has]
    assert len(cfg._plans or {}) == 2


def test_a_config_that_judged_articles_still_pickles() -> None:
    """The cached plan holds no module: the config goes to worker processes after use."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    for subject, path, index in SUBJECTS[:5]:
        run_rules(subject, cfg, path, index, [])
    copy = pickle.loads(pickle.dumps(cfg))
    assert [run_rules(s, copy, p, i, []) for s, p, i in SUBJECTS[:5]] == \
        [run_rules(s, cfg, p, i, []) for s, p, i in SUBJECTS[:5]]


def test_a_crashing_rule_is_still_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan looks each rule up per call, so a rule replaced after the plan was made
    (a test's broken validator) is the one that runs."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    subject = CASES[0].subject
    run_rules(subject, cfg, "news/story.md", None, [])

    def boom(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(RULES["MET001"], "check", boom)
    errors: list[dict[str, Any]] = []
    run_rules(subject, cfg, "news/story.md", None, errors)
    assert [e["stage"] for e in errors] == ["validate:MET001"]


# --- MET002 parses each date once ---------------------------------------------------------


def _plain_met002(subject: Subject, options: Mapping[str, Any]) -> Iterator[Issue]:
    """MET002 as it was: ``as_datetime`` with a zone hint at every comparison."""
    article = subject.article
    assert article is not None
    as_dt = met002.as_datetime
    fields = (("published", article.published, article.published_raw),
              ("updated", article.updated, article.updated_raw))
    for name, parsed, raw in fields:
        if raw and not parsed:
            yield Issue(f"{name} date {raw!r} cannot be parsed",
                        line=met002._line_of(article, raw), evidence=f"{name}:{raw}")
    now = subject.now
    for name, parsed, raw in fields:
        when = as_dt(parsed, now)
        if when is not None and now is not None and met002._later(when, now):
            yield Issue(f"{name} date {parsed} is after the audit time {now.isoformat()}",
                        line=met002._line_of(article, raw), evidence=f"{name}-future:{parsed}")
    published = as_dt(article.published)
    updated = as_dt(article.updated, published)
    published = as_dt(article.published, updated)
    if published is None or updated is None:
        return
    tolerance = float(options.get("tolerance_minutes", 0)) * 60
    if met002.seconds_after(published, updated) > tolerance:
        yield Issue(f"updated {article.updated} is before published {article.published}",
                    line=met002._line_of(article, article.updated_raw),
                    evidence=f"{article.updated}<{article.published}")


DATES = [None, "", "garbage", "2026-03-02T08:00:00", "2026-03-02T08:00:00+01:00",
         "2026-03-02T06:30:00+00:00", "2026-03-02T07:30:00", "2026-03-12T08:00:00",
         "2026-03-12T08:00:00-05:00", "9999-12-31T23:59:59", "0001-01-01T00:00:00+14:00"]
NOWS = [None, NOW, datetime(2026, 3, 10, 12, 0),
        datetime(2026, 3, 2, 7, 10, tzinfo=timezone(timedelta(hours=1)))]


@pytest.mark.parametrize("now", NOWS, ids=str)
@pytest.mark.parametrize("tolerance", [0, 45])
def test_met002_parsing_once_gives_what_parsing_per_comparison_gives(
        now: datetime | None, tolerance: int) -> None:
    options = {"tolerance_minutes": tolerance}
    compared = 0
    for published in DATES:
        for updated in DATES:
            article = art(published=published, updated=updated, published_raw=published,
                          updated_raw=updated)
            subject = Subject(article, (), now)
            fast = list(met002.check(subject, options))
            assert fast == list(_plain_met002(subject, options)), (published, updated)
            compared += bool(fast)
    assert compared


# --- disclosures of an article without disclaimers -------------------------------------


def test_no_disclaimer_discloses_nothing_at_once() -> None:
    """The shortcut's answer is the one the full reading gives without disclaimers; the
    same article with a disclaimer takes the full path."""
    image = img(evidence=ev("ai-generated"))
    for count in (1, 2):
        plain = Disclosure((), (), single_image_page=count == 1)
        assert disclosure_for(art(disclaimers=[]), image, count) == plain
    note = Disclaimer("Image generated with AI", 6, "caption", image="img/a.jpg")
    assert disclosure_for(art(disclaimers=[note]), image, 1).tied == (note,)


# --- report entries -------------------------------------------------------------------------


def _plain_image_fields(image: ResolvedImage) -> dict[str, Any]:
    evidence = image.evidence or ImageEvidence(path=image.path or "", status=image.status)
    return {**evidence.fields_dict(), "status": image.status}


def _plain_finding(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "severity": f.severity.name.lower(),
            "message": f.message, "line": f.line, "column": f.column, "image": f.image,
            "fingerprint": f.fingerprint,
            "suppressed": f.suppressed.to_dict() if f.suppressed else None}


def _plain_article_dict(article: Article, images: tuple[ResolvedImage, ...],
                        findings: list[Finding]) -> dict[str, Any]:
    return {
        "path": article.path, "index": article.index, "format": article.format,
        "headline": article.headline, "byline": article.byline, "dateline": article.dateline,
        "published": article.published, "updated": article.updated,
        "attributions": [a.to_dict() for a in article.attributions],
        "disclaimers": [d.to_dict() for d in article.disclaimers],
        "images": [{"src": i.src, "path": i.path, **_plain_image_fields(i),
                    "caption": i.ref.caption if i.ref else None} for i in images],
        "findings": [_plain_finding(f) for f in findings],
    }


def test_report_entries_are_what_the_plain_build_gives() -> None:
    """Same keys in the same order and the same values, with and without images/lists."""
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    extra = [(subj(images=(img(status="missing"), img("https://x/y.jpg", status="remote"))),
              "news/story.md", None)]
    for subject, path, index in SUBJECTS + extra:
        findings = run_rules(subject, cfg, path, index, [])
        if subject.article is None:
            (image,) = subject.images
            entry = engine.judge_standalone(image, cfg)[0]
            plain = {"path": path, **_plain_image_fields(image),
                     "findings": [_plain_finding(f) for f in findings]}
        else:
            images = tuple(subject.images)
            entry = engine.article_dict(subject.article, images, findings)
            plain = _plain_article_dict(subject.article, images, findings)
        assert repr(entry) == repr(plain)  # the order of keys at every level too


def test_severity_labels() -> None:
    assert [s.label for s in Severity] == [s.name.lower() for s in Severity]


CONTRACT_IMAGE_FIELDS = ["status", "format", "width", "height", "ai", "c2pa", "credit",
                         "credit_field", "gps", "captured"]


def test_fields_dict_into_keeps_the_given_keys_first() -> None:
    evidence = ev("ai-generated", gps={"lat": 1.0, "lon": 2.0}, captured="2026-01-01T00:00:00")
    plain = evidence.fields_dict()
    assert list(plain) == CONTRACT_IMAGE_FIELDS and plain["status"] == "ok"
    assert list(evidence.fields_dict("missing", {"src": "a"}).items()) == \
        [("src", "a"), *{**plain, "status": "missing"}.items()]


def test_twice_the_same_finding_keeps_two_fingerprints() -> None:
    cfg = AuditConfig.defaults(Path("/r"), NOW)
    findings = run_rules(TWICE, cfg, "news/story.md", 2, [])
    assert [f.rule for f in findings] == ["IMG001", "IMG001"]
    assert findings[1].fingerprint == fingerprint("IMG001", "news/story.md", 2, "img/a.jpg",
                                                  "", 2)


def test_subject_features_name_what_is_there() -> None:
    assert subject_features(Subject(None, (), NOW)) == set()
    gps = img(evidence=ev("ai-composite", gps={"lat": 1.0, "lon": 2.0}))
    missing = img("b.jpg", status="missing")
    subject = Subject(art(), (gps, missing), NOW, read_error="bad bytes")
    assert subject_features(subject) == {"ok", "missing", "ai", "gps", "attributions",
                                         "read-error"}
