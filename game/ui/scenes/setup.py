"""Player setup: one to four hot-seat players, names typed (IME-friendly) and remembered.

The same limits as the command line (`game.core.limits`): a box takes no 25th character, a
character the fonts cannot draw is left out with a word why, and an empty or repeated name
stops the start with a visible message.
"""

from __future__ import annotations

import random

import pygame

from game.core import limits
from game.core.gradual import Steps
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import key
from game.ui.scenes.base import Scene
from game.ui.theme import WRONG_MARK
from game.ui.widgets import Button, TextBox, draw_button, draw_text_box

MODE_TITLES = {"classic": "Trivia match", "board": "Match the couples", "daily": "Daily challenge"}


UNSHOWABLE = "The game's font cannot show that character, so it was left out."
HOW_TO_PLAY = {  # after "1 to 4 players"
    "classic": "take turns at one keyboard, question by question.",
    "board": "take turns at one keyboard, one whole board each, against the clock.",
}


def prepare(ctx) -> Steps[None]:
    """What opening this screen builds: the question index that says how many questions the
    deck can deal (see game.ui.warm_up)."""
    from game.core.questions import prepare as prepare_questions

    settings = ctx.settings
    yield from prepare_questions(ctx.deck, settings.difficulty, frozenset(settings.hidden_dramas))


