"""The bundled fonts draw every character the deck and the UI use, in both weights.

Coverage is read from the font's own character map. pygame cannot answer it: in pygame 2.6.1
(SDL_ttf 2.20) `Font.metrics()` returns the `.notdef` box's metrics for a missing character
instead of None, and fontTools is only a dev dependency, so a small cmap reader lives here.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from game.paths import default_deck, font_dir

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
import pygame  # after the SDL drivers are chosen

FONT_FILES = ("NotoSansKR-Regular-subset.otf", "NotoSansKR-Bold-subset.otf")
UI_CHARACTERS = "✓×—…←→•·「」"
NOT_IN_SUBSET = "漢字ア✗"  # Hanja, kana and a glyph the source font lacks: must read as missing


def _format4_subtable(data: bytes) -> int:
    """Offset of the Windows Unicode BMP (3, 1) format-4 cmap subtable in an sfnt file."""
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
        for i in range(num_tables)
    }
    cmap = tables[b"cmap"]
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) == (3, 1):
            assert struct.unpack_from(">H", data, cmap + offset)[0] == 4
            return cmap + offset
    raise AssertionError("no (3, 1) cmap subtable")


def _mapped(data: bytes, table: int) -> Iterator[int]:
    """Codepoints that a format-4 subtable maps to a real glyph (not glyph 0, `.notdef`)."""
    (seg_count_x2,) = struct.unpack_from(">H", data, table + 6)
    segs = seg_count_x2 // 2
    ends_at = table + 14
    starts_at = ends_at + seg_count_x2 + 2
    deltas_at = starts_at + seg_count_x2
    range_offsets_at = deltas_at + seg_count_x2
    for i in range(segs):
        end, start, delta, range_offset = (
            struct.unpack_from(">H", data, base + 2 * i)[0]
            for base in (ends_at, starts_at, deltas_at, range_offsets_at)
        )
        for code in range(start, end + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = range_offsets_at + 2 * i + range_offset + 2 * (code - start)
                (glyph,) = struct.unpack_from(">H", data, where)
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                yield code


@cache
def covered(name: str) -> frozenset[str]:
    data = (font_dir() / name).read_bytes()
    return frozenset(chr(code) for code in _mapped(data, _format4_subtable(data)))


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def deck_characters(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as stream:
        return {char for text in _strings(yaml.safe_load(stream)) for char in text}


@pytest.fixture(scope="module")
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    pygame.font.quit()


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_character_of_the_bundled_deck_has_a_glyph(name: str) -> None:
    chars = deck_characters(default_deck())
    assert any("\uac00" <= char <= "\ud7a3" for char in chars)  # the deck does use Hangul
    assert sorted(chars - covered(name)) == []


@pytest.mark.parametrize("name", FONT_FILES)
def test_ui_symbols_and_whole_hangul_ranges_have_glyphs(name: str) -> None:
    wanted = set(UI_CHARACTERS)
    wanted |= {chr(code) for code in range(0xAC00, 0xD7A4)}  # every syllable a user may type
    wanted |= set("ㄱㄴㅎㅏㅣㅢ")  # compatibility jamo shown while an IME composes
    wanted |= {chr(code) for code in range(0x20, 0x7F)}
    assert sorted(wanted - covered(name)) == []


@pytest.mark.parametrize("name", FONT_FILES)
def test_characters_left_out_of_the_subset_read_as_missing(name: str) -> None:
    assert set(NOT_IN_SUBSET).isdisjoint(covered(name))


@pytest.mark.parametrize("name", FONT_FILES)
def test_font_loads_and_draws_hangul_not_tofu(fonts: None, name: str) -> None:
    font = pygame.font.Font(str(font_dir() / name), 24)
    title = "사랑의 불시착"
    hangul = font.render(title, True, (255, 255, 255))
    boxes = "".join(" " if char == " " else "\ue000" for char in title)  # unassigned: .notdef
    tofu = font.render(boxes, True, (255, 255, 255))
    assert hangul.get_width() > 0 and hangul.get_height() > 0
    assert pygame.image.tobytes(hangul, "RGBA") != pygame.image.tobytes(tofu, "RGBA")
    advances = [metric[4] for metric in font.metrics("사랑")]
    assert all(advance > 0 for advance in advances)


def _ui_string_characters() -> set[str]:
    """Every non-ASCII character in a string literal of the UI code: what screens can show."""
    import ast

    found: set[str] = set()
    for source in (Path(__file__).resolve().parents[2] / "game" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(ch for ch in node.value if ord(ch) > 127)
    return found


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_symbol_the_code_can_show_has_a_glyph(name: str) -> None:
    missing = sorted(_ui_string_characters() - covered(name))
    assert not missing, f"{name} lacks {missing}: they would show as boxes"
