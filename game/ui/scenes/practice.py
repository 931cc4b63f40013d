"""Practising actor names: flashcards scheduled by FSRS, typed (a Korean IME works) or chosen.

The order of the cards is the practice session's business (game.core.practice); this screen
shows a card, takes the answer and the time it took, says how it went and saves the schedule
after every answer, so closing the window mid-sitting loses nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pygame

from game.core.gradual import Steps
from game.core.practice import (
    Card,
    CardState,
    PracticeSession,
    Progress,
    is_due_today,
    progress_json,
)
from game.core.practice_answers import ACTOR_NAMES, CHARACTER_NAMES, CHOOSER, Choices
from game.core.scheduler import TOP_LEVEL, Rating, local_day, rate, utc_now
from game.ui.chrome import button_grid, draw_background, draw_footer, draw_header
from game.ui.events import key, text
from game.ui.scenes.base import Scene
from game.ui.text import TextRenderer
from game.ui.theme import RIGHT_MARK, WRONG_MARK
from game.ui.widgets import Button, TextBox, draw_button, draw_panel, draw_text_box

# The directions the player can cycle through with F4: what the cards ask for, and its name.
DIRECTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("actor",), "Character → actor"),
    (("character",), "Actor → character"),
    (("actor", "character"), "Both ways"),
)
CHOICE_KEYS = {
    pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3,
    pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3,
    pygame.K_a: 0, pygame.K_b: 1, pygame.K_c: 2, pygame.K_d: 3,
}
CHOICE_HINTS = ("1 A", "2 B", "3 C", "4 D")
SUBMIT_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
NEXT_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
MAX_TYPED = 60
AUTOPLAY_RIGHT = 0.75  # how often the demo player knows the name
WARM_SLICE = 0.008  # seconds of a frame spent building a name index (a frame is 16.7 ms)
WARM_STEP = 0.002  # the same, as one step of the title's warm-up (it runs several a frame)

@dataclass(frozen=True)
class Outcome:
    """How an answer went, in the words the screen shows."""

    correct: bool
    headline: str
    detail: str
    chosen: int | None  # the option clicked in easy mode
    state: CardState
    rating: Rating
    seconds: float  # how long the card was up before the answer


def stack(area: pygame.Rect, heights: list[int], gap: int) -> list[pygame.Rect]:
    """Rects for rows of these heights from the top of `area`, squeezed to fit if need be."""
    room = area.height - gap * (len(heights) - 1)
    total = sum(heights)
    scale = min(1.0, room / total) if total else 1.0
    rects: list[pygame.Rect] = []
    y = area.top
    for height in heights:
        h = max(1, int(height * scale))
        rects.append(pygame.Rect(area.left, y, area.width, h))
        y += h + gap
    return rects


def fitted_height(text: TextRenderer, value: str, px: int, width: int) -> int:
    """How tall `value` is when wrapped to `width` at `px`, so a panel can hug its text."""
    return len(text.wrap(value, px, max(1, width))) * text.line_height(px)


def describe_due(due: datetime, now: datetime) -> str:
    """When a card is due, in local days: "today", "tomorrow", "in 3 days"."""
    days = (local_day(due) - local_day(now)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def prepare(ctx) -> Steps[None]:
    """What opening this screen builds from the deck, a step at a time (see game.ui.warm_up):
    the first direction's cards, then the name index that judges its typed answers, the
    biggest build of all (about half a second on a 10,000-couple deck)."""
    ctx.caches.shared_roles(ctx.deck)
    yield
    ctx.caches.cards(ctx.deck, DIRECTIONS[0][0])
    yield
    answers = ctx.caches.answers(ctx.deck)
    while not answers.warm(ACTOR_NAMES, WARM_STEP):
        yield


class PracticeScene(Scene):
    name = "practice"

    def __init__(self, ctx, *, now: datetime | None = None) -> None:
        super().__init__(ctx)
        # The clock answers are stamped with; a test fixes it.
        self.clock: Callable[[], datetime] = (lambda: now) if now is not None else utc_now
        seed = ctx.options.seed if ctx.options.seed is not None else ctx.rng.randrange(2**32)
        self.rng = random.Random(seed)
        self.answers = ctx.caches.answers(ctx.deck)
        before = len(ctx.store.warnings)
        stored = ctx.store.practice_states()
        self.progress, damaged = Progress.from_json(progress_json(stored))
        self.warnings: list[str] = []
        self._warn([*ctx.store.warnings[before:], *damaged])
        self.direction = 0
        self.easy = False
        self.extra = False  # extra review: every card, and the schedule is left alone
        self.reviewed = 0
        self.right = 0
        self.box = TextBox(max_length=MAX_TYPED)
        self.buttons: list[Button] = []
        self.card: Card | None = None
        self.card_state: CardState | None = None  # the card's schedule when it was shown
        self.choices: Choices | None = None
        self.outcome: Outcome | None = None
        self._auto_delay: float | None = None
        self._ambiguous = ctx.caches.shared_roles(ctx.deck)
        self.cards: list[Card] = []
        self.session: PracticeSession
        self._start()

    # -- setting up ----------------------------------------------------------------------
    def _start(self) -> None:
        """A new session for the chosen direction (and for extra review, if that is on)."""
        self.cards = self.ctx.caches.cards(self.ctx.deck, DIRECTIONS[self.direction][0])
        progress = Progress() if self.extra else self.progress
        self.session = PracticeSession(self.cards, progress, now=self.clock(),
                                       seed=self.rng.randrange(2**32))
        self._show_next()

    def _warn(self, messages: list[str]) -> None:
        for message in messages:
            if message not in self.warnings:
                self.warnings.append(message)
            if message not in self.ctx.warnings:
                self.ctx.warnings.append(message)
        self.dirty = True

    def _show_next(self) -> None:
        self.card = self.session.next_card()
        self.outcome = None
        self.box.value = ""
        self.box.composing = ""
        self.shown_for = 0.0
        self._auto_delay = None
        self.choices = None
        state = self.progress.state(self.card.id) if self.card is not None else None
        self.card_state = None if self.extra else state
        if self.card is not None and self.easy:
            self.choices = self.answers.choices(self.card, self.rng)
        self.dirty = True

    # -- scene life ----------------------------------------------------------------------
    def on_enter(self) -> None:
        super().on_enter()
        pygame.key.start_text_input()

    def on_resume(self) -> None:
        super().on_resume()
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    @property
    def typing(self) -> bool:
        """The answer box is taking keys: keys then belong to it, not to the global shortcuts."""
        return self.card is not None and self.outcome is None and not self.easy

    @property
    def direction_name(self) -> str:
        return DIRECTIONS[self.direction][1]

    # -- actions -------------------------------------------------------------------------
    def toggle_easy(self) -> None:
        self.easy = not self.easy
        if self.card is not None and self.outcome is None:
            self.choices = self.answers.choices(self.card, self.rng) if self.easy else None
        self.ctx.sound.play("select")
        self.dirty = True

    def next_direction(self) -> None:
        self.direction = (self.direction + 1) % len(DIRECTIONS)
        self.ctx.sound.play("select")
        self._start()

    def practise_anyway(self) -> None:
        """Go through every card once more without touching the schedule."""
        self.extra = True
        self.ctx.sound.play("select")
        self._start()

    def open_mastery(self) -> None:
        from game.ui.scenes.mastery import MasteryScene

        self.ctx.sound.play("select")
        self.ctx.scenes.push(MasteryScene(self.ctx, self.cards, self.progress, self.clock(),
                                          self.session.scheduler))

    def back(self) -> None:
        self.ctx.scenes.pop()

    def submit(self) -> None:
        """Judge what is in the box; an empty box is not an answer."""
        if not self.typing or self.card is None:
            return
        typed = (self.box.value + self.box.composing).strip()
        self.box.value, self.box.composing = typed, ""
        if not typed:
            return
        verdict = self.answers.judge(self.card, typed)
        answer = self.ctx.label_for(self.card.answer)
        if verdict.accepted and verdict.exact:
            self._record(True, f"{RIGHT_MARK} Right", "")
        elif verdict.accepted:
            message = verdict.message[:1].upper() + verdict.message[1:]
            self._record(True, f"{RIGHT_MARK} {message}", "", exact=False)
        else:
            detail = "" if verdict.message.startswith("Not quite") else verdict.message
            self._record(False, f"{WRONG_MARK} Not quite — it is {answer}", detail)

    def choose(self, index: int) -> None:
        if self.card is None or self.outcome is not None or self.choices is None:
            return
        if index >= len(self.choices.options):
            return
        if index == self.choices.answer:
            self._record(True, f"{RIGHT_MARK} Right", "", chosen=index)
        else:
            answer = self.ctx.label_for(self.card.answer)
            self._record(False, f"{WRONG_MARK} Not quite — it is {answer}", "", chosen=index)

    def reveal(self) -> None:
        """"I don't know": show the answer, and count the card as missed."""
        if self.card is None or self.outcome is not None:
            return
        self._record(False, f"{WRONG_MARK} It is {self.ctx.label_for(self.card.answer)}", "")

    def _record(self, correct: bool, headline: str, detail: str,
                chosen: int | None = None, *, exact: bool = True) -> None:
        """Rate the answer from right-or-wrong and the seconds the card was up, schedule it."""
        assert self.card is not None
        rating = rate(correct, self.shown_for, learning=self.session.learning(self.card),
                      exact=exact, chosen=chosen is not None)
        state = self.session.review(self.card, rating, now=self.clock())
        self.reviewed += 1
        self.right += int(correct)
        if not self.extra:
            before = len(self.ctx.store.warnings)
            self.ctx.store.save_review(self.card.id, state.to_json(), state.due)
            self._warn(self.ctx.store.warnings[before:])
        self.ctx.sound.play("right" if correct else "wrong")
        self.outcome = Outcome(correct, headline, detail, chosen, state, rating,
                               self.shown_for)
        self.shown_for = 0.0
        self.dirty = True

    def go_on(self) -> None:
        if self.outcome is not None:
            self._show_next()

    def press(self, button_id: str) -> None:
        actions = {
            "easy": self.toggle_easy, "direction": self.next_direction,
            "mastery": self.open_mastery, "back": self.back, "check": self.submit,
            "reveal": self.reveal, "next": self.go_on, "extra": self.practise_anyway,
        }
        if button_id.startswith("option"):
            self.choose(int(button_id.removeprefix("option")))
        else:
            actions[button_id]()

    # -- input ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            if self.typing:
                self.box.handle(event)
                self.dirty = True
            return True
        pointer, clicked = self.track_pointer(event, self.buttons)
        if clicked is not None:
            self.press(clicked.id)
        if pointer:
            return True
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        shortcuts = {
            pygame.K_ESCAPE: self.back, pygame.K_F2: self.toggle_easy,
            pygame.K_F3: self.open_mastery, pygame.K_F4: self.next_direction,
        }
        if event.key in shortcuts:
            shortcuts[event.key]()
            return True
        if event.key == pygame.K_F11:
            return False  # fullscreen stays the app's, even while typing
        if self.card is None:
            if event.key in (pygame.K_1, pygame.K_KP1, *SUBMIT_KEYS):
                self.practise_anyway()
                return True
            if event.key in (pygame.K_2, pygame.K_KP2):
                self.open_mastery()
                return True
            return False
        if self.outcome is not None:
            if event.key in NEXT_KEYS:
                self.go_on()
                return True
            return False
        if event.key == pygame.K_F5:
            self.reveal()
            return True
        if self.easy:
            if event.key in CHOICE_KEYS:
                self.choose(CHOICE_KEYS[event.key])
                return True
            return False
        if event.key in SUBMIT_KEYS:
            self.submit()
        elif self.box.handle(event):
            self.dirty = True
        return True  # every other key is typing: M types an m, it does not mute

    def update(self, dt: float) -> None:
        index = self._index_wanted()
        if index is not None:
            self.answers.warm(index, WARM_SLICE)

    def _index_wanted(self) -> str | None:
        """The name index this card's answer needs, built a slice a frame while the player
        reads the card, not when they press Enter: on a 10,000-couple deck it takes about
        half a second, once per choice of decks (it is kept in `ctx.caches`). While reading
        how it went, easy mode's options get ready the same way."""
        if self.typing and self.card is not None:
            return ACTOR_NAMES if self.card.direction == "actor" else CHARACTER_NAMES
        if self.outcome is not None:
            return CHOOSER
        return None

    @property
    def animating(self) -> bool:
        """Full speed while an index is being built, so it is ready in about a second."""
        index = self._index_wanted()
        return index is not None and not self.answers.ready(index)

    # -- drawing -------------------------------------------------------------------------
    def _header_texts(self) -> tuple[str, str, str]:
        mode = "Extra review" if self.extra else "Practice"
        left = "Due left" if not self.extra else "Left"
        return (f"{mode} · {self.direction_name}",
                f"Reviewed {self.reviewed} · Right {self.right}",
                f"{left} {self.session.remaining}")

    def _footer_text(self) -> str:
        if self.card is None:
            return "1 or Enter practise anyway · 2 mastery · Esc back · M sound · F11 fullscreen"
        if self.outcome is not None:
            return ("Enter or Space next card · F2 easy mode · F3 mastery · F4 direction · "
                    "Esc back · M sound")
        if self.easy:
            return ("1–4 or A–D choose · F5 show answer · F2 type instead · F3 mastery · "
                    "F4 direction · Esc back · M sound")
        return ("Type the name (any usual spelling, or Hangul) and press Enter · F5 show "
                "answer · F2 choose from four · F3 mastery · F4 direction · Esc back")

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        draw_background(surface, ctx)
        body = draw_header(surface, ctx, *self._header_texts())
        footer = draw_footer(surface, ctx, self._footer_text())
        top = body.top
        if self.warnings:
            px = theme.font_px("tiny")
            shown = self.warnings[-2:]
            warn = pygame.Rect(body.left, top, body.width,
                               (text.line_height(px) + 2) * len(shown) * 2)
            text.draw(surface, "\n".join(f"! {w}" for w in shown), warn, px,
                      theme.palette.warning, align="left", min_px=9)
            top = warn.bottom + theme.gap
        toolbar = self._toolbar(pygame.Rect(body.left, top, body.width, footer.top - top))
        area = pygame.Rect(body.left, top, body.width, toolbar.top - theme.gap - top)
        self.buttons = []
        if self.card is None:
            self._draw_done(surface, area)
        else:
            self._draw_card(surface, area, self.card)
        self.buttons += self._toolbar_buttons(toolbar)
        for button in self.buttons:
            role = "button" if button.id.startswith("option") else "small"
            draw_button(surface, theme, text, button, hovered=button.id == self.hover, role=role)

    def _toolbar(self, space: pygame.Rect) -> pygame.Rect:
        """The row (two rows in a narrow window) of mode buttons above the footer."""
        theme, text = self.ctx.theme, self.ctx.text
        row_h = text.line_height(theme.font_px("small")) + theme.gap
        rows = 1 if space.width >= 40 * theme.font_px("small") else 2
        height = row_h * rows + theme.gap * (rows - 1)
        return pygame.Rect(space.left, space.bottom - theme.gap - height, space.width, height)

    def _toolbar_buttons(self, toolbar: pygame.Rect) -> list[Button]:
        theme = self.ctx.theme
        rows = 2 if toolbar.height > 2 * (self.ctx.text.line_height(theme.font_px("small"))
                                          + theme.gap) else 1
        easy_label = "Type the name instead" if self.easy else "Easy: choose from four"
        entries = [("easy", easy_label, "F2"), ("direction", self.direction_name, "F4"),
                   ("mastery", "Mastery", "F3"), ("back", "Back to title", "Esc")]
        rects = button_grid(toolbar, len(entries), 4 // rows, theme.gap)
        return [Button(bid, label, rect, key_hint=hint)
                for (bid, label, hint), rect in zip(entries, rects, strict=True)]

    def _draw_card(self, surface: pygame.Surface, area: pygame.Rect, card: Card) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        prompt = pygame.Rect(area.left, area.top, area.width, int(area.height * 0.4))
        self._draw_prompt(surface, prompt, card)
        rest = pygame.Rect(area.left, prompt.bottom + theme.gap, area.width,
                           area.bottom - prompt.bottom - theme.gap)
        if self.easy and self.choices is not None:
            columns = 2 if surface.get_width() >= surface.get_height() else 1
            rows = -(-len(self.choices.options) // columns)
            row_h = text.line_height(theme.font_px("button")) + theme.gap * 2
            grid_h = min(int(rest.height * 0.5), rows * row_h + (rows - 1) * theme.gap)
            grid = pygame.Rect(rest.left, rest.top, rest.width, grid_h)
            self._option_buttons(grid, columns)
            if self.outcome is None:
                reveal_h = text.line_height(theme.font_px("small")) + theme.gap
                reveal = pygame.Rect(rest.left, grid.bottom + theme.gap,
                                     min(rest.width, int(300 * theme.scale)), reveal_h)
                self.buttons.append(Button("reveal", "Show answer", reveal, key_hint="F5"))
        else:
            input_h = text.line_height(theme.font_px("body")) + theme.gap * 2
            grid = pygame.Rect(rest.left, rest.top, rest.width, min(input_h, rest.height // 3))
            self._draw_input(surface, grid)
        below = pygame.Rect(rest.left, grid.bottom + theme.gap, rest.width,
                            rest.bottom - grid.bottom - theme.gap)
        if self.outcome is not None:
            self._draw_outcome(surface, below, card, self.outcome)
        elif not self.easy:
            hint = (
                "Any usual spelling counts, and so does Hangul; a small typo is forgiven, "
                "another name is not. Not sure? F5 shows the answer."
            )
            box = pygame.Rect(below.left, below.top, below.width,
                              min(below.height, text.line_height(theme.font_px("small")) * 2))
            text.draw(surface, hint, box, theme.font_px("small"), theme.palette.muted,
                      align="left", valign="top")

    def _draw_prompt(self, surface: pygame.Surface, panel: pygame.Rect, card: Card) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.gap * 2)
        known = self.card_state
        box = "new card" if known is None else (
            f"level {known.level} of {TOP_LEVEL} · recall "
            f"{self._recall(known)}%")
        if card.direction == "actor":
            kind, ask, name = "WHO PLAYS THIS CHARACTER?", "Type the actor's name", card.character
            description = card.description
        else:
            kind, ask, name = "WHOM DOES THIS ACTOR PLAY?", "Type the character's name", card.actor
            shared = (card.drama_id, card.actor) in self._ambiguous
            description = f"the one who is {card.description}" if shared else ""
        tiny, heading = theme.font_px("tiny"), theme.font_px("heading")
        body, small = theme.font_px("body"), theme.font_px("small")
        heights = [text.line_height(tiny), text.line_height(heading, True),
                   text.line_height(body), text.line_height(small) * 2]
        kind_box, name_box, drama_box, desc_box = stack(inner, heights, theme.gap // 2)
        text.draw(surface, f"{kind} · {box}", kind_box, tiny, pal.muted, align="left")
        text.draw(surface, ctx.label_for(name), name_box, heading, pal.text, bold=True)
        text.draw(surface, f"in {ctx.label_for(card.drama_title)}", drama_box, body, pal.accent)
        if description:
            text.draw(surface, description, desc_box, small, pal.muted)
        elif self.outcome is None and not self.easy:
            text.draw(surface, ask, desc_box, small, pal.muted)

    def _draw_input(self, surface: pygame.Surface, row: pygame.Rect) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        asking = self.outcome is None
        buttons_w = int(row.width * 0.42) if asking else 0
        field = pygame.Rect(row.left, row.top, row.width - buttons_w - (theme.gap if asking
                            else 0), row.height)
        draw_text_box(surface, theme, text, self.box, field, focused=asking,
                      placeholder="Type the name here…")
        if asking:
            pygame.key.set_text_input_rect(field)  # the IME's candidate list goes beside it
            side = pygame.Rect(field.right + theme.gap, row.top, buttons_w, row.height)
            check, reveal = button_grid(side, 2, 2, theme.gap)
            self.buttons += [Button("check", "Check", check, key_hint="Enter"),
                             Button("reveal", "Show answer", reveal, key_hint="F5")]

    def _option_buttons(self, grid: pygame.Rect, columns: int) -> None:
        assert self.choices is not None
        pal = self.ctx.theme.palette
        rects = button_grid(grid, len(self.choices.options), columns, self.ctx.theme.gap)
        for index, (option, rect) in enumerate(zip(self.choices.options, rects, strict=True)):
            mark, fill = "", None
            if self.outcome is not None and index == self.choices.answer:
                mark, fill = RIGHT_MARK, pal.right
            elif self.outcome is not None and index == self.outcome.chosen:
                mark, fill = WRONG_MARK, pal.wrong
            self.buttons.append(Button(f"option{index}", self.ctx.label_for(option), rect,
                                       key_hint=CHOICE_HINTS[index], mark=mark, fill=fill,
                                       enabled=self.outcome is None or bool(mark)))

    def _draw_outcome(self, surface: pygame.Surface, area: pygame.Rect, card: Card,
                      outcome: Outcome) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        heading = theme.font_px("heading")
        band_h = min(text.line_height(heading, True) + theme.gap, area.height // 2)
        next_w = min(int(area.width * 0.3), int(300 * theme.scale))
        band = pygame.Rect(area.left, area.top, area.width - next_w - theme.gap, band_h)
        pygame.draw.rect(surface, pal.right if outcome.correct else pal.wrong, band,
                         border_radius=theme.radius)
        text.draw(surface, outcome.headline, band.inflate(-theme.gap * 2, -theme.gap // 2),
                  heading, pal.text, bold=True)
        self.buttons.append(Button("next", "Next card", pygame.Rect(
            band.right + theme.gap, band.top, next_w, band_h), key_hint="Enter"))
        lines = [outcome.detail] if outcome.detail else []
        lines.append(f"{ctx.label_for(card.actor)} plays {ctx.label_for(card.character)}, "
                     f"{card.description}, in {ctx.label_for(card.drama_title)}.")
        lines.append(self._schedule_line(outcome))
        small = theme.font_px("small")
        wanted = fitted_height(text, "\n".join(lines), small, area.width - theme.margin)
        panel = pygame.Rect(area.left, band.bottom + theme.gap, area.width,
                            min(wanted + theme.gap * 2, area.bottom - band.bottom - theme.gap))
        if panel.height < text.line_height(theme.font_px("tiny")):
            return
        draw_panel(surface, theme, panel)
        text.draw(surface, "\n".join(lines), panel.inflate(-theme.margin, -theme.gap), small,
                  pal.text, align="left", min_px=9)

    def _schedule_line(self, outcome: Outcome) -> str:
        if self.extra:
            return "Extra review: your schedule is not changed."
        if not outcome.correct:
            return "Rated Again: it comes back after a few other cards."
        state = outcome.state
        when = describe_due(state.due, self.clock())
        return (f"Rated {outcome.rating.name.capitalize()} ({outcome.seconds:.0f} s): "
                f"level {state.level} of {TOP_LEVEL}, next due {when}.")

    def _recall(self, state: CardState) -> int:
        """The chance of recalling the card now, as a whole percentage."""
        return round(self.session.scheduler.retrievability(state, self.clock()) * 100)

    def _draw_done(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        heading, body = theme.font_px("heading"), theme.font_px("body")
        title = "Extra review done" if self.extra else "Nothing due — done for today!"
        title = f"{RIGHT_MARK} {title}"
        lines = []
        if self.reviewed:
            lines.append(f"This sitting: {self.reviewed} reviewed, {self.right} right.")
        lines.append(self._next_due_line())
        lines.append("Practise anyway for an extra review that leaves your schedule as it is, "
                     "or see how well you know each name.")
        message = "\n".join(lines)
        width = area.width - theme.margin * 2
        head_h = fitted_height(text, title, heading, width)
        body_h = fitted_height(text, message, body, width)
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        buttons_h = button_h * 2 + theme.gap
        panel_h = min(head_h + body_h + theme.gap * 3, area.height - buttons_h - theme.gap)
        panel = pygame.Rect(area.left, area.top, area.width, max(0, panel_h))
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.gap * 2)
        head_box, rest = stack(inner, [head_h, body_h], theme.gap)
        text.draw(surface, title, head_box, heading, pal.right, bold=True)
        text.draw(surface, message, rest, body, pal.text)
        width = min(area.width, int(520 * theme.scale))
        left = area.centerx - width // 2
        entries = [("extra", "Practise anyway (extra review)", "1"),
                   ("mastery", "See mastery", "2")]
        for index, (bid, label, hint) in enumerate(entries):
            rect = pygame.Rect(left, panel.bottom + theme.gap + index * (button_h + theme.gap),
                               width, button_h)
            self.buttons.append(Button(bid, label, rect, key_hint=hint))

    def _next_due_line(self) -> str:
        states = [s for card in self.cards if (s := self.progress.state(card.id)) is not None]
        now = self.clock()
        upcoming = [s.due for s in states if not is_due_today(s, now)]
        if not upcoming:
            return "Every card is due again now."
        first = min(upcoming)
        day = local_day(first)
        soon = sum(1 for s in states if not is_due_today(s, now) and local_day(s.due) == day)
        cards = "card is" if soon == 1 else "cards are"
        return (f"The next {soon} {cards} due {describe_due(first, now)} "
                f"({day.strftime('%a %d %b')}).")

    # -- demo ----------------------------------------------------------------------------
    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """Think for a moment, then answer: right about three times in four."""
        if self.card is None:
            return [key(pygame.K_ESCAPE)]
        if self.outcome is not None:
            return [key(pygame.K_RETURN)] if self.shown_for >= 0.6 else []
        if self._auto_delay is None:
            self._auto_delay = rng.uniform(0.4, 1.5)
        if self.shown_for < self._auto_delay:
            return []
        knows = rng.random() < AUTOPLAY_RIGHT
        if self.easy and self.choices is not None:
            wrong = [i for i in range(len(self.choices.options)) if i != self.choices.answer]
            pick = self.choices.answer if knows or not wrong else rng.choice(wrong)
            return [key((pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)[pick])]
        guess = self.card.answer
        if not knows:
            others = [c.answer for c in self.cards if c.answer != self.card.answer]
            guess = rng.choice(others) if others else guess[::-1]
        return [*(text(ch) for ch in guess), key(pygame.K_RETURN)]
