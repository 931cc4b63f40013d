"""The join address as a QR code, drawn as a pygame surface (segno makes the matrix)."""

from __future__ import annotations

import pygame
import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_surface(text: str, side: int) -> pygame.Surface:
    """A square surface about `side` pixels wide, each module a whole number of pixels so
    every module has the same size (a phone camera reads crisp edges best)."""
    matrix = segno.make(text, error="m").matrix
    modules = len(matrix) + QUIET_ZONE * 2
    scale = max(1, side // modules)
    small = pygame.Surface((modules, modules))
    small.fill((255, 255, 255))
    dark = (0, 0, 0)
    for y, row in enumerate(matrix):
        for x, bit in enumerate(row):
            if bit:
                small.set_at((x + QUIET_ZONE, y + QUIET_ZONE), dark)
    return pygame.transform.scale(small, (modules * scale, modules * scale))
