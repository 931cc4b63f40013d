"""The "Match the couples" board: a board round of a match, each player in turn.

Cards are paired by clicking one then the other, by dragging one onto the other, or with
the keyboard (arrows/Tab to move, Enter to pick). A right pair locks in with a line, a
colour and a ✓; a wrong one shakes and adds seconds to the clock. The rules (boards,
verdicts, clock, points, best times) live in game.core.board; this screen only shows them.

Flow of one round: for each player still without a score, a "ready" card (so the clock only
starts when they sit down), their boards one after another, then a "done" card with points
and time; after the last player, navigation.round_finished.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import pygame

from game.core.board import (
    CHAIN,
    PENALTY_SECONDS,
    BestTime,
    Board,
    BoardRun,
    BoardScore,
    Item,
    Verdict,
    build_boards,
    format_clock,
    record_key,
    variant_for,
)
from game.core.session import Match
from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer, draw_header
from game.ui.events import click, drag, key
from game.ui.scenes.base import Scene
from game.ui.theme import RIGHT_MARK, WRONG_MARK, Colour
from game.ui.widgets import Button, draw_button, draw_panel

if TYPE_CHECKING:
    from game.ui.app import App, Context

READY, PLAYING, CLEARED, DONE = "ready", "playing", "cleared", "done"
CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
SHAKE_SECONDS = 0.45
SHAKE_WIGGLES = 5  # left-right swings during one shake
CLEARED_SECONDS = 1.2  # the "board cleared" note before the next board; the clock is stopped
NOTE_SECONDS = 1.5  # how long "+5 s" stays beside the clock
DRAG_START_PX = 6  # a press that moves further than this is a drag, not a click
AUTOPLAY_WRONG = 0.2  # the demo player's share of wrong pairs

VARIANT_NAMES = {"couples": "couples → dramas", CHAIN: "hard: character → partner → drama"}
VARIANT_HELP = {
    "couples": "Match each couple to their drama. A drama with two couples takes both.",
    CHAIN: "Hard variant: link each character to their partner, then the partner to their "
           "drama.",
}
COLUMN_HEADS = {"couples": ("Couple", "Drama"), CHAIN: ("Character", "Partner", "Drama")}
PLAY_HINT = ("Click a card, then its match (or drag one onto the other) · ←↑↓→ Tab move · "
             "Enter pick · right-click drops · Esc pause")


def _all(couples: int) -> str:
    return "the one couple" if couples == 1 else f"all {couples} couples"


class BoardScene(Scene):
    name = "board"

    def __init__(self, ctx: Context, match: Match) -> None:
        super().__init__(ctx)
        self.match = match
        self.variant = variant_for(ctx.settings.difficulty)
        self.record_key = record_key(ctx.deck.title, self.variant)
        self.best: BestTime | None = ctx.store.best_time(self.record_key)
        # Players without a score this round: all of them, or fewer when a match left from
        # the pause menu comes back to this round.
        self.waiting = [r.name for r in match.round_results() if r.answered == 0]
        self._seed = ctx.rng.randrange(2**32)
        self.state = READY
        saved = match.board_state
        if saved and saved.get("round") == match.round_no and self.waiting \
                and saved.get("player") == self.waiting[0] and isinstance(saved.get("seed"), int):
            self._seed = saved["seed"]  # the same boards as before the pause...
        self.run = self._new_run()
        if saved and self._seed == saved.get("seed"):
            self.run.restore(saved.get("run"))  # ...with the pairs already made
        self.rects: dict[str, pygame.Rect] = {}
        self.button = Button("go", "Ready", key_hint="Enter")
        self.selected: str | None = None
        self.hover: str | None = None
        self.focus = (0, 0)  # (column, row) of the keyboard cursor
        self.keyboard = False  # the cursor is drawn once the keyboard is used
        self.pressed: str | None = None  # card under a held mouse button
        self._press_pos = (0, 0)
        self.drag_pos: tuple[int, int] | None = None
        self.shaking: dict[str, float] = {}
        self.message = ""
        self.message_role = "muted"
        self.note_for = 0.0
        self.cleared_for = 0.0
        self.score: BoardScore | None = None
        self.new_best = False
        self.previous_best: BestTime | None = None
        self._shown_second = -1
        self._colours: dict[frozenset[str], Colour] = {}  # per right link, set by each draw
        self._idle = 0.0  # seconds on the current card or pair, for the demo player

    # -- state ---------------------------------------------------------------------------------
    @property
    def player(self) -> str:
        return self.waiting[0]

    @property
    def board(self) -> Board:
        return self.run.current.board

    @property
    def animating(self) -> bool:
        return bool(self.shaking) or self.drag_pos is not None

    def _new_run(self) -> BoardRun:
        """Each player gets the same couples, shuffled differently."""
        seat = self.match.players.index(self.player)
        return BoardRun(build_boards(self.ctx.deck, self.variant, self._seed + seat))

    def _reset_input(self) -> None:
        self.rects = {}  # the next draw lays out the new board; no clicks on the old one
        self.selected = self.pressed = self.drag_pos = self.hover = None
        self.shaking = {}
        self.focus = (0, 0)
        self.message, self.message_role = "", "muted"
        self._idle = 0.0

    def _go_on(self) -> None:
        """Enter on a card: start playing, skip the cleared note, or hand over."""
        from game.ui.scenes import navigation

        self.ctx.sound.play("select")
        if self.state == READY:
            self.state = PLAYING
            self._reset_input()
        elif self.state == CLEARED:
            self._next_board()
        elif self.state == DONE:
            self.waiting.pop(0)
            if not self.waiting:
                navigation.round_finished(self.ctx, self.match)
                return
            self.run = self._new_run()
            self.state = READY
            self._idle = 0.0
        self.dirty = True

    def _next_board(self) -> None:
        self.run.next_board()
        self.state = PLAYING
        self._reset_input()

    def _board_cleared(self) -> None:
        if self.run.index + 1 < len(self.run.boards):
            self.state = CLEARED
            self.cleared_for = CLEARED_SECONDS
            return
        self.run.next_board()
        self._finish_player()

    def suspend(self) -> None:
        if self.state in (READY, PLAYING, CLEARED) and self.waiting:
            self.match.board_state = {"round": self.match.round_no, "player": self.player,
                                      "seed": self._seed, "run": self.run.to_json()}

    def on_exit(self) -> None:
        self.suspend()

    def _finish_player(self) -> None:
        from game.ui.scenes import navigation

        run = self.run
        self.score = run.score()
        self.match.add_round_score(self.player, self.score.total, correct=run.right,
                                   answered=run.right + run.wrong)
        self.match.board_state = None
        navigation.save_progress(self.ctx, self.match)
        self.previous_best = self.best
        self.new_best = self.ctx.store.record_time(self.record_key, run.seconds, self.player)
        if self.new_best:
            self.best = self.ctx.store.best_time(self.record_key)
        self.state = DONE
        self._reset_input()

    @property
    def last_player(self) -> bool:
        return len(self.waiting) <= 1

    # -- pairing -------------------------------------------------------------------------------
    def pick(self, item_id: str) -> None:
        """A card chosen by click or Enter: select it, drop it, or pair it with the selection."""
        progress = self.run.current
        self.dirty = True
        if not progress.is_open(item_id):
            self.message, self.message_role = f"{RIGHT_MARK} That card is already matched", "muted"
            return
        if self.selected is None or self.selected == item_id:
            self.selected = None if self.selected == item_id else item_id
            self.ctx.sound.play("select")
            return
        self.pair(self.selected, item_id)

    def pair(self, first: str, second: str) -> Verdict:
        progress = self.run.current
        verdict = progress.attempt(first, second)
        self.selected = None
        self._idle = 0.0
        self.dirty = True
        a, b = self.board.item(first), self.board.item(second)
        if verdict is Verdict.RIGHT:
            self.ctx.sound.play("right")
            self.message, self.message_role = f"{RIGHT_MARK} {a.label} — {b.label}", "right"
            self._move_focus_off_closed()
            if progress.done:
                self._board_cleared()
        elif verdict is Verdict.WRONG:
            self.ctx.sound.play("wrong")
            self.shaking = {first: SHAKE_SECONDS, second: SHAKE_SECONDS}
            self.note_for = NOTE_SECONDS
            self.message = f"{WRONG_MARK} {a.label} and {b.label} do not go together"
            self.message_role = "wrong"
        else:
            self.selected = second
            self.message_role = "muted"
            self.message = {
                Verdict.SAME_COLUMN: "",
                Verdict.NOT_NEIGHBOURS: "Link neighbouring columns: character → partner, "
                                        "partner → drama",
                Verdict.FULL: "That side of the card is already matched",
            }[verdict]
        return verdict

    # -- keyboard ------------------------------------------------------------------------------
    def _open_rows(self, column: int) -> list[int]:
        items = self.board.columns[column]
        return [row for row, item in enumerate(items) if self.run.current.is_open(item.id)]

    def _focus_item(self) -> Item:
        column, row = self.focus
        return self.board.columns[column][row]

    def _move_focus(self, event: pygame.event.Event) -> bool:
        column, row = self.focus
        columns = len(self.board.columns)
        back = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_TAB:
            order = [(c, r) for c in range(columns) for r in self._open_rows(c)]
            if not order:
                return True
            ahead = [spot for spot in order if (spot < self.focus if back else spot > self.focus)]
            self.focus = (ahead[-1] if back else ahead[0]) if ahead else order[-1 if back else 0]
            return True
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            rows = self._open_rows(column)
            step = -1 if event.key == pygame.K_UP else 1
            further = [r for r in rows if (r - row) * step > 0]
            if further:
                self.focus = (column, min(further, key=lambda r: abs(r - row)))
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            target = column + (-1 if event.key == pygame.K_LEFT else 1)
            if 0 <= target < columns and self._open_rows(target):
                self.focus = (target, self._nearest_row(target))
            return True
        return False

    def _nearest_row(self, column: int) -> int:
        """The open card in `column` closest in height to the cursor's card."""
        rows = self._open_rows(column)
        if not self.rects:  # not drawn yet
            return rows[0]
        here = self.rects[self._focus_item().id].centery
        items = self.board.columns[column]
        return min(rows, key=lambda r: abs(self.rects[items[r].id].centery - here))

    def _move_focus_off_closed(self) -> None:
        column, _ = self.focus
        if self.run.current.done or self.run.current.is_open(self._focus_item().id):
            return
        for target in (column, *range(len(self.board.columns))):
            if self._open_rows(target):
                self.focus = (target, self._nearest_row(target))
                return

    # -- input ---------------------------------------------------------------------------------
    def _pause(self) -> None:
        from game.ui.scenes.pause import PauseScene

        self.pressed = self.drag_pos = None
        self.ctx.scenes.push(PauseScene(self.ctx))

    def card_at(self, pos: tuple[int, int]) -> str | None:
        for item_id, rect in self.rects.items():
            if rect.collidepoint(pos):
                return item_id
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEMOTION:
            self._motion(event.pos)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN:
            self._press(event.pos, event.button)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._release(event.pos)
            return True
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            if self.state == DONE and self.last_player:
                self._go_on()  # the scores are in: pausing here would leave the round open
            else:
                self._pause()
            return True
        if self.state != PLAYING:
            if event.key in CONTINUE_KEYS:
                self._go_on()
                return True
            return False
        if self._move_focus(event):
            self.keyboard = True
            self.dirty = True
            return True
        if event.key in CONTINUE_KEYS:
            self.keyboard = True
            self.pick(self._focus_item().id)
            return True
        return False

    def _motion(self, pos: tuple[int, int]) -> None:
        if self.pressed is not None and self.drag_pos is None:
            dx, dy = pos[0] - self._press_pos[0], pos[1] - self._press_pos[1]
            if dx * dx + dy * dy > DRAG_START_PX * DRAG_START_PX:
                self.drag_pos = pos
        if self.drag_pos is not None:
            self.drag_pos = pos
            self.dirty = True
        hovered = self.card_at(pos) if self.state == PLAYING else None
        if self.state != PLAYING and self.button.hit(pos):
            hovered = self.button.id
        if hovered != self.hover or self.keyboard:
            self.hover, self.keyboard = hovered, False
            self.dirty = True

    def _press(self, pos: tuple[int, int], button: int) -> None:
        if button == 3 and self.selected is not None:  # right-click puts the card back
            self.selected = None
            self.dirty = True
            return
        if button != 1:
            return
        if self.state != PLAYING:
            if self.state == CLEARED or self.button.hit(pos):
                self._go_on()
            return
        card = self.card_at(pos)
        if card is not None:
            self.pressed, self._press_pos = card, pos

    def _release(self, pos: tuple[int, int]) -> None:
        pressed, dragged = self.pressed, self.drag_pos is not None
        self.pressed = self.drag_pos = None
        if pressed is None or self.state != PLAYING:
            return
        self.dirty = True
        if not dragged:
            self.pick(pressed)
            return
        target = self.card_at(pos)
        if target is None or target == pressed:
            return  # dropped on nothing: the drag is cancelled
        if not (self.run.current.is_open(pressed) and self.run.current.is_open(target)):
            self.message, self.message_role = f"{RIGHT_MARK} That card is already matched", "muted"
            return
        self.pair(pressed, target)

    # -- time ----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._idle += dt
        if self.state == PLAYING:
            self.run.current.tick(dt)
            second = int(self.run.seconds)
            if second != self._shown_second:
                self._shown_second = second
                self.dirty = True
        if self.shaking:
            self.shaking = {k: left - dt for k, left in self.shaking.items() if left > dt}
            self.dirty = True
        if self.note_for > 0:
            self.note_for -= dt
            self.dirty = self.dirty or self.note_for <= 0
        if self.state == CLEARED:
            self.cleared_for -= dt
            if self.cleared_for <= 0:
                self._next_board()
                self.dirty = True

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme = self.ctx, self.ctx.theme
        draw_background(surface, ctx)
        board_no = f" · Board {self.run.index + 1}/{len(self.run.boards)}"
        best = f"best {format_clock(self.best.seconds)}" if self.best else "no best time yet"
        body = draw_header(
            surface, ctx,
            f"Round {self.match.round_no}/{self.match.rounds}"
            f"{board_no if self.state in (PLAYING, CLEARED) else ''}",
            f"{self.player}: {VARIANT_NAMES[self.variant]}", best,
        )
        if self.state == PLAYING:
            hint = PLAY_HINT
        elif self.state == DONE and self.last_player:
            hint = "Enter or Esc: round summary · M sound · F11 fullscreen"
        else:
            hint = "Enter or click to go on · Esc pause · M sound · F11 fullscreen"
        footer = draw_footer(surface, ctx, hint)
        area = pygame.Rect(body.left, body.top, body.width, footer.top - theme.gap - body.top)
        if self.state in (PLAYING, CLEARED):
            self._draw_play(surface, area)
            if self.state == CLEARED:
                self._draw_cleared(surface, area)
        elif self.state == READY:
            self._draw_card(surface, area, f"{self.player}'s board — press Enter when ready",
                            self._ready_lines(), "Ready")
        else:
            self._draw_card(surface, area, self._done_title(), self._done_lines(),
                            "Round summary" if self.last_player
                            else f"Next: {self.waiting[1]}'s board")

    def _ready_lines(self) -> list[tuple[str, str]]:
        boards = len(self.run.boards)
        couples = self.run.couples
        lines = [
            (VARIANT_HELP[self.variant], "text"),
            (f"{plural(couples, 'couple')} on {plural(boards, 'board')}. Click one card "
             f"then its match, or drag it there. A wrong pair adds {PENALTY_SECONDS:g} s to "
             "the clock.", "muted"),
        ]
        if self.best:
            lines.append((f"Best time for this deck: {format_clock(self.best.seconds)} "
                          f"({self.best.player})", "muted"))
        else:
            lines.append(("No best time for this deck yet.", "muted"))
        return lines

    def _done_title(self) -> str:
        couples = self.run.couples
        if self.variant == CHAIN:
            return f"{RIGHT_MARK} {self.player}: {_all(couples)} linked to their dramas"
        return f"{RIGHT_MARK} {self.player}: {_all(couples)} matched"

    def _done_lines(self) -> list[tuple[str, str]]:
        score = self.score
        assert score is not None
        wrong = plural(score.wrong, "wrong pair")
        added = (f"{wrong}: +{score.wrong * PENALTY_SECONDS:g} s" if score.wrong
                 else "no wrong pairs")
        lines = [
            (f"Time {format_clock(score.seconds)} ({added})", "text"),
            (f"{score.total:,} points: {score.base:,} for {plural(score.right, 'pair')} + "
             f"{score.time_bonus:,} time bonus (par {format_clock(score.par)}) - "
             f"{score.penalty:,} for {wrong}", "text"),
        ]
        if self.new_best:
            was = (f" (was {format_clock(self.previous_best.seconds)})"
                   if self.previous_best else "")
            lines.append((f"★ new best! {format_clock(score.seconds)}{was}", "accent"))
        elif self.best:
            lines.append((f"best {format_clock(self.best.seconds)} ({self.best.player})",
                          "muted"))
        return lines

    def _colour(self, role: str) -> Colour:
        pal = self.ctx.theme.palette
        return {"text": pal.text, "muted": pal.muted, "accent": pal.accent, "right": pal.right,
                "wrong": pal.wrong}[role]

    def _draw_card(self, surface: pygame.Surface, area: pygame.Rect, title: str,
                   lines: list[tuple[str, str]], button_label: str) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        panel = pygame.Rect(0, 0, min(area.width, int(900 * theme.scale)), area.height)
        panel.centerx = area.centerx
        panel.top = area.top
        draw_panel(surface, theme, panel)
        inner = panel.inflate(-theme.margin * 2, -theme.margin)
        head_px = theme.font_px("heading")
        head = pygame.Rect(inner.left, inner.top, inner.width, text.line_height(head_px) * 2)
        text.draw(surface, title, head, head_px, theme.palette.text, bold=True)
        button_h = text.line_height(theme.font_px("button")) + theme.gap * 2
        self.button.label = button_label
        self.button.rect = pygame.Rect(0, inner.bottom - button_h,
                                       min(inner.width, int(460 * theme.scale)), button_h)
        self.button.rect.centerx = inner.centerx
        room = pygame.Rect(inner.left, head.bottom + theme.gap, inner.width,
                           self.button.rect.top - head.bottom - theme.gap * 2)
        body_px = theme.font_px("body")
        each = min(room.height // max(1, len(lines)), text.line_height(body_px) * 3)
        top = room.top + (room.height - each * len(lines)) // 2
        for index, (line, role) in enumerate(lines):
            box = pygame.Rect(room.left, top + index * each, room.width, each)
            text.draw(surface, line, box, body_px, self._colour(role),
                      bold=role == "accent")
        draw_button(surface, theme, text, self.button, hovered=self.hover == self.button.id)

    def _draw_cleared(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        panel = pygame.Rect(0, 0, min(area.width, int(640 * theme.scale)),
                            text.line_height(theme.font_px("heading")) * 2 + theme.margin)
        panel.center = area.center
        draw_panel(surface, theme, panel, edge=theme.palette.right, width=4)
        message = (f"{RIGHT_MARK} Board {self.run.index + 1} of {len(self.run.boards)} "
                   f"cleared · {format_clock(self.run.seconds)} so far\nNext board coming up…")
        text.draw(surface, message, panel.inflate(-theme.margin, -theme.gap),
                  theme.font_px("body"), theme.palette.text, bold=True)

    def _layout(self, area: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """Status line (message and clock), column heads, and the cards' area."""
        theme, text = self.ctx.theme, self.ctx.text
        status = pygame.Rect(area.left, area.top, area.width,
                             text.line_height(theme.font_px("body"), True))
        heads = pygame.Rect(area.left, status.bottom + theme.gap // 2, area.width,
                            text.line_height(theme.font_px("tiny")))
        cards = pygame.Rect(area.left, heads.bottom + theme.gap // 2, area.width,
                            area.bottom - heads.bottom - theme.gap // 2)
        return status, heads, cards

    def _card_rects(self, cards: pygame.Rect) -> tuple[list[pygame.Rect], dict[str, pygame.Rect]]:
        """Columns side by side with room for lines between; a drama with two couples is two
        rows tall, so every column has as many rows as the board has couples."""
        theme = self.ctx.theme
        count = len(self.board.columns)
        channel = max(theme.margin * 2, int(cards.width * (0.12 if count == 2 else 0.07)))
        width = (cards.width - channel * (count - 1)) // count
        rows = self.board.couples
        max_pitch = self.ctx.text.line_height(theme.font_px("button")) * 2 + theme.gap * 2
        pitch = min(cards.height // rows, max_pitch)
        top = cards.top + (cards.height - pitch * rows) // 2
        spacing = max(4, theme.gap // 2)
        lefts = [cards.left + c * (width + channel) for c in range(count)]
        rects = {}
        for column, items in enumerate(self.board.columns):
            row = 0
            for item in items:
                rects[item.id] = pygame.Rect(lefts[column], top + row * pitch, width,
                                             item.slots * pitch - spacing)
                row += item.slots
        columns = [pygame.Rect(left, cards.top, width, cards.height) for left in lefts]
        return columns, rects

    def _draw_play(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        status, heads, cards = self._layout(area)
        body_px = theme.font_px("body")
        clock = format_clock(self.run.seconds)
        clock_w = text.width("00:00", body_px, True) + theme.gap
        note_w = text.width(f"+{PENALTY_SECONDS:g} s", body_px, True) + theme.gap
        clock_box = pygame.Rect(status.right - clock_w, status.top, clock_w, status.height)
        text.draw(surface, clock, clock_box, body_px, pal.text, bold=True, align="right")
        if self.note_for > 0:
            note_box = pygame.Rect(clock_box.left - note_w, status.top, note_w, status.height)
            text.draw(surface, f"+{PENALTY_SECONDS:g} s", note_box, body_px, pal.wrong,
                      bold=True, align="right")
        message_box = pygame.Rect(status.left, status.top,
                                  status.width - clock_w - note_w - theme.gap, status.height)
        message = self.message or VARIANT_HELP[self.variant]
        text.draw(surface, message, message_box, theme.font_px("small"),
                  self._colour(self.message_role), align="left")
        columns, self.rects = self._card_rects(cards)
        self._colours = self._link_colours()
        for column, head in zip(columns, COLUMN_HEADS[self.variant], strict=True):
            text.draw(surface, head.upper(), pygame.Rect(column.left, heads.top, column.width,
                      heads.height), theme.font_px("tiny"), pal.muted, bold=True)
        self._draw_links(surface)
        for item in self.board.items:
            if item.id != self.pressed or self.drag_pos is None:
                self._draw_item(surface, item, self.rects[item.id])
        if self.drag_pos is not None and self.pressed is not None:
            self._draw_drag(surface)

    def _link_colours(self) -> dict[frozenset[str], Colour]:
        """One colour per couple (both links of a chain share it), cycling through colours
        other than the accent, which marks the card in hand."""
        pal = self.ctx.theme.palette
        chart = [pal.right, *(c for c in pal.chart if c != pal.accent)]
        key_column = len(self.board.columns) - 2
        keys: dict[str, int] = {}
        colours = {}
        for link in self.run.current.linked:
            owner = next(i for i in link if self.board.item(i).column == key_column)
            keys.setdefault(owner, len(keys))
            colours[link] = chart[keys[owner] % len(chart)]
        return colours

    def _anchor(self, item_id: str, toward: int, slot: int) -> tuple[int, int]:
        rect = self.rects[item_id]
        item = self.board.item(item_id)
        x = rect.right if toward > item.column else rect.left
        slots = item.slots if item.column == len(self.board.columns) - 1 else 1
        return x, rect.top + rect.height * (2 * slot + 1) // (2 * slots)

    def _draw_links(self, surface: pygame.Surface) -> None:
        width = max(3, self.ctx.theme.gap // 2)
        used: dict[tuple[str, int], int] = {}
        for link, colour in self._colours.items():
            first, second = sorted(link, key=lambda i: self.board.item(i).column)
            ends = []
            for item_id, other in ((first, second), (second, first)):
                toward = self.board.item(other).column
                slot = used.get((item_id, toward), 0)
                used[(item_id, toward)] = slot + 1
                ends.append(self._anchor(item_id, toward, slot))
            pygame.draw.line(surface, colour, ends[0], ends[1], width)
            for end in ends:
                pygame.draw.circle(surface, colour, end, width + 2)

    def _draw_item(self, surface: pygame.Surface, item: Item, rect: pygame.Rect,
                   *, ghost: bool = False) -> None:
        theme, text = self.ctx.theme, self.ctx.text
        pal = theme.palette
        progress = self.run.current
        closed = not progress.is_open(item.id)
        shake = self.shaking.get(item.id, 0.0)
        if shake:
            swing = math.sin((SHAKE_SECONDS - shake) / SHAKE_SECONDS * SHAKE_WIGGLES * math.pi)
            rect = rect.move(round(theme.gap * swing * shake / SHAKE_SECONDS), 0)
        fill, edge, edge_w, colour = pal.button, pal.button_edge, 2, pal.text
        if closed:
            fill = pal.panel
            edge = self._item_colour(item.id) or pal.right
        if item.id in (self.selected, self.pressed) or ghost:
            fill, edge, edge_w, colour = pal.accent, pal.text, 4, pal.accent_text
        elif shake:
            edge, edge_w = pal.wrong, 4
        elif item.id == self.hover and not closed:
            fill = pal.button_hover
            if self.drag_pos is not None:  # where the card in hand would land
                edge, edge_w = pal.accent, 4
        draw_panel(surface, theme, rect, fill, edge, edge_w)
        if self.keyboard and not ghost and item.id == self._focus_item().id:
            pygame.draw.rect(surface, pal.accent, rect.inflate(6, 6), 3,
                             border_radius=theme.radius + 3)
        inner = rect.inflate(-theme.gap * 2, -max(4, theme.gap // 2))
        px = theme.font_px("small")
        mark, mark_colour = "", pal.text
        if shake:
            mark, mark_colour = WRONG_MARK, pal.wrong
        elif closed:
            mark, mark_colour = RIGHT_MARK, pal.right
        elif item.slots > 1 and item.column == len(self.board.columns) - 1:
            mark, mark_colour = f"{progress.filled(item.id, item.column - 1)}/{item.slots}", \
                pal.muted
        if mark:
            mark_w = text.width("0/0", px, True) + theme.gap // 2
            mark_box = pygame.Rect(inner.right - mark_w, inner.top, mark_w, inner.height)
            text.draw(surface, mark, mark_box, px, mark_colour if not ghost else colour,
                      bold=True, align="right")
            inner.width -= mark_w + theme.gap // 2
        tiny = theme.font_px("tiny")
        hangul = item.hangul if self.ctx.settings.show_hangul else None
        label_h, sub_h = text.line_height(px), text.line_height(tiny)
        # Name and Hangul as one block in the middle; a long name wraps upwards. The Hangul
        # gives way when the name would have to shrink to make room for it.
        split = min(inner.centery + (label_h - sub_h) // 2, inner.bottom - sub_h)
        above = pygame.Rect(inner.left, inner.top, inner.width, split - inner.top)
        size, lines = text.fit(item.label, above, px, closed, min_px=9)
        if not hangul or size < px * 0.85 or len(lines) * text.line_height(size) > above.height:
            text.draw(surface, item.label, inner, px, colour, bold=closed, align="left",
                      min_px=9)
            return
        text.draw(surface, item.label, above, px, colour, bold=closed, align="left",
                  valign="bottom", min_px=9)
        text.draw(surface, hangul, pygame.Rect(inner.left, split, inner.width, sub_h), tiny,
                  pal.muted if colour == pal.text else colour, align="left", min_px=9)

    def _item_colour(self, item_id: str) -> Colour | None:
        for link, colour in self._colours.items():
            if item_id in link:
                return colour
        return None

    def _draw_drag(self, surface: pygame.Surface) -> None:
        assert self.pressed is not None and self.drag_pos is not None
        pal = self.ctx.theme.palette
        theme = self.ctx.theme
        source = self.rects[self.pressed]
        pygame.draw.line(surface, pal.accent, source.center, self.drag_pos, max(2, theme.gap // 3))
        self._draw_item(surface, self.board.item(self.pressed), source)
        ghost = source.inflate(-source.width // 8, 0)
        ghost.height = min(ghost.height, self.ctx.text.line_height(theme.font_px("small")) * 2
                           + theme.gap)
        ghost.topleft = (self.drag_pos[0] + theme.gap, self.drag_pos[1] + theme.gap)
        ghost.clamp_ip(surface.get_rect())
        self._draw_item(surface, self.board.item(self.pressed), ghost, ghost=True)

    # -- demo ----------------------------------------------------------------------------------
    def autoplay(self, rng: random.Random) -> list[pygame.event.Event]:
        """Make pairs, mostly right, sometimes wrong; by click or by drag."""
        if self.state in (READY, DONE):
            return [key(pygame.K_RETURN)] if self._idle > 0.8 else []
        if self.state != PLAYING or self.animating or not self.rects:
            return []
        progress = self.run.current
        remaining = sorted(set(self.board.links) - set(progress.linked), key=sorted)
        if not remaining:
            return []
        first, second = sorted(rng.choice(remaining), key=lambda i: self.board.item(i).column)
        if rng.random() < AUTOPLAY_WRONG:
            a, b = self.board.item(first), self.board.item(second)
            decoys = [i.id for i in self.board.columns[b.column] if i.id != second and
                      progress.has_room(i.id, a.column) and i.id not in self.board.partners(first)]
            second = rng.choice(decoys) if decoys else second
        start, end = self.rects[first].center, self.rects[second].center
        if rng.random() < 0.5:
            return [*click(start), *click(end)]
        return drag(start, end)


def drag_frame_times(app: App, frames: int) -> list[float]:
    """Draw time (ms) of `frames` frames while a card is dragged around the board: the
    busiest this screen gets, every motion redrawing everything. The board must be on top
    (a ready card is dismissed first); the drag ends back on its card, so nothing is paired.
    Clears `app.frame_ms` and returns at most its last maxlen values."""
    scene = app.scene
    if not isinstance(scene, BoardScene):
        raise RuntimeError("the board is not on screen")
    if scene.state == READY:
        app.step([key(pygame.K_RETURN)], 0.0)
    card = next(item.id for item in scene.board.items if scene.run.current.is_open(item.id))
    start = scene.rects[card].center
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1)], 0.0)
    width, height = pygame.display.get_surface().get_size()
    app.frame_ms.clear()
    for frame in range(frames):
        angle = frame / 30 * math.pi
        pos = (int(width / 2 + width * 0.4 * math.cos(angle)),
               int(height / 2 + height * 0.35 * math.sin(angle * 1.3)))
        app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                     buttons=(1, 0, 0))], 1 / 60)
    times = list(app.frame_ms)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(1, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=start, button=1)], 1 / 60)
    return times
