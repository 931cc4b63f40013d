"""The title screen: the way into every mode, and where file warnings are shown."""

from __future__ import annotations

import pygame

from game.core.wording import plural
from game.ui.chrome import draw_background, draw_footer
from game.ui.scenes.menu import MenuScene
from game.ui.widgets import Button

SUBTITLE = "케이드라마 커플 퀴즈"


class TitleScene(MenuScene):
    name = "title"

    def on_enter(self) -> None:
        super().on_enter()
        self._build_buttons()

    def on_resume(self) -> None:
        super().on_resume()
        self._build_buttons()

    def _build_buttons(self) -> None:
        entries = []
        match = self.ctx.match
        if match is not None and not match.match_over:
            entries.append(("resume", "Resume match", "R"))
        entries += [
            ("classic", "Play a trivia match", "1"),
            ("board", "Match the couples", "2"),
            ("practice", "Practise actor names", "3"),
            ("daily", "Daily challenge", "4"),
            ("scores", "High scores", "5"),
            ("stats", "Statistics", "6"),
            ("settings", "Settings", "7"),
            ("decks", "Choose decks", "8"),
            ("party", "Party: everyone plays on their phones", "9"),
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

    def activate(self, button_id: str) -> None:
        from game.ui.scenes import navigation

        navigation.open_from_title(self.ctx, button_id)

    def back(self) -> None:
        self.ctx.quit()

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
        warn_h = 0
        if ctx.warnings:
            warn_px = theme.font_px("tiny")
            warn_h = (text.line_height(warn_px) + 2) * min(3, len(ctx.warnings)) + theme.gap
            warn_box = pygame.Rect(theme.margin, footer.top - warn_h, title_box.width, warn_h)
            message = "\n".join(f"! {w}" for w in ctx.warnings[-3:])
            text.draw(surface, message, warn_box, warn_px, pal.warning)
        area_top = deck_box.bottom + theme.gap * 2
        area_bottom = footer.top - warn_h - theme.gap
        count = len(self.buttons)
        button_w = min(width - theme.margin * 2, max(360, int(width * 0.42)))
        row_h = min(int(theme.font_px("button") * 2.3), (area_bottom - area_top) // count)
        gap = max(4, row_h // 8)
        row_h -= gap
        y = area_top + max(0, (area_bottom - area_top - count * (row_h + gap)) // 2)
        for button in self.buttons:
            button.rect = pygame.Rect((width - button_w) // 2, y, button_w, row_h)
            y += row_h + gap
        self.draw_buttons(surface)
