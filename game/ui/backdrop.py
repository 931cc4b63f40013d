"""The dimmed screen behind an overlay (a question asked over the title), drawn once and kept.

The screen below does not change while the overlay is up, so dimming it and drawing it again
on every frame is wasted work: at 3840×2160 a per-pixel-alpha shade over the whole window,
plus the screen below, took 11-15 ms a frame. The dimmed copy is kept after the first frame
(made again after a resize), and later frames only blit it.
"""

from __future__ import annotations

import pygame

SHADE_ALPHA = 170


class DimmedBackdrop:
    """Keeps the dimmed copy of the screen below an overlay."""

    def __init__(self) -> None:
        self._copy: pygame.Surface | None = None

    def needs_screen_below(self) -> bool:
        """Whether the scene below must be drawn first (no copy yet, or the window resized):
        what an overlay scene's `overlay` says."""
        surface = pygame.display.get_surface()
        return self._copy is None or surface is None or self._copy.get_size() != surface.get_size()

    def draw(self, surface: pygame.Surface) -> None:
        """The kept copy, or (the first time) dim what is on the surface and keep it."""
        if self._copy is not None and self._copy.get_size() == surface.get_size():
            surface.blit(self._copy, (0, 0))
            return
        shade = pygame.Surface(surface.get_size())  # one alpha for all: no per-pixel alpha
        shade.set_alpha(SHADE_ALPHA)
        surface.blit(shade, (0, 0))
        self._copy = surface.copy()
