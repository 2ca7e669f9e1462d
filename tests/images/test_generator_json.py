"""Generator metadata beyond A1111 text: JSON and graph forms, in PNG chunks and EXIF fields.

Each case writes the metadata a front-end writes (shapes from ai-markers.md §2 and the
``corpus/generators`` MANIFEST), never a copied file. Traps: the same keys and words in
metadata that is not a generator's, which must stay ``unknown``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from provenance.images import read_image
from provenance.images.model import Evidence
from tests.images.builders import (
    exif_bytes,
    png_chunk,
    unicode_comment,
    write_jpeg,
    write_png,
    write_webp,
)

GRAPH = {"3": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20}},
         "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "x.safetensors"}}}
UI_GRAPH = {"last_node_id": 4, "nodes": [{"id": 3, "type": "KSampler"}], "links": []}
SWARM = {"sui_image_params": {"prompt": "a fox", "model": "flux-dev", "seed": 1, "steps": 20,
                              "swarm_version": "0.9.3.1"},
         "sui_extra_data": {"date": "2026-01-01"}}
NOVELAI = {"prompt": "a fox", "steps": 28, "scale": 5.0, "seed": 7, "sampler": "k_euler",
           "noise_schedule": "karras", "uc": "lowres"}
FOOOCUS = {"full_prompt": ["a fox"], "base_model": "juggernautXL", "steps": 30, "seed": 9,
           "version": "Fooocus v2.5.0"}
RUINED = {"Prompt": "a fox", "software": "RuinedFooocus", "steps": 30, "seed": 9}
DIFFUSERS = {"prompt": "a fox", "negative_prompt": "", "num_inference_steps": 25,
             "guidance_scale": 7.0, "seed": 3, "Model": "animagine-xl"}
CIVITAI = {"resource-stack": {"class_type": "CheckpointLoaderSimple", "inputs": {}},
           "extraMetadata": json.dumps({"prompt": "a fox", "steps": 20})}
INVOKE_LEGACY = {"model": "stable diffusion", "app_id": "invoke-ai/InvokeAI",
                 "app_version": "2.3.0", "image": {"prompt": [{"prompt": "a fox"}]}}


def _png(tmp_path: Path, **text: str) -> Any:
    return read_image(write_png(tmp_path / "g.png", text=text), "g.png")


def _jpeg(tmp_path: Path, **tags: Any) -> Any:
    return read_image(write_jpeg(tmp_path / "g.jpg", exif=exif_bytes(**tags)), "g.jpg")


def _ai(image: Any, source: str, field: str, value: str) -> None:
    assert image.ai.verdict == "ai-generated", image.ai.to_dict()
    assert Evidence(source, field, value[:200]) in image.ai.evidence
    assert image.machine_readable is True


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_swarmui_json_in_exif_usercomment(tmp_path: Path, encoding: str) -> None:
    text = json.dumps(SWARM, indent=2)
    image = _jpeg(tmp_path, user_comment=b"UNICODE\0" + text.encode(encoding))
    _ai(image, "exif", "UserComment", text)


def test_swarmui_json_in_png_parameters(tmp_path: Path) -> None:
    _ai(_png(tmp_path, parameters=json.dumps(SWARM)), "text-chunk", "parameters", json.dumps(SWARM))


@pytest.mark.parametrize(
    ("params", "extra"),
    [(FOOOCUS, {"fooocus_scheme": "fooocus"}), (FOOOCUS, {}), (RUINED, {}), (DIFFUSERS, {})],
    ids=["fooocus-scheme", "fooocus-version", "ruinedfooocus", "diffusers-hf-space"],
)
def test_parameters_json(tmp_path: Path, params: dict[str, Any], extra: dict[str, str]) -> None:
    text = json.dumps(params)
    _ai(_png(tmp_path, parameters=text, **extra), "text-chunk", "parameters", text)


def test_fooocus_json_in_jpeg_usercomment(tmp_path: Path) -> None:
    text = json.dumps(FOOOCUS)
    _ai(_jpeg(tmp_path, user_comment=unicode_comment(text)), "exif", "UserComment", text)


def test_civitai_graph_json_in_usercomment(tmp_path: Path) -> None:
    text = json.dumps(CIVITAI)
    _ai(_jpeg(tmp_path, user_comment=unicode_comment(text)), "exif", "UserComment", text)


def test_invokeai_legacy_dream_only(tmp_path: Path) -> None:
    dream = '"a fox in the snow" -s50 -W512 -H512 -C7.5 -Ak_lms -S3357757885'
    _ai(_png(tmp_path, Dream=dream), "text-chunk", "Dream", dream)


def test_invokeai_legacy_sd_metadata_only(tmp_path: Path) -> None:
    text = json.dumps(INVOKE_LEGACY)
    _ai(_png(tmp_path, **{"sd-metadata": text}), "text-chunk", "sd-metadata", text)


def test_novelai_comment_json_without_software(tmp_path: Path) -> None:
    text = json.dumps(NOVELAI)
    _ai(_png(tmp_path, Comment=text), "text-chunk", "Comment", text)


def test_novelai_webp_usercomment_wraps_comment(tmp_path: Path) -> None:
    text = json.dumps({"Comment": json.dumps(NOVELAI)})
    path = write_webp(tmp_path / "n.webp",
                      exif=exif_bytes(user_comment=b"ASCII\0\0\0" + text.encode()))
    _ai(read_image(path, "n.webp"), "exif", "UserComment", text)


@pytest.mark.parametrize("keys", [("Prompt", "Workflow"), ("PROMPT", "workflow")])
def test_comfyui_png_keys_in_any_case(tmp_path: Path, keys: tuple[str, str]) -> None:
    prompt, workflow = json.dumps(GRAPH), json.dumps(UI_GRAPH)
    image = _png(tmp_path, **{keys[0]: prompt, keys[1]: workflow})
    _ai(image, "text-chunk", keys[0], prompt)
    _ai(image, "text-chunk", keys[1], workflow)


def test_comfyui_workflow_only(tmp_path: Path) -> None:
    _ai(_png(tmp_path, workflow=json.dumps(UI_GRAPH)), "text-chunk", "workflow",
        json.dumps(UI_GRAPH))


def test_comfyui_animated_webp_make_and_model(tmp_path: Path) -> None:
    make, model = "workflow:" + json.dumps(UI_GRAPH), "prompt:" + json.dumps(GRAPH)
    path = write_webp(tmp_path / "c.webp", exif=exif_bytes(make=make, model=model))
    image = read_image(path, "c.webp")
    _ai(image, "exif", "Make", make)
    _ai(image, "exif", "Model", model)


def test_comfyui_save_image_extended_description_and_make(tmp_path: Path) -> None:
    description, make = "Workflow: " + json.dumps(UI_GRAPH), "Prompt: " + json.dumps(GRAPH)
    image = _jpeg(tmp_path, description=description, make=make)
    _ai(image, "exif", "ImageDescription", description)
    _ai(image, "exif", "Make", make)


@pytest.mark.parametrize("nested", [False, True], ids=["objects", "json-strings"])
def test_comfyui_json_in_usercomment(tmp_path: Path, nested: bool) -> None:
    graphs: dict[str, Any] = {"prompt": GRAPH, "workflow": UI_GRAPH}
    if nested:
        graphs = {k: json.dumps(v) for k, v in graphs.items()}
    text = json.dumps(graphs)
    _ai(_jpeg(tmp_path, user_comment=unicode_comment(text)), "exif", "UserComment", text)


def test_usercomment_in_ifd0(tmp_path: Path) -> None:
    infotext = "a fox\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512"
    image = _jpeg(tmp_path, ifd0_user_comment=unicode_comment(infotext))
    _ai(image, "exif", "UserComment", infotext)


def test_easy_diffusion_separate_chunks(tmp_path: Path) -> None:
    image = _png(tmp_path, prompt="a fox", seed="42", num_inference_steps="25",
                 guidance_scale="7.5", use_stable_diffusion_model="sd-v1-5")
    _ai(image, "text-chunk", "prompt", "a fox")


@pytest.mark.parametrize(
    "texts",
    [
        {"prompt": json.dumps({"text": "Enter a prompt to continue"})},
        {"Comment": json.dumps({"prompt": "Describe the photo in one line"})},
        {"Comment": json.dumps({"steps": 3, "seed": 4})},
        {"Dream": "<too lazy to implement>"},
        {"Dream": "a dream I had about the harbour"},
        {"Dream": '"x" ' + " ".join(["-" + "a" * 40] * 400) + " x y"},
        {"parameters": json.dumps({"exposure": 0.3, "contrast": 10})},
        {"workflow": json.dumps({"name": "newsroom intake", "steps": ["crop", "caption"]})},
        {"prompt": "Prompt: write a caption", "Description": "editor's prompt notes"},
    ],
    ids=["prompt-json-not-graph", "prompt-only-json", "settings-without-prompt",
         "dream-placeholder", "dream-prose", "dream-hostile", "parameters-json-editor",
         "workflow-json-not-graph",
         "prompt-words"],
)
def test_png_json_traps_stay_unknown(tmp_path: Path, texts: dict[str, str]) -> None:
    image = _png(tmp_path, **texts)
    assert (image.ai.verdict, image.ai.evidence, image.machine_readable) == ("unknown", [], False)


@pytest.mark.parametrize(
    "tags",
    [
        {"user_comment": b"ASCII\0\0\0Screenshot"},
        {"user_comment": unicode_comment(json.dumps({"caption": "harbour", "prompt": "none"}))},
        {"description": "Prompt: the photographer's brief"},
        {"make": "workflow:" + json.dumps({"a": 1})},
        {"model": "prompt:" + json.dumps({"3": {"inputs": {}}})},
        {"description": "OLYMPUS DIGITAL CAMERA", "make": "OLYMPUS"},
        {"ifd0_user_comment": b"ASCII\0\0\0Copyright Harbour Photo Agency"},
    ],
    ids=["screenshot", "json-caption", "prompt-label-not-json", "workflow-not-graph",
         "prompt-not-graph", "camera-description", "ifd0-camera-text"],
)
def test_exif_traps_stay_unknown(tmp_path: Path, tags: dict[str, Any]) -> None:
    image = _jpeg(tmp_path, **tags)
    assert (image.ai.verdict, image.ai.evidence) == ("unknown", [])


def test_utf8_bytes_in_a_latin1_text_chunk_read_as_utf8(tmp_path: Path) -> None:
    infotext = "纯白的背景\nSteps: 20, Sampler: euler, Seed: 1, Version: stable-diffusion.cpp"
    latin1 = "café\nSteps: 20, Sampler: euler".encode("latin-1")
    for name, body in (("u.png", infotext.encode()), ("l.png", latin1)):
        png = write_png(tmp_path / name).read_bytes()
        chunk = png_chunk(b"tEXt", b"parameters\0" + body)
        (tmp_path / name).write_bytes(png[:33] + chunk + png[33:])  # after IHDR
    assert read_image(tmp_path / "u.png", "u.png").ai.evidence[0].value == infotext
    assert read_image(tmp_path / "l.png", "l.png").ai.evidence[0].value.startswith("café")
