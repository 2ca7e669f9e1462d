"""Damaged files never crash a fix and never lose image data: the edit either verifies or
is refused with RewriteError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.fixes.image import ImagePlan, fix_image
from provenance.fixes.rewrite import RewriteError, image_data
from tests.fix.support import SUFFIX, build

_SAMPLES: dict[str, bytes] = {}


def _sample(fmt: str, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if fmt not in _SAMPLES:
        folder = tmp_path_factory.mktemp("fuzz")
        _SAMPLES[fmt] = build(fmt, folder / f"seed{SUFFIX[fmt]}").read_bytes()
    return _SAMPLES[fmt]


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp"])
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_file_is_fixed_or_refused(fmt: str, data: st.DataObject,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    seed = bytearray(_sample(fmt, tmp_path_factory))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(seed) - 1))
        seed[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del seed[data.draw(st.integers(len(seed) // 2, len(seed) - 1)):]
    damaged = bytes(seed)
    plan = ImagePlan(gps=True, dst="trainedAlgorithmicMedia", credit="Desk")
    try:
        fixed = fix_image(damaged, fmt, plan)
    except RewriteError:
        return
    assert image_data(fixed, fmt) == image_data(damaged, fmt)
