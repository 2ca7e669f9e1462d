"""Generator chunks holding hostile JSON (red-team R6 d): not JSON, never a RecursionError.

A ComfyUI ``prompt``/``workflow``, InvokeAI ``invokeai_metadata``/``sd-metadata`` or Fooocus
``parameters`` chunk is parsed as JSON to recognise the tool; nested past the parser's
depth, or holding an integer over Python's 4,300 digits, it is simply not that tool's JSON.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.images import read_image
from tests.images.builders import write_png

DEEP = "[" * 100_000
HUGE = '{"nodes": [' + "9" * 5000 + "]}"


@pytest.mark.parametrize("chunks", [
    {"prompt": DEEP}, {"workflow": DEEP}, {"prompt": DEEP, "workflow": HUGE},
    {"invokeai_metadata": DEEP}, {"sd-metadata": HUGE},
    {"parameters": DEEP, "fooocus_scheme": "fooocus"},
], ids=["prompt", "workflow", "comfy-both", "invokeai", "sd-metadata", "fooocus"])
def test_deep_or_huge_json_chunk_is_not_json(tmp_path: Path, chunks: dict[str, str]) -> None:
    image = read_image(write_png(tmp_path / "d.png", text=chunks), "d.png")
    assert image.status == "ok"
    # Not recognised as the tool's JSON: no text-chunk evidence claims a generator.
    assert [e for e in image.ai.evidence if e.kind == "text-chunk" and e.key in chunks
            and e.key != "parameters"] == []
