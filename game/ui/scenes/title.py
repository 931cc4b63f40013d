"""The title screen: the way into every mode, and where file warnings are shown."""

from __future__ import annotations

import pygame

from game.core.wording import plural
from game.ui import warm_up
from game.ui.chrome import draw_background, draw_footer
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button

SUBTITLE = "케이드라마 커플 퀴즈"
SHOWN_WARNINGS = 4  # warnings under the buttons at most; the last says how many more


def shown_warnings(warnings: list[str], lines: int) -> list[str]:
    """At most `lines` lines: every warning, or the first ones and how many more there are,
    so no warning is hidden without a word."""
    shown = [f"! {w}" for w in warnings]
    if len(shown) <= lines:
        return shown
    more = len(shown) - lines
    return [*shown[:lines - 1], f"{shown[lines - 1]} (and {more} more)"]


class TitleScene(MenuScene):
    name = "title"
    warming = True  # until the screens the title leads to are ready (see game.ui.warm_up)

    def on_enter(self) -> None:
        super().on_enter()
        self._build_buttons()

    def update(self, dt: float) -> None:
        super().update(dt)
        # Only in frames with nothing to draw: never before the first frame is on screen.
        if self.warming and not self.dirty:
            self.warming = not self.ctx.warm_up.advance(self.ctx, warm_up.SLICE)

    @property
    def animating(self) -> bool:
        """Full speed while warming up, so it is done in about a second; idle after."""
        return self.warming or super().animating

    def on_resume(self) -> None:
        super().on_resume()
        self._build_buttons()
        self.warming = True  # the decks may have changed: anything new is prepared again

    def _build_buttons(self) -> None:
        entries = []
        ctx = self.ctx
        match = ctx.match
        names: tuple[str, ...] = ()
        if match is not None and not match.match_over:
            names = match.players
        else:  # a match left unfinished at an earlier launch, by the same players
            players = list(ctx.options.players) or ctx.store.last_players()
            ctx.resumable = ctx.store.unfinished(players)
            names = ctx.resumable.names if ctx.resumable is not None else ()
        if names:
            entries.append(("resume", f"Resume: {' & '.join(names)}", "R"))
        entries += [
            ("classic", "Play a trivia match", "1"),
            ("board", "Match the couples", "2"),
            ("practice", "Practise actor names", "3"),
            ("daily", "Daily challenge", "4"),
            ("scores", "High scores", "5"),
            ("stats", "Statistics", "6"),
            ("settings", "Settings", "7"),
            ("decks", "Choose decks", "8"),
            ("party", "Party: play on phones", "9"),
            ("quit", "Quit", "Q"),
        ]
        self.buttons = [Button(bid, label, key_hint=key) for bid, label, key in entries]
        self.focus = 0

    @property
    def decks_line(self) -> str:
        """The chosen deck(s) and what they hold, so the player knows what will be asked."""
        deck = self.ctx.deck
        count = max(1, len(self.ctx.deck_keys))
        couples = sum(len(d.couples) for d in deck.dramas)
        names = deck.title
        if count > 2:  # one line must hold it: the first deck, and how many more
            names = f"{deck.title.split(' + ')[0]} + {count - 1} more"
        return (f"{'Deck' if count == 1 else f'{count} decks'}: {names} · "
                f"{plural(couples, 'couple')} in {plural(len(deck.dramas), 'drama')}")

    def _draw_warnings(self, surface: pygame.Surface, box: pygame.Rect, *,
                       beside: bool = False) -> None:
        """As many warnings as `box` holds, whole; the last line says how many more."""
        theme, text = self.ctx.theme, self.ctx.text
        px = theme.font_px("tiny")
        fits = box.height // (text.line_height(px) + 2)
        warnings = self.ctx.warnings
        for count in range(len(warnings), 0, -1):
            lines = shown_warnings(warnings, count)
            if sum(len(text.wrap(line, px, box.width)) for line in lines) <= fits:
                break
        text.draw(surface, "\n".join(lines), box, px, theme.palette.warning,
                  align="left" if beside else "center", valign="top" if beside else "middle")

    def activate(self, button_id: str) -> None:
        from game.ui.scenes import navigation

        navigation.open_from_title(self.ctx, button_id)

    def back(self) -> None:
        self.ctx.ask_to_quit()

    def _columns(self, width: int, height: int) -> int:
        """Two columns when one would squeeze the labels below a comfortable size and the
        window is wide enough for two readable buttons side by side (a long menu: resume,
        decks and party join the modes)."""
        theme = self.ctx.theme
        one_column_row = height // max(1, len(self.buttons))
        roomy = one_column_row >= int(theme.font_px("button") * 1.9)
        wide = width - theme.margin * 2 >= 2 * int(340 * theme.scale) + theme.gap * 2
        return 1 if roomy or not wide else 2

    def draw(self, surface: pygame.Surface) -> None:
        ctx, theme, text = self.ctx, self.ctx.theme, self.ctx.text
        pal = theme.palette
        draw_background(surface, ctx)
        width, height = surface.get_size()
        footer = draw_footer(surface, ctx, "↑ ↓ or Tab to move · Enter to choose · number keys "
                             "jump · F11 fullscreen · M sound · Esc quits")
        top = theme.margin
        title_box = pygame.Rect(theme.margin, top, width - theme.margin * 2,
                                int(height * 0.13))
        text.draw(surface, "K-Drama Couples Quiz", title_box, theme.font_px("title"), pal.accent,
                  bold=True)
        sub_box = pygame.Rect(theme.margin, title_box.bottom, title_box.width,
                              text.line_height(theme.font_px("body")))
        text.draw(surface, SUBTITLE, sub_box, theme.font_px("small"), pal.muted)
        deck_box = pygame.Rect(theme.margin, sub_box.bottom, title_box.width, sub_box.height)
        text.draw(surface, self.decks_line, deck_box, theme.font_px("small"), pal.text, min_px=9)
        area_top = deck_box.bottom + theme.gap * 2
        count = len(self.buttons)
        columns = self._columns(width, footer.top - theme.gap - area_top)
        rows = -(-count // columns)
        column_gap = theme.gap * 2
        if columns == 1:
            button_w = min(width - theme.margin * 2, max(360, int(width * 0.42)))
        else:
            button_w = min((width - theme.margin * 2 - column_gap) // 2, int(width * 0.36))
        side_w = (width - button_w * columns - column_gap * (columns - 1)) // 2
        side_w -= theme.margin + theme.gap * 2
        warn_h = 0
        if ctx.warnings and side_w >= int(260 * theme.scale):
            # A wide window: the warnings take the column beside the buttons.
            side = pygame.Rect(width - theme.margin - side_w, area_top, side_w,
                               footer.top - theme.gap - area_top)
            self._draw_warnings(surface, side, beside=True)
        elif ctx.warnings:
            # Otherwise below them; the buttons keep room for a readable label.
            line_h = text.line_height(theme.font_px("tiny")) + 2
            least_row = text.line_height(theme.font_px("button") * 3 // 4) + theme.gap + 4
            room = footer.top - area_top - theme.gap * 2 - rows * least_row
            warn_h = line_h * max(1, min(SHOWN_WARNINGS, room // line_h)) + theme.gap
            self._draw_warnings(surface, pygame.Rect(theme.margin, footer.top - warn_h,
                                                     width - theme.margin * 2, warn_h))
        area_bottom = footer.top - warn_h - theme.gap
        row_h = min(int(theme.font_px("button") * 2.3), (area_bottom - area_top) // rows)
        gap = max(4, row_h // 8)
        row_h -= gap
        top = area_top + max(0, (area_bottom - area_top - rows * (row_h + gap)) // 2)
        left = (width - button_w * columns - column_gap * (columns - 1)) // 2
        for index, button in enumerate(self.buttons):
            column, row = divmod(index, rows)
            button.rect = pygame.Rect(left + column * (button_w + column_gap),
                                      top + row * (row_h + gap), button_w, row_h)
        self.draw_buttons(surface)
