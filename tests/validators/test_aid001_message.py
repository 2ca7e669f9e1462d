"""The AID001 message names the image's strongest signal, shortened at a word."""

from __future__ import annotations

import pytest

from provenance.validators.aid001_ai_image_undisclosed import _short


@pytest.mark.parametrize(("value", "expected"), [
    ("Adobe Firefly", "Adobe Firefly"),
    ("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia",
     "…/compositeWithTrainedAlgorithmicMedia"),
    ("a lighthouse on a storm-lit harbour wall at dusk, oil painting, dramatic clouds, "
     "seagulls over the water",
     "a lighthouse on a storm-lit harbour wall at dusk, oil painting, dramatic …"),
    ("x" * 100, "x" * 80 + " …"),  # one long word: cut, and marked
])
def test_signal_values_are_cut_at_a_word(value: str, expected: str) -> None:
    assert _short(value) == expected
    assert len(_short(value)) <= 84
