"""THE loop: the window, the clock, the scene stack, and drawing only when something changed.

`App.step(events, dt)` is one frame and is what tests drive; `App.run()` feeds it real events
and real time. This module is the only caller of `display.set_mode`, `event.get`,
`clock.tick` and `display.flip`.
"""

from __future__ import annotations

import os
import queue
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game import paths
from game.core.deck import Deck
from game.core.deck_caches import DeckCaches, settle
from game.core.library import DeckLibrary
from game.core.settings import Settings
from game.core.store import Store, load_settings, save_settings
from game.ui.scenes.base import Scene, SceneStack
from game.ui.sound import Sound, create_sound
from game.ui.text import TextRenderer
from game.ui.theme import PALETTES, Theme
from game.ui.warm_up import WarmUp
from game.ui.window import move_window, window_position

if TYPE_CHECKING:  # the rules of a match load when one starts, not with the title screen
    from game.core.records import MatchRecord
    from game.core.session import Match

ACTIVE_FPS = 60
IDLE_FPS = 12
MIN_SIZE = (800, 600)
AUTOPLAY_PAUSE = (0.35, 0.9)  # seconds a demo player waits between inputs


@dataclass(frozen=True)
class LaunchOptions:
    """What the command line asked for."""

    deck_path: Path
    deck_keys: tuple[str, ...] = ()  # the decks played (library keys); () = just deck_path
    mode: str = "classic"
    players: tuple[str, ...] = ()
    rounds: int | None = None
    questions: int | None = None
    seed: int | None = None
    size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    frames: int | None = None
    autoplay: bool = False
    daily: bool = False
    port: int | None = None  # party mode: where phones connect (None: the usual port)
    bind: str = "0.0.0.0"
    expect: int | None = None  # party autoplay: start once this many players joined


@dataclass
class Context:
    """Everything a scene may use: the deck, the player's files, sound, text and theme."""

    options: LaunchOptions
    deck: Deck
    home: Path
    store: Store
    settings: Settings
    sound: Sound
    text: TextRenderer
    theme: Theme
    scenes: SceneStack = field(default_factory=SceneStack)
    warnings: list[str] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random)
    hangul_names: dict[str, str] = field(default_factory=dict)
    match: Match | None = None  # the match in progress, kept while the player visits the title
    resumable: MatchRecord | None = None  # a match left unfinished at an earlier launch
    deck_keys: tuple[str, ...] = ()  # the decks merged into `deck` (see game.core.library)
    library: DeckLibrary = field(default_factory=lambda: DeckLibrary(paths.deck_cache_dir()))
    caches: DeckCaches = field(default_factory=DeckCaches)  # built once per deck choice
    warm_up: WarmUp = field(default_factory=WarmUp)  # fills `caches` while the title is up
    # Messages from other threads (party mode's network answers), drained by `App.step`.
    inbox: queue.SimpleQueue[object] = field(default_factory=queue.SimpleQueue)
    running: bool = True
    set_fullscreen: Callable[[bool], None] = lambda _on: None  # the App puts its own here

    def save_settings(self, settings: Settings) -> None:
        """Save the settings and apply them at once: sound, volume, fullscreen, look."""
        previous, self.settings = self.settings, settings
        if not self.store.read_only:  # a read-only folder has said once that nothing is saved
            self.store.warn(save_settings(self.home, settings))
        self.sound.set_muted(not settings.sound)
        self.sound.set_volume(settings.volume)
        if settings.fullscreen != previous.fullscreen:
            self.set_fullscreen(settings.fullscreen)  # retheme follows through the resize
        elif (settings.palette, settings.text_size) != (previous.palette, previous.text_size):
            self.retheme(self.theme.width, self.theme.height)
        for scene in self.scenes.scenes:
            scene.dirty = True

    def play_decks(self, keys: Sequence[str]) -> list[str]:
        """Play these decks from now on (merged), and remember the choice. Returns why any of
        them was left out; with none playable the default deck is played."""
        from game.core.library import select

        selection = select(keys, paths.data_dir(), self.library, deck_key(paths.default_deck()))
        self.deck = selection.deck
        self.deck_keys = selection.keys
        self.hangul_names = hangul_names(self.deck)
        self.caches.clear()
        self.save_settings(self.settings.with_value("decks", selection.keys))
        return list(selection.warnings)

    def toggle_sound(self) -> None:
        """M: sound off or on, remembered like the setting it is."""
        self.save_settings(self.settings.with_value("sound", not self.settings.sound))

    def retheme(self, width: int, height: int) -> None:
        self.theme = Theme(width, height, PALETTES[self.settings.palette],
                           self.settings.text_size == "large")
        self.text.clear()
        for scene in self.scenes.scenes:
            scene.dirty = True

    def quit(self) -> None:
        self.running = False

    def ask_to_quit(self) -> None:
        """Quit, asking first when a match is in progress (closing the window, title Quit)."""
        from game.ui.scenes import navigation  # it imports this module

        navigation.ask_to_quit(self)

    def label_for(self, name: str) -> str:
        """A name with its Hangul beside it when the player asked for that."""
        hangul = self.hangul_names.get(name) if self.settings.show_hangul else None
        return f"{name} · {hangul}" if hangul else name


