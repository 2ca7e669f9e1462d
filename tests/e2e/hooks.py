"""Hooks that run inside audit worker processes (picklable module-level functions)."""

from __future__ import annotations


def _explode(subject: object, options: object) -> None:
    raise RuntimeError("rule exploded")


def break_rule(rule_id: str) -> None:
    """Make one rule crash in this worker, as a buggy validator would."""
    from provenance.validators import RULES

    RULES[rule_id].check = _explode  # type: ignore[misc]
