"""Load the shipped JSON Schemas and validate documents against them, offline.

The schemas live in ``provenance/schemas/`` (shipped in the wheel; ``schemas/`` at the repo
top is a link to it). ``best_match`` turns many errors into the one a person should read.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from provenance import package_text


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = package_text("schemas", name)
    schema: dict[str, Any] = json.loads(text)
    return schema


def validator(name: str = "report.schema.json",
              definition: str | None = None) -> Draft202012Validator:
    """A validator for the whole schema, or for one of its ``$defs`` (``inspectReport``...)."""
    schema = load_schema(name)
    if definition is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                  "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema)


def report_errors(document: Any, definition: str | None = None) -> list[str]:
    """Human-readable problems with ``document``, the most relevant first; [] when valid."""
    v = validator(definition=definition)
    errors = list(v.iter_errors(document))
    if not errors:
        return []
    first = best_match(errors)
    rest = [e for e in errors if e is not first]
    return [_describe(first)] + [_describe(e) for e in rest]


def _describe(error: Any) -> str:
    path = "/".join(str(p) for p in error.absolute_path) or "(top)"
    return f"{path}: {error.message}"
