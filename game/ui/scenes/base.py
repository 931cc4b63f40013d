"""The scene interface and the stack that holds the screens.

A pushdown automaton (Nystrom, "State"): the pause menu is pushed over a question and popped
to resume it. Changes are queued and applied by the app after `update`, never in the middle
of event handling, so a scene never runs after it has been removed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.widgets import Button, button_at

if TYPE_CHECKING:
    from game.ui.app import Context


class Scene:
    """One screen. Subclasses set `dirty` whenever what they show has changed."""

    overlay = False  # draw the scene below too (pause menu)
    name = "scene"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dirty = True
        self.hover: str | None = None  # id of the button under the pointer
        # Seconds on top of the stack, counted by the app before each `update`; a screen
        # may start it again (practice does, for each card).
        self.shown_for = 0.0

    def track_pointer(self, event: pygame.event.Event,
                      buttons: list[Button]) -> tuple[bool, Button | None]:
        """Hover highlight and left clicks over `buttons`: (was a pointer event, clicked)."""
        if event.type == pygame.MOUSEMOTION:
            hovered = button_at(buttons, event.pos)
            new = hovered.id if hovered else None
            if new != self.hover:
                self.hover = new
                self.dirty = True
            return True, None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return True, button_at(buttons, event.pos)
        return False, None

    @property
    def animating(self) -> bool:
        """True while something moves, so the app ticks at 60 fps instead of idling."""
        return False

    def on_enter(self) -> None:
        self.dirty = True

    def on_exit(self) -> None:
        """Called when the scene leaves the stack (popped or replaced)."""

    def on_resume(self) -> None:
        """Called when the scene above it was popped."""
        self.dirty = True

    def release(self) -> None:
        """Let go of what outlives the window (party mode's server and its thread): called
        for every scene still on the stack when the game, a tour or a test closes."""

    def suspend(self) -> None:
        """Note on the match in progress where this screen stopped (time on a question, the
        pairs on a board), because the match is being left and may be resumed later."""

    def handle(self, event: pygame.event.Event) -> bool:
        return False

    def receive(self, message: object) -> bool:
        """A message from the inbox (another thread's news, e.g. a phone's answer); True if
        this scene took it. Scenes that take none leave it for the scene below."""
        return False

    def update(self, dt: float) -> None:
        """Advance timers; `dt` in seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """Events a demo player would send now (the `--autoplay` mode); empty = wait."""
        return []


class SceneStack:
    def __init__(self) -> None:
        self.scenes: list[Scene] = []
        self._pending: list[Callable[[], None]] = []

    def release(self) -> None:
        """Every scene on the stack lets go of what outlives the window (`Scene.release`)."""
        for scene in self.scenes:
            scene.release()

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        self._pending.append(lambda: self._push(scene))

    def pop(self) -> None:
        self._pending.append(self._pop)

    def replace(self, scene: Scene) -> None:
        self._pending.append(lambda: (self._pop(resume=False), self._push(scene)))

    def reset(self, scene: Scene) -> None:
        """Clear the whole stack and show `scene` (back to the title)."""
        def apply() -> None:
            while self.scenes:
                self._pop(resume=False)
            self._push(scene)
        self._pending.append(apply)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def apply_pending(self) -> bool:
        """Apply queued changes; True if the stack changed."""
        changed = bool(self._pending)
        while self._pending:
            self._pending.pop(0)()
        return changed

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top one and any it overlays."""
        shown: list[Scene] = []
        for scene in reversed(self.scenes):
            shown.append(scene)
            if not scene.overlay:
                break
        return list(reversed(shown))

    def _push(self, scene: Scene) -> None:
        self.scenes.append(scene)
        scene.on_enter()

    def _pop(self, resume: bool = True) -> None:
        if self.scenes:
            self.scenes.pop().on_exit()
        if resume and self.scenes:
            self.scenes[-1].on_resume()
