"""A party question on the big screen: the prompt, the countdown, four coloured options
with the keys and pad buttons that pick them, and how many have answered."""

from __future__ import annotations

import math

import pygame

from game.ui.chrome import button_grid, draw_background, draw_footer, draw_header
from game.ui.scenes.party_base import OPTION_COLOURS, OPTION_SHAPES, PartyScene, option_keys
from game.ui.widgets import draw_panel

BAR_STEPS_PER_SECOND = 8
END_CONFIRM_SECONDS = 3.0


class PartyQuestionScene(PartyScene):
    name = "party-question"
    phase = "question"

    def __init__(self, ctx, host, seats) -> None:
        super().__init__(ctx, host, seats)
        self.elapsed = 0.0
        self._bar_step = -1
        self._end_armed = 0.0  # seconds left to press Esc again and end the game
        match = host.match
        assert match is not None and match.current_question is not None
        self.question = match.current_question

    @property
    def animating(self) -> bool:
        return not self.host.paused

    @property
    def remaining(self) -> float:
        return max(0.0, self.host.time_limit - self.elapsed)

    def elapsed_for_answers(self) -> float | None:
        return min(self.elapsed, self.host.time_limit)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            if event.key == pygame.K_k:
                self.host.time_up()
                return True
            if event.key == pygame.K_p:
                self.host.toggle_pause()
                self.dirty = True
                return True
            if event.key == pygame.K_ESCAPE:
                if self._end_armed > 0:
                    self.host.end()
                else:
                    self._end_armed = END_CONFIRM_SECONDS
                    self.dirty = True
                return True
        return super().handle(event)

    def update(self, dt: float) -> None:
        if self._end_armed > 0:
            self._end_armed = max(0.0, self._end_armed - dt)
            if self._end_armed == 0:
                self.dirty = True
        if not self.host.paused and self.host.phase == "question":
            self.elapsed += dt
            if self.elapsed >= self.host.time_limit:
                self.host.time_up()
            step = int(self.elapsed * BAR_STEPS_PER_SECOND)
            if step != self._bar_step:
                self._bar_step = step
                self.dirty = True
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        host, match = self.host, self.host.match
        assert match is not None
        draw_background(surface, ctx)
        waiting = len(host.waiting_for())
        answering = len(match.answering)
        body = draw_header(
            surface,
            ctx,
            f"Round {match.round_no}/{match.rounds} · Question "
            f"{match.turn_index + 1}/{match.turns_in_round}",
            f"{answering - waiting}/{answering} answered",
            f"{math.ceil(self.remaining)} s",
        )
        if self._end_armed > 0:
            hint = "Press Esc again to end the game and show the podium"
        else:
            hint = (
                "Keys: 1–4 · Q–R · A–F · Z–V · pads: A B X Y · phones: tap · "
                "K skip · P pause · F2 players · Esc end"
            )
        footer = draw_footer(surface, ctx, hint)
        bar = pygame.Rect(body.left, body.top, body.width, max(8, theme.gap))
        pygame.draw.rect(surface, pal.panel, bar, border_radius=bar.height // 2)
        fill = bar.copy()
        fill.width = int(bar.width * self.remaining / host.time_limit)
        colour = pal.timer_low if self.remaining <= 5 else pal.timer
        pygame.draw.rect(surface, colour, fill, border_radius=bar.height // 2)
        top = bar.bottom + theme.gap
        options_h = int((footer.top - top) * 0.55)
        prompt = pygame.Rect(
            body.left, top, body.width, footer.top - top - options_h - theme.gap * 2
        )
        draw_panel(surface, theme, prompt)
        title = "PAUSED · P to go on" if host.paused else self.question.prompt
        text.draw(
            surface,
            title,
            prompt.inflate(-theme.margin * 2, -theme.gap),
            theme.font_px("heading"),
            pal.warning if host.paused else pal.text,
            bold=True,
        )
        area = pygame.Rect(body.left, prompt.bottom + theme.gap, body.width, options_h)
        columns = 2 if surface.get_width() >= surface.get_height() else 1
        rects = button_grid(area, len(self.question.options), columns, theme.gap)
        for index, (option, rect) in enumerate(zip(self.question.options, rects, strict=True)):
            draw_option(self, surface, rect, index, ctx.label_for(option), option_keys(index))


def draw_option(
    scene: PartyScene,
    surface: pygame.Surface,
    rect: pygame.Rect,
    index: int,
    label: str,
    under: str,
    fill=None,
) -> None:
    """A coloured tile: shape, option text, and a small line below (keys, or a count)."""
    theme, text = scene.ctx.theme, scene.ctx.text
    pygame.draw.rect(surface, fill or OPTION_COLOURS[index], rect, border_radius=theme.radius)
    inner = rect.inflate(-theme.gap * 2, -theme.gap)
    small = theme.font_px("tiny")
    small_h = text.line_height(small)
    shape_w = text.line_height(theme.font_px("heading"))
    shape = pygame.Rect(inner.left, inner.top, shape_w, inner.height - small_h)
    text.draw(surface, OPTION_SHAPES[index], shape, theme.font_px("heading"), (255, 255, 255))
    main = pygame.Rect(
        shape.right + theme.gap,
        inner.top,
        inner.right - shape.right - theme.gap,
        inner.height - small_h,
    )
    text.draw(
        surface,
        label,
        main,
        theme.font_px("button"),
        (255, 255, 255),
        bold=True,
        align="left",
        min_px=10,
    )
    text.draw(
        surface,
        under,
        pygame.Rect(inner.left, inner.bottom - small_h, inner.width, small_h),
        small,
        (240, 240, 240),
        align="right",
        min_px=9,
    )
