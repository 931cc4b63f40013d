"""Synthetic input events, built the way SDL delivers real ones.

The demo mode, the screenshot tour and the tests all press keys and click through the
same `App.step` a player does, so they are built in one place.
"""

from __future__ import annotations

import pygame


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


def click(pos: tuple[int, int], button: int = 1) -> list[pygame.event.Event]:
    return [
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
    ]


def drag(start: tuple[int, int], end: tuple[int, int],
         steps: int = 3) -> list[pygame.event.Event]:
    """Press at `start`, move to `end` in `steps` motions with the button held, release."""
    events = [pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1)]
    for step in range(1, steps + 1):
        pos = (start[0] + (end[0] - start[0]) * step // steps,
               start[1] + (end[1] - start[1]) * step // steps)
        events.append(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(1, 0, 0)))
    events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    return events


def text(value: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=value)


def editing(value: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTEDITING, text=value, start=0, length=len(value))


def resize(width: int, height: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.VIDEORESIZE, w=width, h=height, size=(width, height))


ANSWER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
