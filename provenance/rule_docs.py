"""A rule's documentation as ``provenance explain`` prints it: plain text or Markdown.

Each rule module's docstring is its documentation (STYLE.md), written in the light
reStructuredText of Python docstrings: ``literal`` text, ``:role:`target``` references and
literal blocks introduced by a paragraph ending in ``::``. A terminal should see none of
that markup, and Markdown wants its own: this module turns the docstring into either.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``(.+?)``")
FORMATS = ("text", "markdown")


def render(rule: Any, fmt: str = "text") -> str:
    """The rule's documentation in ``fmt`` (``text`` or ``markdown``), severity last."""
    doc = textwrap.dedent(rule.__doc__ or "").strip()
    paragraphs = _paragraphs(doc)
    out: list[str] = []
    for kind, text in paragraphs:
        if kind == "code":
            out.append(f"```text\n{text}\n```" if fmt == "markdown"
                       else textwrap.indent(text, "    "))
        else:
            out.append(_inline(text, fmt))
    if fmt == "markdown" and out:
        first, _, rest = out[0].partition(": ")
        out[0] = f"# {first}\n\n{rest[:1].upper()}{rest[1:]}" if rest else f"# {first}"
    from provenance.fixes import explain_fix

    out.append(f"Default severity: {rule.DEFAULT_SEVERITY.label}")
    out.append(explain_fix(rule.ID))
    return "\n\n".join(out) + "\n"


def _paragraphs(doc: str) -> list[tuple[str, str]]:
    """(``"text"`` or ``"code"``, text) in order; ``X::`` ends a text paragraph with
    ``X:`` and makes the indented paragraph after it code."""
    result: list[tuple[str, str]] = []
    expect_code = False
    for block in re.split(r"\n\s*\n", doc):
        if expect_code and block.startswith((" ", "\t")):
            result.append(("code", textwrap.dedent(block).rstrip()))
            continue
        expect_code = block.rstrip().endswith("::")
        text = block.rstrip()
        if expect_code:
            text = text[:-1]  # "Passes::" -> "Passes:"
        result.append(("text", text))
    return result


def _inline(text: str, fmt: str) -> str:
    text = _ROLE.sub(lambda m: f"``{m[1]}``", text)
    return _LITERAL.sub(r"`\1`" if fmt == "markdown" else r"\1", text)
