"""Every rule against its data-driven cases (complete issue lists), and disabled via the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.engine import AuditConfig, RuleSetting, run_rules
from provenance.validators import RULES
from tests.validators.cases import CASES, NOW, Case


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.name}" for c in CASES])
def test_rule_case(case: Case) -> None:
    rule = RULES[case.rule]
    options = case.options if case.options is not None else dict(rule.DEFAULTS)
    issues = list(rule.check(case.subject, options))
    assert len(issues) == len(case.expected), [i.message for i in issues]
    for issue, (fragment, line, image) in zip(issues, case.expected, strict=True):
        assert fragment in issue.message
        assert (issue.line, issue.image) == (line, image)


@pytest.mark.parametrize("case", [c for c in CASES if c.expected],
                         ids=[f"{c.rule}-{c.name}" for c in CASES if c.expected])
def test_rule_disabled(case: Case) -> None:
    """A failing case yields a finding through the engine, and none once the rule is off."""
    rules = dict(AuditConfig.defaults(Path("/r"), NOW).rules)
    severity = rules[case.rule].severity
    rules[case.rule] = RuleSetting(True, severity, case.options or rules[case.rule].options)
    cfg = AuditConfig(Path("/r"), rules, NOW)
    on = run_rules(case.subject, cfg, "news/story.md", None, [])
    assert case.rule in {f.rule for f in on}
    rules[case.rule] = RuleSetting(False, severity)
    off = run_rules(case.subject, AuditConfig(cfg.root, rules, NOW), "news/story.md", None, [])
    assert case.rule not in {f.rule for f in off}
