"""Colours, sizes and layout constants, derived from the window size and the player's settings.

Everything that depends on the window is computed here once per resize, so scenes only ask
for named sizes and never scatter magic numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    name: str
    background: Colour
    panel: Colour
    panel_edge: Colour
    text: Colour
    muted: Colour
    accent: Colour
    accent_text: Colour
    button: Colour
    button_hover: Colour
    button_edge: Colour
    right: Colour
    wrong: Colour
    warning: Colour
    timer: Colour
    timer_low: Colour
    chart: tuple[Colour, ...]


STANDARD = Palette(
    name="standard",
    background=(24, 20, 38),
    panel=(40, 34, 62),
    panel_edge=(84, 72, 120),
    text=(244, 240, 250),
    muted=(176, 166, 200),
    accent=(255, 122, 162),
    accent_text=(30, 16, 30),
    button=(58, 50, 90),
    button_hover=(82, 70, 126),
    button_edge=(120, 104, 170),
    right=(64, 186, 112),
    wrong=(222, 74, 88),
    warning=(250, 196, 80),
    timer=(120, 200, 255),
    timer_low=(255, 110, 90),
    chart=((255, 122, 162), (120, 200, 255), (250, 196, 80), (150, 226, 160)),
)

# Okabe–Ito colours: right/wrong stay apart for every common form of colour blindness,
# and every right/wrong mark also carries a symbol, so colour is never the only signal.
COLOUR_BLIND_SAFE = Palette(
    name="colour-blind-safe",
    background=(20, 24, 32),
    panel=(36, 42, 56),
    panel_edge=(90, 100, 124),
    text=(246, 246, 246),
    muted=(180, 186, 200),
    accent=(230, 159, 0),
    accent_text=(20, 20, 20),
    button=(52, 60, 80),
    button_hover=(74, 86, 112),
    button_edge=(120, 132, 160),
    right=(0, 114, 178),
    wrong=(213, 94, 0),
    warning=(240, 228, 66),
    timer=(86, 180, 233),
    timer_low=(213, 94, 0),
    chart=((230, 159, 0), (86, 180, 233), (0, 158, 115), (204, 121, 167)),
)

PALETTES: dict[str, Palette] = {p.name: p for p in (STANDARD, COLOUR_BLIND_SAFE)}

RIGHT_MARK = "✓"
WRONG_MARK = "×"


@dataclass(frozen=True)
class Theme:
    """Sizes for one window size. `scale` grows text with the window height."""

    width: int
    height: int
    palette: Palette
    large_text: bool = False

    @property
    def scale(self) -> float:
        base = min(self.width / 1280, self.height / 720)
        return max(0.72, min(base, 3.0)) * (1.18 if self.large_text else 1.0)

    def font_px(self, role: str) -> int:
        sizes = {"title": 54, "heading": 36, "body": 26, "button": 26, "small": 19, "tiny": 16}
        return max(12, round(sizes[role] * self.scale))

    @property
    def margin(self) -> int:
        return max(12, round(24 * min(self.width / 1280, self.height / 720)))

    @property
    def gap(self) -> int:
        return max(6, self.margin // 2)

    @property
    def radius(self) -> int:
        return max(6, self.margin // 2)
