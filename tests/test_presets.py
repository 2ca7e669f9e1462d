"""The shipped presets are valid policies: checked here, so a run need not check them."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from provenance.config import _validated
from provenance.schema import validator

PRESETS = sorted(p.name.removesuffix(".toml")
                 for p in resources.files("provenance").joinpath("presets").iterdir()
                 if p.name.endswith(".toml"))


def test_the_three_documented_presets_ship() -> None:
    assert PRESETS == ["default", "eu-ai-act", "strict"]


@pytest.mark.parametrize("name", PRESETS)
def test_preset_is_a_valid_policy(name: str) -> None:
    text = resources.files("provenance").joinpath("presets", f"{name}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    assert list(validator("config.schema.json").iter_errors(data)) == []
    assert _validated(data, f"preset:{name}") == data  # rule IDs and options too
