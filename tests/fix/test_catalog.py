"""The fix catalog: `explain` says which rules have a fix and whether it is safe; the
policy's [fix] table is validated like the rest of the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.cli import main
from provenance.config import ConfigError, load_policy
from provenance.fixes import FIXES, fix_kind
from provenance.fixes.plan import FixSettings
from provenance.validators import RULES


def test_every_fix_names_a_real_rule() -> None:
    assert set(FIXES) <= set(RULES)
    assert {rid: fix_kind(rid) for rid in FIXES} == {
        "IMG005": "safe", "AID004": "safe", "IMG006": "safe",
        "AID001": "unsafe", "ATR001": "unsafe"}
    assert fix_kind("met001") == "none"


@pytest.mark.parametrize(("rule", "expected"), [
    ("IMG005", "Fix: safe (applied by `provenance fix`)"),
    ("aid001", "Fix: unsafe (applied by `provenance fix --unsafe-fixes`)"),
    ("MET002", "Fix: none"),
])
def test_explain_says_whether_a_fix_exists(rule: str, expected: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", rule]) == 0
    assert expected in capsys.readouterr().out


def test_fix_table_is_read_and_merged(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text('[fix]\ncredit = "Coastal News"\n'
                                        'attribution = "(With inputs from agencies.)"\n')
    (tmp_path / "provenance.toml").write_text('extends = "base.toml"\n'
                                              '[fix]\ncredit = "Coastal News Photo"\n')
    policy = load_policy(tmp_path / "provenance.toml")
    assert FixSettings.from_policy(policy.data) == FixSettings(
        credit="Coastal News Photo", attribution="(With inputs from agencies.)")


@pytest.mark.parametrize("table", ['credit = ""', 'colour = "red"', "disclosure = 3"])
def test_bad_fix_table_is_a_config_error(tmp_path: Path, table: str) -> None:
    (tmp_path / "provenance.toml").write_text(f"[fix]\n{table}\n")
    with pytest.raises(ConfigError, match="fix"):
        load_policy(tmp_path / "provenance.toml")
    assert main(["fix", str(tmp_path), "--config", str(tmp_path / "provenance.toml")]) == 2