def hangul_names(deck: Deck) -> dict[str, str]:
    """Title, character and actor names mapped to their Hangul, where the deck gives one."""
    names: dict[str, str] = {}
    for drama in deck.dramas:
        if drama.hangul:
            names[drama.title] = drama.hangul
    for _drama, _couple, person in deck.people():
        if person.hangul:
            names[person.character] = person.hangul
        if person.actor_hangul:
            names[person.actor] = person.actor_hangul
    return names


def deck_key(path: Path) -> str:
    """How the deck library names the deck file at `path`."""
    from game.core.library import source_for

    return source_for(str(path), paths.data_dir()).key


# SDL otherwise puts a GL renderer behind the window surface. With no GPU (Xvfb, remote
# desktops) that is Mesa's llvmpipe: ~100 MB of LLVM mapped in and CPU spent on every flip.
# A game that redraws only on change is served best by the plain framebuffer.
FRAMEBUFFER_HINT = ("SDL_FRAMEBUFFER_ACCELERATION", "0")


class App:
    def __init__(self, options: LaunchOptions, deck: Deck, home: Path) -> None:
        os.environ.setdefault(*FRAMEBUFFER_HINT)
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("K-Drama Couples Quiz")
        settings, warnings = load_settings(home)
        self._windowed_size = options.size
        self._windowed_position: tuple[int, int] | None = None
        fullscreen = options.fullscreen or settings.fullscreen
        surface = self._open_window(options.size, fullscreen)
        pygame.key.set_repeat(400, 40)
        store = Store(home)
        store.warn(warnings)
        self.ctx = Context(
            options=options,
            deck=deck,
            home=home,
            store=store,
            settings=settings,
            sound=create_sound(True, settings.volume),
            text=TextRenderer(),
            theme=Theme(*surface.get_size(), PALETTES[settings.palette],
                        settings.text_size == "large"),
            warnings=store.warnings,  # one list: the store's collector
            rng=random.Random(options.seed),
            hangul_names=hangul_names(deck),
            deck_keys=options.deck_keys or (deck_key(options.deck_path),),
        )
        self.ctx.sound.set_muted(not settings.sound)
        self.ctx.set_fullscreen = self.set_fullscreen
        settle(deck)  # a big deck lives as long as the game: out of the collector's sight
        self.frames = 0
        self.frame_ms: deque[float] = deque(maxlen=4000)
        self._auto_rng = random.Random(options.seed)
        self._auto_wait = 0.0
        self._force_draw = True

    # -- window ---------------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        if surface.get_size() != size:  # some drivers keep the fullscreen size on the way back
            surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        return surface

    @property
    def fullscreen(self) -> bool:
        surface = pygame.display.get_surface()
        return bool(surface.get_flags() & pygame.FULLSCREEN)

    def set_fullscreen(self, on: bool) -> None:
        if on == self.fullscreen:
            return
        if on:  # remember the window, and go fullscreen from the corner (see game.ui.window)
            self._windowed_size = pygame.display.get_surface().get_size()
            self._windowed_position = window_position()
            move_window((0, 0))
        surface = self._open_window(self._windowed_size, on)
        if not on and self._windowed_position is not None:
            move_window(self._windowed_position)
        self._resized(surface.get_size())

    def toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.fullscreen)

    def _resize_to(self, size: tuple[int, int]) -> None:
        surface = pygame.display.get_surface()
        wanted = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if surface.get_size() != wanted and not self.fullscreen:
            surface = self._open_window(wanted, False)
        self._resized(surface.get_size())

    def _resized(self, size: tuple[int, int]) -> None:
        self.ctx.retheme(*size)
        self._force_draw = True

    # -- the frame -------------------------------------------------------------------------
    def start(self, scene: Scene) -> None:
        self.ctx.scenes.push(scene)
        self.ctx.scenes.apply_pending()

    @property
    def scene(self) -> Scene | None:
        return self.ctx.scenes.top

    @property
    def animating(self) -> bool:
        top = self.scene
        return top is not None and (top.animating or self.ctx.options.autoplay)

    def step(self, events: list[pygame.event.Event], dt: float) -> None:
        """One frame: route input to the top scene, update it, draw if anything changed."""
        self._deliver_messages()
        if self.ctx.options.autoplay:
            events = [*events, *self._autoplay_events(dt)]
        for event in events:
            self._route(event)
            if self.ctx.scenes.has_pending:
                break  # the rest of this frame's input belonged to the old screen
        top = self.scene
        if top is not None and not self.ctx.scenes.has_pending:
            top.shown_for += dt
            top.update(dt)
        if self.ctx.scenes.apply_pending():
            self._force_draw = True
        if not self.ctx.scenes.scenes:
            self.ctx.quit()
            return
        self._draw_if_needed()
        self.frames += 1

    def _deliver_messages(self) -> None:
        """Hand each message waiting in the inbox to the topmost scene that takes it (a pause
        menu over a party question lets it through); a message nobody takes is dropped."""
        while True:
            try:
                message = self.ctx.inbox.get_nowait()
            except queue.Empty:
                return
            for scene in reversed(self.ctx.scenes.scenes):
                if scene.receive(message):
                    break

    def _route(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.ctx.ask_to_quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self._resize_to((event.w, event.h))
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            self._resize_to((event.x, event.y))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED):
            self._force_draw = True
            return
        top = self.scene
        if top is not None and top.handle(event):
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
            elif event.key == pygame.K_m:
                self.ctx.toggle_sound()

    def _autoplay_events(self, dt: float) -> list[pygame.event.Event]:
        self._auto_wait -= dt
        top = self.scene
        if self._auto_wait > 0 or top is None or self.ctx.scenes.has_pending:
            return []
        events = top.autoplay(self._auto_rng)
        if events:
            self._auto_wait = self._auto_rng.uniform(*AUTOPLAY_PAUSE)
        return events

    def _draw_if_needed(self) -> None:
        visible = self.ctx.scenes.visible()
        if not (self._force_draw or any(scene.dirty for scene in visible)):
            return
        started = time.perf_counter()
        surface = pygame.display.get_surface()
        self.ctx.text.placed.clear()
        for scene in visible:
            scene.draw(surface)
            scene.dirty = False
        pygame.display.flip()
        self.frame_ms.append((time.perf_counter() - started) * 1000)
        self._force_draw = False

    def run(self, seconds: float | None = None) -> int:
        """The real loop; stops on quit, after `--frames`, or after `seconds` (benchmarks)."""
        clock = pygame.time.Clock()
        limit = self.ctx.options.frames
        deadline = None if seconds is None else time.perf_counter() + seconds
        dt = 0.0
        while self.ctx.running:
            self.step(pygame.event.get(), dt)  # the first frame is drawn at once, not a tick later
            if limit is not None and self.frames >= limit:
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            dt = clock.tick(ACTIVE_FPS if self.animating else IDLE_FPS) / 1000
        return 0
