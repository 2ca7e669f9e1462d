"""Every registered rule is complete: module contract, docs, test cases, schema and README."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from provenance.cli import main
from provenance.findings import Severity
from provenance.images.model import AIVerdict, Evidence, ImageEvidence
from provenance.schema import load_schema
from provenance.validators import RULES
from provenance.validators.base import IMAGE_STATUSES, ResolvedImage, Subject
from tests.conftest import REPO
from tests.validators.cases import CASES


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_module_contract(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule_id == rule.ID and re.fullmatch(r"[A-Z]{3}\d{3}", rule_id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.NAME)
    assert isinstance(rule.DEFAULT_SEVERITY, Severity) and rule.SUMMARY
    assert rule.SCOPE in ("article", "image")
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule_id} {rule.NAME}:")
    for section in ("Why", "Options", "Pass", "Fail", "Fix"):
        assert section in doc, f"{rule_id} docstring lacks {section}"


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_has_passing_and_failing_cases(rule_id: str) -> None:
    cases = [c for c in CASES if c.rule == rule_id]
    assert any(not c.expected for c in cases), f"{rule_id}: no passing case"
    assert any(c.expected for c in cases), f"{rule_id}: no failing case"


@pytest.mark.parametrize("status", IMAGE_STATUSES)
def test_article_rules_have_nothing_to_say_about_a_standalone_image(status: str) -> None:
    """The engine skips SCOPE="article" rules for standalone images: that must lose nothing."""
    evidence = ImageEvidence(path="loose.png", status=status if status in (
        "ok", "unreadable", "unsupported") else "ok", gps={"lat": 1.0, "lon": 2.0},
        ai=AIVerdict("ai-generated", [Evidence("xmp", "Iptc4xmpExt:DigitalSourceType", "x")]))
    image = ResolvedImage(None, "loose.png", status, None, evidence)
    subject = Subject(None, (image,), datetime(2026, 1, 1, tzinfo=UTC))
    said = {rule_id: list(rule.check(subject, rule.DEFAULTS)) for rule_id, rule in RULES.items()
            if rule.SCOPE == "article"}
    assert said == {rule_id: [] for rule_id in said}
    assert any(list(rule.check(subject, rule.DEFAULTS)) for rule in RULES.values()
               if rule.SCOPE == "image")  # the same subject does interest the image rules


def test_schema_lists_exactly_the_registered_rules() -> None:
    assert load_schema("report.schema.json")["$defs"]["ruleId"]["enum"] == list(RULES)


def test_explain_prints_the_docstring(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "aid001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AID001 ai-image-undisclosed:") and "Default severity: error" in out
    assert main(["explain", "XYZ123"]) == 2


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert ids == list(RULES)
    assert (REPO / "README.md").is_file()


def test_rule_modules_load_on_first_use_only() -> None:
    """The engine and ``provenance extract`` import the package without its 21 rules."""
    import subprocess
    import sys

    code = ("import sys, provenance.engine, provenance.validators as v\n"
            "assert not [m for m in sys.modules if m.startswith('provenance.validators.a')]\n"
            "assert v.get_rule('atr001').ID == 'ATR001' and len(v.RULES) == 21\n")
    subprocess.run([sys.executable, "-c", code], check=True)
