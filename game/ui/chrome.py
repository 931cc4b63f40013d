"""The frame around every screen: a header with where you are, a footer with the keys."""

from __future__ import annotations

import pygame

from game.ui.app import Context

MUTED_NOTE = "· sound off"


def draw_background(surface: pygame.Surface, ctx: Context) -> None:
    surface.fill(ctx.theme.palette.background)


def draw_header(surface: pygame.Surface, ctx: Context, left: str, centre: str = "",
                right: str = "") -> pygame.Rect:
    """Draw the header band; returns the body rect below it."""
    theme, text = ctx.theme, ctx.text
    pal = theme.palette
    px = theme.font_px("small")
    height = text.line_height(px) + theme.gap * 2
    band = pygame.Rect(0, 0, surface.get_width(), height)
    pygame.draw.rect(surface, pal.panel, band)
    third = (band.width - theme.margin * 2) // 3
    boxes = [pygame.Rect(theme.margin + i * third, 0, third, height) for i in range(3)]
    text.draw(surface, left, boxes[0], px, pal.muted, align="left")
    text.draw(surface, centre, boxes[1], px, pal.text, bold=True)
    right_text = f"{right}  {MUTED_NOTE}" if ctx.sound.muted else right
    text.draw(surface, right_text, boxes[2], px, pal.muted, align="right")
    return pygame.Rect(theme.margin, height + theme.gap, surface.get_width() - theme.margin * 2,
                       surface.get_height() - height - theme.gap)


def draw_footer(surface: pygame.Surface, ctx: Context, hint: str) -> pygame.Rect:
    """Draw the key hints at the bottom; returns the footer rect (for layout above it)."""
    theme, text = ctx.theme, ctx.text
    px = theme.font_px("tiny")
    height = text.line_height(px) * 2 + theme.gap
    box = pygame.Rect(theme.margin, surface.get_height() - height, surface.get_width()
                      - theme.margin * 2, height)
    text.draw(surface, hint, box, px, theme.palette.muted)
    return box


def body_between(header_body: pygame.Rect, footer: pygame.Rect, gap: int) -> pygame.Rect:
    return pygame.Rect(header_body.left, header_body.top, header_body.width,
                       footer.top - gap - header_body.top)


def button_grid(area: pygame.Rect, count: int, columns: int, gap: int,
                row_height: int | None = None) -> list[pygame.Rect]:
    """Rects for `count` buttons in a grid filling `area` left to right, top to bottom."""
    rows = max(1, -(-count // columns))
    width = (area.width - gap * (columns - 1)) // columns
    height = row_height or (area.height - gap * (rows - 1)) // rows
    return [
        pygame.Rect(area.left + (i % columns) * (width + gap),
                    area.top + (i // columns) * (height + gap), width, height)
        for i in range(count)
    ]


def menu_keys(event: pygame.event.Event, count: int, focus: int) -> int | None:
    """Arrow/Tab navigation over a vertical list; returns the new focus or None."""
    if event.type != pygame.KEYDOWN:
        return None
    if event.key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
        return (focus + 1) % count
    if event.key in (pygame.K_UP,) or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
        return (focus - 1) % count
    return None
