"""The question screen: prompt, four answers with their keys, countdown, turn and score."""

from __future__ import annotations

import random

import pygame

from game.core.questions import Kind
from game.core.session import Match
from game.ui.chrome import button_grid, draw_background, draw_footer, draw_header
from game.ui.events import ANSWER_KEYS as DEMO_KEYS
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, draw_button, draw_panel

ANSWER_KEYS = {
    pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3,
    pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3,
    pygame.K_a: 0, pygame.K_b: 1, pygame.K_c: 2, pygame.K_d: 3,
}
KEY_HINTS = ("1 A", "2 B", "3 C", "4 D")
TICK_SECONDS = 5  # the countdown ticks audibly in its last seconds
BAR_STEPS_PER_SECOND = 8  # the bar is redrawn this often, not every frame
SAVE_TIME_EVERY = 2.0  # seconds between saves of the time spent on a question (one tiny write)


class QuestionScene(Scene):
    name = "question"

    def __init__(self, ctx, match: Match) -> None:
        super().__init__(ctx)
        self.match = match
        self.question = match.current_question
        self.player = match.current_player
        self.elapsed = match.time_used  # time already spent before a pause or a restart
        self._turn = (match.round_no, match.turn_index)
        self._saved_at = int(self.elapsed / SAVE_TIME_EVERY)
        self.removed: tuple[int, ...] = match.removed  # a 50/50 used before a pause
        self.buttons: list[Button] = []
        self._bar_step = -1
        self._last_tick = None
        self._auto_delay: float | None = None

    @property
    def time_limit(self) -> float | None:
        return self.match.time_limit

    @property
    def animating(self) -> bool:
        return self.time_limit is not None

    @property
    def remaining(self) -> float | None:
        return None if self.time_limit is None else max(0.0, self.time_limit - self.elapsed)

    def answer(self, chosen: int | None) -> None:
        from game.ui.scenes import navigation
        from game.ui.scenes.feedback import FeedbackScene

        turn = self.match.answer(chosen, self.elapsed, halved=bool(self.removed))
        navigation.save_answer(self.ctx, self.match)
        self.ctx.sound.play("right" if turn.correct else "wrong")
        self.ctx.scenes.replace(FeedbackScene(self.ctx, self.match, turn, self.removed))

    def suspend(self) -> None:
        if (self.match.round_no, self.match.turn_index) == self._turn:  # not answered yet
            self.match.time_used = self.elapsed

    def on_exit(self) -> None:
        self.suspend()

    def use_lifeline(self) -> None:
        if self.removed or not self.match.lifeline_available(self.player):
            return
        self.removed = tuple(self.match.use_lifeline())
        self.ctx.sound.play("select")
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in ANSWER_KEYS:
                index = ANSWER_KEYS[event.key]
                if index < len(self.question.options) and index not in self.removed:
                    self.answer(index)
                return True
            if event.key in (pygame.K_l, pygame.K_5):
                self.use_lifeline()
                return True
            if event.key == pygame.K_ESCAPE:
                from game.ui.scenes.pause import PauseScene

                self.ctx.scenes.push(PauseScene(self.ctx))
                return True
            return False
        pointer, clicked = self.track_pointer(event, self.buttons)
        if clicked is not None and clicked.id == "lifeline":
            self.use_lifeline()
        elif clicked is not None:
            self.answer(int(clicked.id))
        return pointer

    def update(self, dt: float) -> None:
        self.elapsed += dt
        remaining = self.remaining
        if remaining is None:
            return
        if remaining <= 0:
            self.answer(None)
            return
        if int(self.elapsed / SAVE_TIME_EVERY) != self._saved_at:
            self._saved_at = int(self.elapsed / SAVE_TIME_EVERY)
            self.ctx.store.save_pause(self.match.id, self.elapsed)  # a crash gives no free time
        step = int(self.elapsed * BAR_STEPS_PER_SECOND)
        if step != self._bar_step:
            self._bar_step = step
            self.dirty = True
        whole = int(remaining) + 1
        if whole <= TICK_SECONDS and whole != self._last_tick:
            self._last_tick = whole
            self.ctx.sound.play("tick")

    def _layout(self, surface: pygame.Surface) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """Header body, the prompt panel and the answer area for this window size."""
        theme = self.ctx.theme
        match = self.match
        standings = {s.name: s.total for s in match.standings()}
        turn_text = f"{self.player}'s turn" if len(match.players) > 1 else self.player
        body = draw_header(
            surface, self.ctx,
            f"Round {match.round_no}/{match.rounds} · Question {match.turn_index + 1}/"
            f"{match.turns_in_round}",
            turn_text,
            f"{standings.get(self.player, 0):,} points",
        )
        footer = draw_footer(surface, self.ctx, "1–4 or A–D answer · L 50/50 (halves points) · "
                             "Esc pause · M sound · F11 fullscreen")
        bar_h = max(8, theme.gap)
        prompt_top = body.top + bar_h + theme.gap
        answers_h = int((footer.top - prompt_top) * 0.58)
        prompt = pygame.Rect(body.left, prompt_top, body.width,
                             footer.top - prompt_top - answers_h - theme.gap * 2)
        answers = pygame.Rect(body.left, prompt.bottom + theme.gap, body.width, answers_h)
        return body, prompt, answers

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        body, prompt, answers = self._layout(surface)
        bar = pygame.Rect(body.left, body.top, body.width, max(8, theme.gap))
        pygame.draw.rect(surface, pal.panel, bar, border_radius=bar.height // 2)
        if self.time_limit is not None:
            fraction = (self.remaining or 0.0) / self.time_limit
            colour = pal.timer_low if (self.remaining or 0) <= TICK_SECONDS else pal.timer
            fill = bar.copy()
            fill.width = int(bar.width * fraction)
            pygame.draw.rect(surface, colour, fill, border_radius=bar.height // 2)
        draw_panel(surface, theme, prompt)
        tiny = theme.font_px("tiny")
        kind_box = pygame.Rect(prompt.left + theme.gap, prompt.top + theme.gap // 2,
                               prompt.width - theme.gap * 2, text.line_height(tiny))
        seconds = "" if self.remaining is None else f" · {int(self.remaining) + 1} s"
        text.draw(surface, f"{self.question.kind.upper()} QUESTION{seconds}", kind_box,
                  theme.font_px("tiny"), pal.muted, align="left")
        inner = pygame.Rect(prompt.left + theme.margin, kind_box.bottom,
                            prompt.width - theme.margin * 2,
                            prompt.bottom - kind_box.bottom - theme.gap)
        text.draw(surface, self.question.prompt, inner, theme.font_px("heading"), pal.text,
                  bold=True)
        options = self.question.options
        lifeline_h = text.line_height(theme.font_px("small")) + theme.gap
        grid_area = pygame.Rect(answers.left, answers.top, answers.width,
                                answers.height - lifeline_h - theme.gap)
        columns = 2 if surface.get_width() >= surface.get_height() else 1
        rects = button_grid(grid_area, len(options), columns, theme.gap)
        self.buttons = []
        # A Hangul question asks which name the Hangul spells: showing it would answer it.
        plain = self.question.kind == Kind.HANGUL
        for index, (option, rect) in enumerate(zip(options, rects, strict=True)):
            label = option if plain else ctx.label_for(option)
            button = Button(str(index), label, rect, key_hint=KEY_HINTS[index],
                            enabled=index not in self.removed)
            self.buttons.append(button)
            draw_button(surface, theme, text, button, hovered=self.hover == button.id)
        available = self.match.lifeline_available(self.player) and not self.removed
        label = "50/50 used: points halved" if self.removed else "50/50 lifeline (L)"
        lifeline = Button("lifeline", label, pygame.Rect(answers.left, grid_area.bottom +
                          theme.gap, min(answers.width, int(360 * theme.scale)), lifeline_h),
                          enabled=available)
        self.buttons.append(lifeline)
        draw_button(surface, theme, text, lifeline, role="small")

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """Answer after a short think, right about three times in four."""
        if self._auto_delay is None:
            self._auto_delay = rng.uniform(0.4, 2.0)
        if self.elapsed < self._auto_delay:
            return []
        choices = [i for i in range(len(self.question.options)) if i not in self.removed]
        wrong = [i for i in choices if i != self.question.answer]
        pick = self.question.answer if rng.random() < 0.75 or not wrong else rng.choice(wrong)
        return [key(DEMO_KEYS[pick])]
