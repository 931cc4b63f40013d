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


def text(value: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=value)


def editing(value: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTEDITING, text=value, start=0, length=len(value))


def resize(width: int, height: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.VIDEORESIZE, w=width, h=height, size=(width, height))


ANSWER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
