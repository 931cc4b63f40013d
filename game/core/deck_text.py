"""Deck data (dicts, lists, text, whole numbers) as YAML text in the style of the schema's
own example: block mappings and lists, one person a line as a flow mapping.

Written by hand rather than with yaml.dump: several times faster, and it keeps the look of a
deck a person would write. One writer serves the sheet import (its text lands in the
player's deck folder) and the made-up decks of `bench` and the tests, so both stay readable
by the same loader for the same reasons.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Text that YAML reads back as itself when written plain, even inside a flow `{...}`.
_PLAIN = re.compile(r"[A-Za-z\uac00-\ud7a3][A-Za-z0-9\uac00-\ud7a3 .'-]*").fullmatch
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
# What JSON leaves as it is but YAML may not hold raw in a double-quoted scalar: controls
# above ASCII, the non-characters, and line breaks YAML would fold. Written as \uXXXX.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_ONE_LINE = frozenset({"partners", "characters"})  # people: one flow mapping a line


def deck_yaml(
    document: dict[str, Any], *, list_indent: int = 2, fold_over: int | None = None
) -> str:
    """`document` as YAML. `list_indent` is how far a list's dashes stand in from its key
    (2 as in the schema's example, 0 for the most compact text); with `fold_over`, text
    longer than that many characters goes on a line of its own as a folded scalar, which
    suits only text known to hold no line breaks or leading spaces."""
    lines: list[str] = []
    _block(document, 0, lines, " " * list_indent + "- ", fold_over)
    lines.append("")
    return "\n".join(lines)


def _block(
    mapping: dict[str, Any], indent: int, lines: list[str], dash: str, fold_over: int | None
) -> None:
    pad = " " * indent
    inner = indent + len(dash)
    for key, value in mapping.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                if key in _ONE_LINE:
                    lines.append(f"{pad}{dash}{_flow(item)}")
                    continue
                start = len(lines)
                _block(item, inner, lines, dash, fold_over)
                lines[start] = f"{pad}{dash}{lines[start][inner:]}"
        elif fold_over is not None and isinstance(value, str) and len(value) > fold_over:
            lines.append(f"{pad}{key}: >-")
            lines.append(f"{pad}  {value}")
        else:
            lines.append(f"{pad}{key}: {_flow(value)}")


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN(text) and text.casefold() not in _YAML_WORDS and not text.endswith(" "):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
