"""Generator fingerprints: known AI tool names and the text chunks AI front-ends write.

Sources (ai-markers.md §2): AUTOMATIC1111/Forge ``parameters`` with a ``Steps:`` line (also
in EXIF UserComment), ComfyUI ``prompt`` + ``workflow`` graphs, InvokeAI
``invokeai_metadata``/``sd-metadata``/``Dream``, NovelAI ``Software=NovelAI`` with
``Source``/``Comment``, Fooocus ``parameters`` JSON with ``fooocus_scheme``. Keys are parsed,
never grepped: "prompt" and "parameters" occur as plain words in unrelated metadata.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

# PRODUCT.md "Known generators". Matched as whole words, case-insensitively, with
# underscores read as spaces (claim generators say ``Adobe_Firefly``).
KNOWN_GENERATORS = (
    "Adobe Firefly", "DALL·E", "DALL-E", "GPT-4o", "gpt-image", "ChatGPT", "OpenAI",
    "Bing Image Creator", "Image Creator from Designer", "Midjourney", "Stable Diffusion",
    "Imagen", "Gemini", "NovelAI", "Fooocus", "Leonardo", "Ideogram", "Meta AI",
    "Black Forest Labs",
)
# FLUX reference code writes Software = "AI generated;txt2img;flux" (black-forest-labs/flux).
_AI_GENERATED_PREFIX = re.compile(r"\s*AI generated\s*;", re.IGNORECASE)
_STEPS_LINE = re.compile(r"(?:^|\n)Steps: \d+", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(n.replace("_", " ")) for n in names if n.strip())
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


def known_generator(text: str | None, extra: Sequence[str] = ()) -> str | None:
    """The generator name ``text`` mentions, or None (``Adobe Photoshop`` is not one)."""
    if not text:
        return None
    if _AI_GENERATED_PREFIX.match(text):
        return "AI generated"
    found = _pattern(KNOWN_GENERATORS + tuple(extra)).search(text.replace("_", " "))
    return found.group(0) if found else None


def is_a1111_parameters(text: str | None) -> bool:
    """The A1111 infotext shape: prompt lines, then a ``Steps: N, Sampler: ...`` line."""
    return text is not None and _STEPS_LINE.search(text) is not None


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # malformed, a >4,300-digit int, or nested deep
        return None


def _comfyui(chunks: dict[str, str]) -> bool:
    prompt, workflow = _json(chunks.get("prompt")), _json(chunks.get("workflow"))
    graph_nodes = isinstance(prompt, dict) and any(
        isinstance(node, dict) and "class_type" in node for node in prompt.values()
    )
    ui_graph = isinstance(workflow, dict) and "nodes" in workflow
    return graph_nodes or ui_graph


def _fooocus(chunks: dict[str, str]) -> bool:
    return "fooocus_scheme" in chunks and isinstance(_json(chunks.get("parameters")), dict)


def _invokeai(chunks: dict[str, str]) -> bool:
    keys = ("invokeai_metadata", "invokeai_graph", "sd-metadata")
    return any(isinstance(_json(chunks.get(k)), dict) for k in keys)


def _novelai(chunks: dict[str, str]) -> bool:
    return chunks.get("Software", "").strip() == "NovelAI" and (
        "Source" in chunks or "Comment" in chunks
    )


# Each detector names the chunk keys it reports as evidence.
_DETECTORS = (
    (_fooocus, ("parameters", "fooocus_scheme")),
    (lambda c: is_a1111_parameters(c.get("parameters")), ("parameters",)),
    (_comfyui, ("prompt", "workflow")),
    (_invokeai, ("invokeai_metadata", "sd-metadata", "Dream")),
    (_novelai, ("Software", "Source")),
)


def generator_chunks(chunks: dict[str, str]) -> list[tuple[str, str]]:
    """``(key, value)`` of the text chunks that prove an AI front-end wrote the file."""
    found: list[tuple[str, str]] = []
    for detect, keys in _DETECTORS:
        if detect(chunks):
            found += [(k, chunks[k]) for k in keys if k in chunks]
    return _unique(found)


def _unique(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(items))
