"""Font loading and a cache of rendered text.

Rendering a Hangul line costs up to a few milliseconds (SDL_ttf keeps few glyphs), blitting a
cached surface a few microseconds, so every scene draws text through one `TextRenderer`.
It also records where each text landed and in which box, so tests can check that no text
runs outside its box or the window at any size.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.paths import font_dir

REGULAR_FONT = "NotoSansKR-Regular-subset.otf"
BOLD_FONT = "NotoSansKR-Bold-subset.otf"
CACHE_LIMIT = 1500


@dataclass(frozen=True)
class Placed:
    """One piece of text drawn this frame: where it went and the box it had to stay in."""

    text: str
    rect: pygame.Rect
    box: pygame.Rect


class TextRenderer:
    def __init__(self, fonts: Path | None = None) -> None:
        folder = fonts or font_dir()
        self._paths = {False: str(folder / REGULAR_FONT), True: str(folder / BOLD_FONT)}
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wraps: dict[tuple, list[str]] = {}
        self.hits = 0
        self.misses = 0
        self.placed: list[Placed] = []

    def font(self, px: int, bold: bool = False) -> pygame.font.Font:
        key = (px, bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(self._paths[bold], px)
        return self._fonts[key]

    def missing_glyphs(self, text: str) -> str:
        """The characters of `text` the bundled fonts have no glyph for (each once, in order):
        SDL would draw them as empty boxes, so a name holding one is refused."""
        missing = ""
        for bold in (False, True):
            for char, metric in zip(text, self.font(20, bold).metrics(text), strict=True):
                if metric is None and char not in missing:
                    missing += char
        return missing

    def clear(self) -> None:
        """Forget rendered text (after a resize every size changes anyway)."""
        self._surfaces.clear()
        self._wraps.clear()

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def render(self, text: str, px: int, colour: tuple[int, int, int], bold: bool = False):
        key = (text, px, colour, bold)
        surface = self._surfaces.get(key)
        if surface is not None:
            self.hits += 1
            self._surfaces.move_to_end(key)
            return surface
        self.misses += 1
        surface = self.font(px, bold).render(text, True, colour)
        if pygame.display.get_surface() is not None:
            surface = surface.convert_alpha()
        self._surfaces[key] = surface
        if len(self._surfaces) > CACHE_LIMIT:
            self._surfaces.popitem(last=False)
        return surface

    def width(self, text: str, px: int, bold: bool = False) -> int:
        return self.font(px, bold).size(text)[0]

    def line_height(self, px: int, bold: bool = False) -> int:
        """The font's line spacing, or the height text renders at where that is taller (at
        some sizes the bundled font renders a pixel taller than its spacing, and a line that
        fits its box by the spacing would stick out of it)."""
        font = self.font(px, bold)
        return max(font.get_linesize(), font.size("Ágy")[1])

    def wrap(self, text: str, px: int, max_width: int, bold: bool = False) -> list[str]:
        """Break text into lines no wider than max_width; over-long words break by character."""
        key = (text, px, max_width, bold)
        cached = self._wraps.get(key)
        if cached is not None:
            return cached
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, px, bold) <= max_width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = ""
                for char in word:
                    if line and self.width(line + char, px, bold) > max_width:
                        lines.append(line)
                        line = ""
                    line += char
            lines.append(line)
        self._wraps[key] = lines
        return lines

    def fit(
        self, text: str, box: pygame.Rect, px: int, bold: bool = False, min_px: int = 11
    ) -> tuple[int, list[str]]:
        """The largest size <= px at which the wrapped text fits the box, and its lines."""
        size = px
        while True:
            lines = self.wrap(text, size, max(1, box.width), bold)
            if len(lines) * self.line_height(size, bold) <= box.height or size <= min_px:
                return size, lines
            size = max(min_px, int(size * 0.9))

    def draw(
        self,
        surface: pygame.Surface,
        text: str,
        box: pygame.Rect,
        px: int,
        colour: tuple[int, int, int],
        *,
        bold: bool = False,
        align: str = "center",
        valign: str = "middle",
        min_px: int = 11,
    ) -> pygame.Rect:
        """Draw text wrapped and, if needed, shrunk to stay inside box. Returns the inked rect."""
        if not text:
            return pygame.Rect(box.topleft, (0, 0))
        size, lines = self.fit(text, box, px, bold, min_px)
        line_h = self.line_height(size, bold)
        total_h = line_h * len(lines)
        if valign == "top":
            y = box.top
        elif valign == "bottom":
            y = box.bottom - total_h
        else:
            y = box.centery - total_h // 2
        inked = pygame.Rect(box.centerx, y, 0, 0)
        for line in lines:
            image = self.render(line, size, colour, bold)
            rect = image.get_rect()
            if align == "left":
                rect.topleft = (box.left, y)
            elif align == "right":
                rect.topright = (box.right, y)
            else:
                rect.midtop = (box.centerx, y)
            surface.blit(image, rect)
            inked = inked.union(rect) if inked.width else rect.copy()
            y += line_h
        self.placed.append(Placed(text, inked, box.copy()))
        return inked
