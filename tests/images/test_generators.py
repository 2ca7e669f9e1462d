"""Generator text chunks and known generator names, with the traps that must stay not-AI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from provenance.images import read_image
from provenance.images.model import Evidence
from tests.images.builders import exif_bytes, write_jpeg, write_png

A1111 = ("harbour at night, film grain\nNegative prompt: lowres\n"
         "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 1234, Size: 512x512")
COMFY_PROMPT = json.dumps({"3": {"class_type": "KSampler", "inputs": {"seed": 5}}})
COMFY_WORKFLOW = json.dumps({"last_node_id": 9, "nodes": [{"id": 3}], "links": []})
INVOKE = json.dumps({"generation_mode": "txt2img", "positive_prompt": "a fox", "model": {}})
FOOOCUS = json.dumps({"full_prompt": ["a fox"], "version": "Fooocus v2.5.0"})
NOVELAI_COMMENT = json.dumps({"prompt": "a fox", "steps": 28})


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ({"parameters": A1111}, [("parameters", A1111)]),
        ({"prompt": COMFY_PROMPT, "workflow": COMFY_WORKFLOW},
         [("prompt", COMFY_PROMPT), ("workflow", COMFY_WORKFLOW)]),
        ({"invokeai_metadata": INVOKE}, [("invokeai_metadata", INVOKE)]),
        ({"sd-metadata": INVOKE, "Dream": '"a fox" -s 50'},
         [("sd-metadata", INVOKE), ("Dream", '"a fox" -s 50')]),
        ({"Software": "NovelAI", "Source": "NovelAI Diffusion V4 0A1B2C3D",
          "Comment": NOVELAI_COMMENT},
         [("Software", "NovelAI"), ("Source", "NovelAI Diffusion V4 0A1B2C3D")]),
        ({"parameters": FOOOCUS, "fooocus_scheme": "fooocus"},
         [("parameters", FOOOCUS), ("fooocus_scheme", "fooocus")]),
    ],
    ids=["a1111", "comfyui", "invokeai", "invokeai-legacy", "novelai", "fooocus"],
)
def test_generator_text_chunks(tmp_path: Path, chunks: dict[str, str],
                               expected: list[tuple[str, str]]) -> None:
    image = read_image(write_png(tmp_path / "g.png", text=chunks), "g.png")
    assert image.ai.verdict == "ai-generated"
    assert image.ai.evidence == [Evidence("text-chunk", k, v[:200]) for k, v in expected]
    assert image.machine_readable is True


def test_itxt_and_ztxt_chunks_are_read(tmp_path: Path) -> None:
    unicode_a1111 = "un café à l'aube\nSteps: 12, Sampler: Euler"
    itxt = write_png(tmp_path / "i.png", itxt={"parameters": unicode_a1111})
    ztxt = write_png(tmp_path / "z.png", ztxt={"parameters": A1111})
    assert read_image(itxt, "i.png").ai.evidence == [
        Evidence("text-chunk", "parameters", unicode_a1111)]
    assert read_image(ztxt, "z.png").ai.verdict == "ai-generated"


@pytest.mark.parametrize(
    "chunks",
    [
        {"Software": "GIMP 2.10.36", "Comment": "Created with GIMP"},
        {"parameters": "exposure +0.3, contrast 10"},
        {"prompt": "not json at all", "workflow": "neither"},
        {"Software": "Adobe Photoshop 25.0"},
        {"Description": "A photo that mentions Steps: 5 in passing, Midjourney style"},
    ],
    ids=["gimp", "parameters-no-steps", "prompt-not-json", "photoshop", "description-words"],
)
def test_text_chunk_traps_are_not_ai(tmp_path: Path, chunks: dict[str, str]) -> None:
    image = read_image(write_png(tmp_path / "t.png", text=chunks), "t.png")
    assert (image.ai.verdict, image.ai.evidence, image.machine_readable) == ("unknown", [], False)


def test_png_software_naming_a_generator(tmp_path: Path) -> None:
    image = read_image(write_png(tmp_path / "t.png", text={"Software": "Midjourney v7"}), "t.png")
    assert image.ai.evidence == [Evidence("text-chunk", "Software", "Midjourney v7")]


@pytest.mark.parametrize(
    ("tags", "field", "value"),
    [
        ({"software": "AI generated;txt2img;flux", "make": "Black Forest Labs"},
         "Software", "AI generated;txt2img;flux"),
        ({"software": "DALL·E 3".encode()}, "Software", "DALL·E 3"),  # UTF-8 in an ASCII tag
        ({"model": "Stable Diffusion XL"}, "Model", "Stable Diffusion XL"),
        ({"make": "workflow:{\"nodes\": []}"}, "Make", "workflow:{\"nodes\": []}"),
    ],
)
def test_exif_generator_names(tmp_path: Path, tags: dict[str, Any], field: str,
                              value: str) -> None:
    image = read_image(write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(**tags)), "a.jpg")
    assert image.ai.verdict == "ai-generated"
    assert Evidence("exif", field, value) in image.ai.evidence


@pytest.mark.parametrize(
    "software",
    ["Adobe Photoshop 26.0 (Macintosh)", "Adobe Lightroom Classic 14.1", "GIMP 2.10",
     "Imagenomic Portraiture", "Fluxus Editor 2"],
)
def test_editor_software_is_not_ai(tmp_path: Path, software: str) -> None:
    image = read_image(write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(software=software)), "a.jpg")
    assert (image.ai.verdict, image.ai.evidence) == ("unknown", [])


def test_extra_generators_from_policy(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", exif=exif_bytes(software="NewsroomDiffusion 2.1"))
    assert read_image(path, "a.jpg").ai.verdict == "unknown"
    image = read_image(path, "a.jpg", extra_generators=["NewsroomDiffusion"])
    assert image.ai.evidence == [Evidence("exif", "Software", "NewsroomDiffusion 2.1")]
