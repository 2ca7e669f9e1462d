"""The explicit rule registry: every validator module, in catalog order.

No entry points or import-time discovery: adding a rule means adding its module here, and
``tests/validators/test_registry.py`` proves each registered rule has test cases, a schema
entry and a README row.
"""

from __future__ import annotations

import importlib
from typing import Any, cast

from provenance.validators.base import Rule

# Catalog order: this is the order of `provenance rules`, the schema's ruleId enum and the
# README table (tests/validators/test_registry.py checks all three).
_MODULE_NAMES = (
    "atr001_attribution_missing",
    "atr002_attribution_outside_body",
    "atr003_attribution_source_unknown",
    "aid001_ai_image_undisclosed",
    "aid002_disclaimer_contradicts_metadata",
    "aid003_disclaimer_not_adjacent",
    "aid004_ai_disclosure_unverifiable",
    "img001_image_missing",
    "img002_image_unreadable",
    "img003_image_remote",
    "img004_image_outside_root",
    "img005_gps_location_embedded",
    "img006_image_credit_missing",
    "img007_c2pa_integrity_failed",
    "img008_image_date_mismatch",
    "img009_c2pa_signer_not_trusted",
    "img010_image_format_unsupported",
    "met001_byline_missing",
    "met002_timestamps_inconsistent",
    "inp001_article_unreadable",
    "sup001_suppression_invalid",
)

# Rule ID -> module. Loaded on first use (module __getattr__ below): ``provenance extract``
# and the engine's helpers import this package for :mod:`.base` without judging anything.
RULES: dict[str, Rule]


def __getattr__(name: str) -> Any:
    if name != "RULES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _registry()


def _registry() -> dict[str, Rule]:
    loaded: dict[str, Rule] | None = globals().get("RULES")
    if loaded is None:
        loaded = {}
        for module_name in _MODULE_NAMES:
            module = cast(Rule, importlib.import_module(f"provenance.validators.{module_name}"))
            loaded[module.ID] = module
        globals()["RULES"] = loaded
    return loaded


def get_rule(rule_id: str) -> Rule:
    """The rule with this ID (case-insensitive); ``KeyError`` names the unknown ID."""
    try:
        return _registry()[rule_id.upper()]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}") from None