class SetupScene(Scene):
    name = "setup"

    def __init__(self, ctx, mode: str = "classic") -> None:
        super().__init__(ctx)
        self.mode = mode
        remembered = list(ctx.options.players) or ctx.store.last_players() or ["Player 1"]
        self.most = limits.max_players(mode)
        self.boxes = [self._box(n) for n in remembered[: self.most]]
        self.boxes[0].select_all()  # typing replaces the name shown: no "Player 1Jisoo"
        self.focus = 0  # index over boxes, then the buttons
        self.error = ""
        self.buttons = [
            Button("add", "Add player", key_hint="F2"),
            Button("remove", "Remove last", key_hint="F3"),
            Button("start", "Start", key_hint="F5"),
        ]
        self._box_rects: list[pygame.Rect] = []
        self._capacity: dict[tuple, int] = {}

    @staticmethod
    def _box(name: str) -> TextBox:
        return TextBox(value=name[: limits.NAME_MAX], max_length=limits.NAME_MAX)

    def _move_focus(self, index: int) -> None:
        """Focus another box or button; a box tabbed into has its name selected."""
        self.focus = index % self._focus_count()
        for box in self.boxes:
            box.selected = False
        if self.focus < len(self.boxes):
            self.boxes[self.focus].select_all()

    def _type(self, event: pygame.event.Event) -> None:
        """Text for the focused box, less any character the fonts would draw as a box."""
        missing = self.ctx.text.missing_glyphs(event.text) if event.text else ""
        self.error = UNSHOWABLE if missing else ""
        if missing:
            kept = "".join(ch for ch in event.text if ch not in missing)
            if not kept:
                return
            event = pygame.event.Event(event.type, {**event.dict, "text": kept})
        self.boxes[self.focus].handle(event)

    def problem(self) -> str:
        """Why these names cannot start a match (shown on screen), or ""."""
        problem = limits.names_problem(self.names, self.mode)
        if problem:
            return problem
        if any(self.ctx.text.missing_glyphs(name) for name in self.names):
            return "A name has a character the game's font cannot show; please retype it."
        return ""

    def questions_dealt(self) -> tuple[int, str]:
        """Questions per player per round for these players, and "" or, when the deck holds
        fewer than asked for, the sentence that says so."""
        settings = self.ctx.settings
        wanted = self.ctx.options.questions or settings.questions_per_round
        key = (len(self.boxes), wanted, settings.difficulty, settings.hidden_dramas)
        if key not in self._capacity:
            self._capacity[key] = limits.deal_capacity(
                self.ctx.deck,
                len(self.boxes),
                wanted,
                difficulty=settings.difficulty,
                hidden_dramas=frozenset(settings.hidden_dramas),
            )
        most = self._capacity[key]
        return most, "" if most >= wanted else limits.capacity_sentence(most, len(self.boxes))

    def on_enter(self) -> None:
        super().on_enter()
        pygame.key.start_text_input()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    @property
    def names(self) -> list[str]:
        return [box.value.strip() for box in self.boxes]

    def _focus_count(self) -> int:
        return len(self.boxes) + len(self.buttons)

    def _press(self, button_id: str) -> None:
        if button_id == "add" and len(self.boxes) < self.most:
            self.boxes.append(self._box(f"Player {len(self.boxes) + 1}"))
            self._move_focus(len(self.boxes) - 1)
        elif button_id == "remove" and len(self.boxes) > 1:
            self.boxes.pop()
            self._move_focus(min(self.focus, len(self.boxes) - 1))
        elif button_id == "start":
            self.error = self.problem()
            if not self.error:
                from game.ui.scenes import navigation

                self.ctx.store.remember_players(self.names)
                navigation.start_match(self.ctx, self.names, self.mode)
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        in_box = self.focus < len(self.boxes)
        if in_box and event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            self._type(event)
            self.dirty = True
            return True
        pointer, clicked = self.track_pointer(event, self.buttons)
        if clicked:
            self._press(clicked.id)
        if pointer and event.type == pygame.MOUSEBUTTONDOWN:
            for index, box_rect in enumerate(self._box_rects):
                if box_rect.collidepoint(event.pos):
                    self._move_focus(index)
                    self.boxes[index].selected = False  # a click puts the cursor at the end
                    self.dirty = True
        if pointer:
            return True
        if event.type != pygame.KEYDOWN:
            return False
        self.dirty = True
        shortcuts = {pygame.K_F2: "add", pygame.K_F3: "remove", pygame.K_F5: "start"}
        if event.key in shortcuts:
            self._press(shortcuts[event.key])
        elif event.key == pygame.K_ESCAPE:
            self.ctx.scenes.pop()
        elif event.key in (pygame.K_TAB, pygame.K_DOWN):
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self._move_focus(self.focus + step)
        elif event.key == pygame.K_UP:
            self._move_focus(self.focus - 1)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if in_box:
                self._press("start")
            else:
                self._press(self.buttons[self.focus - len(self.boxes)].id)
        elif in_box:
            self.boxes[self.focus].handle(event)
        return True  # typing letters must never trigger global keys such as M (mute)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        settings = ctx.settings
        rounds = ctx.options.rounds or settings.rounds
        turns = HOW_TO_PLAY.get(self.mode, "take turns at one keyboard.")
        how = f"1 to {self.most} players {turns}"
        if self.mode == "board":
            summary = f"{plural(rounds, 'board round')} · {settings.difficulty}"
        else:
            questions, short = self.questions_dealt()
            timer = f"{settings.timer_seconds} s timer" if settings.timer_seconds else "no timer"
            summary = f"{plural(rounds, 'round')} × {questions} · {timer} · {settings.difficulty}"
            if short:
                how += f" {short[0].upper()}{short[1:]}."
        body = draw_header(
            surface, ctx, MODE_TITLES.get(self.mode, "Match"), "Who is playing?", summary
        )
        footer = draw_footer(
            surface,
            ctx,
            "Type a name · Tab/↑↓ move · Enter starts · F2 add player · F3 remove · Esc back",
        )
        px = theme.font_px("body")
        row_h = text.line_height(px) + theme.gap * 2
        width = min(body.width, int(700 * theme.scale))
        left = body.centerx - width // 2
        y = body.top + theme.gap
        hint = pygame.Rect(left, y, width, text.line_height(theme.font_px("small")) * 2)
        text.draw(surface, how, hint, theme.font_px("small"), pal.muted)
        y = hint.bottom + theme.gap
        self._box_rects = []
        label_w = int(width * 0.22)
        for index, box in enumerate(self.boxes):
            label = pygame.Rect(left, y, label_w, row_h)
            text.draw(
                surface,
                f"Player {index + 1}",
                label,
                theme.font_px("small"),
                pal.muted,
                align="left",
            )
            rect = pygame.Rect(left + label_w, y, width - label_w, row_h)
            self._box_rects.append(rect)
            draw_text_box(
                surface,
                theme,
                text,
                box,
                rect,
                focused=index == self.focus,
                placeholder="Type a name",
            )
            y += row_h + theme.gap
        error_box = pygame.Rect(left, y, width, text.line_height(theme.font_px("small")))
        if self.error:
            text.draw(
                surface, f"{WRONG_MARK} {self.error}", error_box, theme.font_px("small"), pal.wrong
            )
        y = error_box.bottom + theme.gap
        button_h = min(row_h + theme.gap, footer.top - theme.gap - y)
        third = (width - theme.gap * 2) // 3
        for index, button in enumerate(self.buttons):
            button.rect = pygame.Rect(left + index * (third + theme.gap), y, third, button_h)
            button.enabled = not (
                (button.id == "add" and len(self.boxes) >= self.most)
                or (button.id == "remove" and len(self.boxes) <= 1)
            )
            draw_button(
                surface,
                theme,
                text,
                button,
                hovered=button.id == self.hover,
                focused=self.focus == len(self.boxes) + index,
                role="small",
            )

    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        return [key(pygame.K_F5)]
