"""Where the window is on the screen: read and moved through SDL's window object.

X11 without a window manager (Xvfb, kiosk set-ups, some tiling set-ups) leaves a window that
turns fullscreen where it was: a 1280x720 window centred on a 1920x1080 screen became a
1920x1080 window at +320+180, its right and bottom cut off. Moving the window to the corner
first makes fullscreen cover the screen, and moving it back afterwards returns the player's
window to where it was.
"""

from __future__ import annotations

import pygame

# `Window.from_display_module()` stores a pointer to the object it returns in the SDL window,
# without a reference: pygame reads it back for every window event. Were the object freed,
# that pointer would dangle and the next window event crash the game, so the latest one is
# kept here.
_held: list[object] = []


def _window():
    """SDL's window object, or None without one. Imported when first asked (a fullscreen
    switch), not at start-up: pygame's `_sdl2` modules cost a few milliseconds to load."""
    if pygame.display.get_surface() is None:
        return None
    try:  # pygame marks the module experimental, so fail soft without it
        from pygame._sdl2.video import Window
    except ImportError:  # pragma: no cover - every pygame 2 wheel has it
        return None
    window = Window.from_display_module()
    _held[:] = [window]
    return window


def window_position() -> tuple[int, int] | None:
    """The window's top-left corner on the desktop, or None where SDL cannot tell."""
    try:
        window = _window()
        return None if window is None else tuple(window.position)
    except (pygame.error, AttributeError):
        return None


def move_window(position: tuple[int, int]) -> None:
    """Put the window's top-left corner at `position`; nothing where SDL cannot move it."""
    try:
        window = _window()
        if window is None:
            return
        window.position = position
    except (pygame.error, AttributeError):
        return
    pygame.event.pump()  # let the move reach the X server before the next mode change
