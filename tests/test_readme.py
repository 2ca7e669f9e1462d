"""The README's promises: its two Quickstart commands, CI running the test one, the rule table."""

from __future__ import annotations

import re

from provenance.validators import RULES
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_has_exactly_two_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2
    assert "provenance audit examples" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()


def test_rule_table_lists_every_rule_with_its_name_and_severity() -> None:
    rows = {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"^\| ([A-Z]{3}\d{3}) \| ([a-z0-9-]+) \| (\w+) \|", README, re.M)}
    assert rows == {rid: (r.NAME, r.DEFAULT_SEVERITY.label) for rid, r in RULES.items()}
