"""Generator fingerprints: known AI tool names and the metadata AI front-ends write.

Sources (ai-markers.md §2; corpus/generators MANIFEST; enslo/sd-metadata parsers):

- A1111/Forge/SD.Next/Civitai infotext with a ``Steps:`` line, in PNG ``parameters`` or EXIF
  UserComment / ImageDescription;
- ComfyUI API graphs (nodes with ``class_type``) and UI graphs (``nodes`` + ``links``) in PNG
  ``prompt``/``workflow`` chunks of any case, in EXIF Make/Model/ImageDescription labelled
  ``prompt:``/``Workflow:`` (SaveAnimatedWEBP, save-image-extended), or as JSON in UserComment;
- SwarmUI ``sui_image_params``, Fooocus (``version: Fooocus …``, ``fooocus_scheme``),
  RuinedFooocus (``software``), InvokeAI (``invokeai_metadata``, ``sd-metadata``, legacy
  ``Dream`` command lines), NovelAI (``Software=NovelAI`` with ``Source``/``Comment``, or the
  ``Comment`` JSON alone, also wrapped in a WebP UserComment);
- any other JSON or chunk set holding a prompt beside two sampler settings (diffusers / HF
  Spaces, Easy Diffusion, Civitai, Tensor.Art).

Keys and values are parsed, never grepped: "prompt" and "parameters" occur as plain words in
unrelated metadata, and a JSON object that is not one of these shapes decides nothing.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
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
# Fields where A1111-style infotext is written: PNG ``parameters``, EXIF UserComment (A1111,
# Forge, SD.Next, Civitai) and ImageDescription (ComfyUI custom savers).
_INFOTEXT_FIELDS = frozenset({"parameters", "usercomment", "imagedescription"})
# lstein/InvokeAI 2.x ``Dream`` chunk: a quoted prompt, then dream.py switches (-s50 -S123 ...).
_DREAM_PROMPT = re.compile(r'\s*"[^"]*"\s')
_DREAM_SWITCH = re.compile(r"-{1,2}[A-Za-z]")
# ComfyUI savers label a graph: ``prompt:{...}`` / ``Workflow: {...}`` (any case).
_LABELLED = re.compile(r"\s*(prompt|workflow)\s*:\s*(?=\{)", re.IGNORECASE)
_INVOKEAI_CHUNKS = frozenset({"invokeai_metadata", "invokeai_graph", "sd-metadata"})
_PROMPT_KEYS = ("prompt", "positive_prompt", "full_prompt", "negative_prompt",
                "negativeprompt", "v4_prompt", "uc")
_SAMPLING_KEYS = ("steps", "num_inference_steps", "seed", "cfg_scale", "cfgscale",
                  "guidance_scale", "sampler", "sampler_name", "scheduler", "noise_schedule",
                  "denoising_strength", "use_stable_diffusion_model", "base_model")


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
    if not text or text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # malformed, a >4,300-digit int, or nested deep
        return None


def _api_graph(value: Any) -> bool:
    """ComfyUI's API graph: node id -> ``{"class_type": ..., "inputs": {...}}``."""
    return isinstance(value, dict) and any(
        isinstance(node, dict) and isinstance(node.get("class_type"), str)
        for node in value.values()
    )


def _ui_graph(value: Any) -> bool:
    """ComfyUI's UI graph: a ``nodes`` list beside ``links``/``last_node_id``, or typed nodes."""
    if not isinstance(value, dict) or not isinstance(value.get("nodes"), list):
        return False
    typed = any(isinstance(node, dict) and "type" in node for node in value["nodes"])
    return typed or "links" in value or "last_node_id" in value


def _graph(value: Any) -> bool:
    if isinstance(value, str):
        value = _json(value)
    return _api_graph(value) or _ui_graph(value)


def _lower_keys(obj: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in obj.items()}


def _sampling_params(keys: dict[str, Any]) -> bool:
    """A prompt next to at least two sampler settings: the shape every front-end's JSON has
    (diffusers pipelines, Easy Diffusion, NovelAI ``Comment``, InvokeAI, Civitai, HF Spaces)."""
    prompt = any(isinstance(keys.get(k), (str, list, dict)) for k in _PROMPT_KEYS)
    return prompt and sum(1 for k in _SAMPLING_KEYS if k in keys) >= 2


def json_generator(obj: Any) -> str | None:
    """The front-end a parsed metadata JSON object comes from, or None."""
    if not isinstance(obj, dict):
        return None
    keys = _lower_keys(obj)
    software = keys.get("software")
    if isinstance(software, str) and "fooocus" in software.lower():
        return software.strip()
    version = keys.get("version")
    if isinstance(version, str) and version.lower().startswith("fooocus"):
        return "Fooocus"
    if isinstance(keys.get("sui_image_params"), dict):
        return "SwarmUI"
    if "invokeai_metadata" in keys or "invoke" in str(keys.get("app_id", "")).lower():
        return "InvokeAI"
    if _api_graph(obj) or _graph(keys.get("prompt")) or _graph(keys.get("workflow")):
        return "ComfyUI"
    for key in ("comment", "parameters"):  # NovelAI WebP and SwarmUI wrap a second layer
        inner = keys.get(key)
        if isinstance(inner, str):
            found = json_generator(_json(inner))
            if found or is_a1111_parameters(inner):
                return found or "A1111-style infotext"
    return "diffusion parameters" if _sampling_params(keys) else None


def _dream_command(value: str) -> bool:
    """A quoted prompt, then switches each followed by at most one value (tokens, no regex
    backtracking over hostile input)."""
    prompt = _DREAM_PROMPT.match(value)
    if prompt is None:
        return False
    tokens = value[prompt.end():].split()
    previous_was_switch = False
    for token in tokens:
        if _DREAM_SWITCH.match(token):
            previous_was_switch = True
        elif previous_was_switch:
            previous_was_switch = False
        else:
            return False
    return bool(tokens) and _DREAM_SWITCH.match(tokens[0]) is not None


def value_generator(field_name: str, value: str | None) -> str | None:
    """The front-end one metadata value (a PNG text chunk or an EXIF text field) proves."""
    if not value:
        return None
    name = field_name.strip().lower()
    if name in _INFOTEXT_FIELDS and is_a1111_parameters(value):
        return "A1111-style infotext"
    if name == "dream" and _dream_command(value):
        return "InvokeAI"
    labelled = _LABELLED.match(value)
    if labelled:  # ComfyUI savers: EXIF Make/Model/ImageDescription ``prompt:{...}``
        obj = _json(value[labelled.end():])
        label = labelled.group(1).lower()
        graph = _api_graph(obj) if label == "prompt" else isinstance(obj, dict) and "nodes" in obj
        return "ComfyUI" if graph else None
    obj = _json(value)
    if name in _INVOKEAI_CHUNKS and isinstance(obj, dict):
        return "InvokeAI"
    if name in ("prompt", "workflow") and (_api_graph(obj) or _ui_graph(obj)):
        return "ComfyUI"
    return json_generator(obj)


def _chunk_keys(chunks: Mapping[str, str]) -> dict[str, str]:
    """Lower-cased key -> original key (the first of any case wins)."""
    keys: dict[str, str] = {}
    for key in chunks:
        keys.setdefault(key.strip().lower(), key)
    return keys


def _fooocus(chunks: Mapping[str, str], keys: dict[str, str]) -> list[str]:
    params = keys.get("parameters")
    if "fooocus_scheme" in keys and params and isinstance(_json(chunks[params]), dict):
        return [params, keys["fooocus_scheme"]]
    return []


def _novelai(chunks: Mapping[str, str], keys: dict[str, str]) -> list[str]:
    software = keys.get("software")
    if not software or chunks[software].strip() != "NovelAI":
        return []
    if "source" in keys or "comment" in keys:
        return [software] + [keys[k] for k in ("source",) if k in keys]
    return []


def _separate_chunks(chunks: Mapping[str, str], keys: dict[str, str]) -> list[str]:
    """Easy Diffusion writes each setting as its own chunk (``prompt``, ``seed``, ...)."""
    lowered = {k: chunks[original] for k, original in keys.items()}
    if not _sampling_params(lowered):
        return []
    return [keys[k] for k in _PROMPT_KEYS + _SAMPLING_KEYS if k in keys]


def generator_fields(fields: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(name, value)`` of the fields that prove an AI front-end wrote the file.

    ``fields`` maps a PNG text-chunk key or an EXIF field name to its text; keys match in
    any case. Values are parsed (infotext, JSON, labelled JSON, dream commands), never
    searched for words.
    """
    if not fields:
        return []  # most files: no text chunk, no EXIF text field
    keys = _chunk_keys(fields)
    found: list[str] = []
    for detect in (_fooocus, _novelai, _separate_chunks):
        found += detect(fields, keys)
    found += [k for k, v in fields.items() if value_generator(k, v)]
    return _unique((k, fields[k]) for k in found)


def generator_chunks(chunks: Mapping[str, str]) -> list[tuple[str, str]]:
    """PNG/WebP text chunks that prove an AI front-end wrote the file (see generator_fields)."""
    return generator_fields(chunks)


def _unique(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(items))
