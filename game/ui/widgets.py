"""Buttons, panels and a text box: the few pieces every screen is built from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from game.ui.text import TextRenderer
from game.ui.theme import Colour, Theme


@dataclass
class Button:
    """A clickable box with a label and the key that also presses it."""

    id: str
    label: str
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    key_hint: str = ""
    enabled: bool = True
    fill: Colour | None = None
    mark: str = ""

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)


def draw_panel(
    surface: pygame.Surface,
    theme: Theme,
    rect: pygame.Rect,
    fill: Colour | None = None,
    edge: Colour | None = None,
    width: int = 2,
) -> None:
    pygame.draw.rect(surface, fill or theme.palette.panel, rect, border_radius=theme.radius)
    pygame.draw.rect(
        surface, edge or theme.palette.panel_edge, rect, width, border_radius=theme.radius
    )


def draw_button(
    surface: pygame.Surface,
    theme: Theme,
    text: TextRenderer,
    button: Button,
    *,
    hovered: bool = False,
    focused: bool = False,
    role: str = "button",
) -> None:
    """Key badge on the left, label wrapped in the rest, an optional mark (✓/×) on the right."""
    pal = theme.palette
    fill = button.fill or (pal.button_hover if hovered or focused else pal.button)
    if not button.enabled:
        fill = tuple(c // 2 for c in fill)
    edge = pal.accent if focused else pal.button_edge
    draw_panel(surface, theme, button.rect, fill, edge, 3 if focused else 2)
    inner = button.rect.inflate(-theme.gap * 2, -theme.gap)
    px = theme.font_px(role)
    colour = pal.text if button.enabled else pal.muted
    if button.key_hint:
        badge_px = theme.font_px("small")
        side = min(inner.height, text.line_height(badge_px) + theme.gap // 2)
        badge_w = max(side, text.width(button.key_hint, badge_px, True) + theme.gap)
        badge = pygame.Rect(inner.left, 0, min(badge_w, inner.width // 3), side)
        badge.centery = inner.centery
        pygame.draw.rect(surface, pal.background, badge, border_radius=theme.radius // 2)
        text.draw(surface, button.key_hint, badge, badge_px, pal.muted, bold=True)
        inner.width -= badge.width + theme.gap
        inner.left = badge.right + theme.gap
    if button.mark:
        side = min(inner.height, text.line_height(px, True))
        mark_box = pygame.Rect(0, 0, side, side)
        mark_box.midright = inner.midright
        text.draw(surface, button.mark, mark_box, px, pal.text, bold=True)
        inner.width -= side + theme.gap
    align = "left" if button.key_hint else "center"
    text.draw(surface, button.label, inner, px, colour, align=align, min_px=10)


def label_room(theme: Theme, text: TextRenderer, button: Button, width: int) -> int:
    """How wide the label of a button `width` pixels wide may be: what `draw_button` leaves
    after the padding and the key badge."""
    inner = width - theme.gap * 2
    if button.key_hint:
        badge_px = theme.font_px("small")
        side = text.line_height(badge_px) + theme.gap // 2
        badge_w = max(side, text.width(button.key_hint, badge_px, True) + theme.gap)
        inner -= min(badge_w, inner // 3) + theme.gap
    return max(1, inner)


def button_size(
    theme: Theme, text: TextRenderer, button: Button, most: int, least: int = 0,
    role: str = "button",
) -> tuple[int, int]:
    """Width and height for a button whose label keeps its full size: as wide as the label
    needs (at least `least`, at most `most`), and one more line high for each wrap beyond."""
    px = theme.font_px(role)
    overhead = most - label_room(theme, text, button, most)
    width = max(least, min(most, text.width(button.label, px) + overhead + 2))
    lines = len(text.wrap(button.label, px, label_room(theme, text, button, width)))
    return width, text.line_height(px) * lines + theme.gap * 2


def button_at(buttons: list[Button], pos: tuple[int, int]) -> Button | None:
    for button in buttons:
        if button.hit(pos):
            return button
    return None


@dataclass
class TextBox:
    """Single-line text entry fed by TEXTINPUT/TEXTEDITING, so a Korean IME works.

    `selected` means the whole value is selected, as in any text field after Ctrl+A or after
    tabbing in: typing replaces it and Backspace clears it. So a default such as "Player 1"
    gives way to the first letter typed instead of becoming "Player 1Jisoo".
    """

    value: str = ""
    composing: str = ""
    max_length: int = 24
    selected: bool = False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            self.composing = ""
            if self.selected:
                self.value, self.selected = "", False
            room = self.max_length - len(self.value)
            if room > 0:
                self.value += event.text[:room]
            return True
        if event.type == pygame.TEXTEDITING:
            if self.selected and event.text:
                self.value, self.selected = "", False
            self.composing = event.text
            return True
        if event.type != pygame.KEYDOWN:
            return False
        ctrl = event.mod & pygame.KMOD_CTRL
        if ctrl and event.key == pygame.K_a:
            self.selected = bool(self.value)
            return True
        if event.key == pygame.K_BACKSPACE:
            if self.composing:
                return True
            if self.selected:
                self.value = ""
            elif ctrl:  # the word before the cursor, and the spaces after it
                kept = self.value.rstrip()
                self.value = kept[: max(kept.rfind(" "), kept.rfind("-")) + 1]
            else:
                self.value = self.value[:-1]
            self.selected = False
            return True
        if self.selected and event.key in (
            pygame.K_LEFT,
            pygame.K_RIGHT,
            pygame.K_END,
            pygame.K_HOME,
        ):
            self.selected = False  # the cursor goes back to the end: the only place it lives
            return True
        return False

    def select_all(self) -> None:
        self.selected = bool(self.value)

    @property
    def shown(self) -> str:
        return self.value + self.composing


def draw_text_box(
    surface: pygame.Surface,
    theme: Theme,
    text: TextRenderer,
    box: TextBox,
    rect: pygame.Rect,
    *,
    focused: bool,
    placeholder: str = "",
) -> None:
    pal = theme.palette
    draw_panel(
        surface,
        theme,
        rect,
        pal.background,
        pal.accent if focused else pal.panel_edge,
        3 if focused else 2,
    )
    inner = rect.inflate(-theme.gap * 2, -theme.gap)
    px = theme.font_px("body")
    if focused and box.selected:  # highlighted like a selection, no cursor
        size, _lines = text.fit(box.value, inner, px)
        width = min(inner.width, text.width(box.value, size))
        line_h = min(inner.height, text.line_height(size))
        mark = pygame.Rect(inner.left - 2, inner.centery - line_h // 2, width + 4, line_h)
        pygame.draw.rect(surface, pal.button_hover, mark, border_radius=theme.radius // 3)
        text.draw(surface, box.value, inner, px, pal.text, align="left")
        return
    shown = box.shown + ("|" if focused else "")
    if shown:
        text.draw(surface, shown, inner, px, pal.text, align="left")
    else:
        text.draw(surface, placeholder, inner, px, pal.muted, align="left")


class TypeFilter:
    """Type-to-filter for a long list (5,000 dramas on a big deck): what is typed narrows the
    list to the items whose label holds it, ignoring case. Typed text arrives as TEXTINPUT,
    so Hangul through an IME filters too; Backspace takes the last character back."""

    def __init__(self, labels: Sequence[str]) -> None:
        self._folded = [" ".join(label.casefold().split()) for label in labels]
        self.text = ""
        self.matches: list[int] = list(range(len(labels)))

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event changed the filter."""
        if event.type == pygame.TEXTINPUT and event.text.isprintable():
            if not self.text and not event.text.strip():
                return False  # a space before anything is typed is not a search
            return self.set(self.text + event.text)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE and self.text:
            return self.set(self.text[:-1])
        return False

    def set(self, text: str) -> bool:
        if text == self.text:
            return False
        self.text = text
        wanted = " ".join(text.casefold().split())
        self.matches = [i for i, label in enumerate(self._folded) if wanted in label]
        return True

    @staticmethod
    def typing_key(event: pygame.event.Event) -> bool:
        """A key press whose character arrives as TEXTINPUT: it is typing, not a shortcut
        (M types an m here instead of muting)."""
        return (event.type == pygame.KEYDOWN and bool(event.unicode)
                and event.unicode.isprintable() and event.unicode != " "
                and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META))


class LazyRows(Sequence[list[str]]):
    """Table rows formatted when first shown: a table of 20,000 rows draws a dozen of them,
    so formatting every row when a screen opens is most of the cost of opening it."""

    def __init__(self, count: int, format_row: Callable[[int], list[str]]) -> None:
        self._count = count
        self._format = format_row
        self._done: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]  # int or slice, as a Sequence
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("row index out of range")
        row = self._done.get(index)
        if row is None:
            row = self._done[index] = self._format(index)
        return row


def draw_table(
    surface: pygame.Surface,
    theme: Theme,
    text: TextRenderer,
    area: pygame.Rect,
    headers: list[str],
    rows: Sequence[list[str]],
    widths: list[float],
    *,
    highlight: int | None = None,
    first_row: int = 0,
    lines_per_row: int = 1,
) -> int:
    """A simple table inside `area`; column widths are fractions. Returns rows left undrawn.

    When rows do not all fit, the last line says how many more there are, so nothing is cut
    silently.
    """
    pal = theme.palette
    px = theme.font_px("small")
    row_h = text.line_height(px) * lines_per_row + theme.gap // 2
    lefts = [area.left]
    for fraction in widths[:-1]:
        lefts.append(lefts[-1] + int(area.width * fraction))
    cols = [
        pygame.Rect(left, 0, int(area.width * f) - theme.gap // 2, row_h)
        for left, f in zip(lefts, widths, strict=True)
    ]

    def line(cells: list[str], y: int, colour: Colour, bold: bool) -> None:
        for col, cell in zip(cols, cells, strict=True):
            text.draw(
                surface,
                cell,
                pygame.Rect(col.left, y, col.width, row_h),
                px,
                colour,
                bold=bold,
                align="left",
                min_px=9,
            )

    head_h = text.line_height(px) + theme.gap // 2
    for col, cell in zip(cols, headers, strict=True):
        text.draw(
            surface,
            cell,
            pygame.Rect(col.left, area.top, col.width, head_h),
            px,
            pal.muted,
            bold=True,
            align="left",
            min_px=9,
        )
    y = area.top + head_h
    capacity = max(0, (area.bottom - y) // row_h)
    visible = rows[first_row : first_row + capacity]
    left_over = len(rows) - first_row - len(visible)
    if left_over > 0 and visible:
        visible = visible[:-1]
        left_over += 1
    for index, cells in enumerate(visible, start=first_row):
        if index == highlight:
            pygame.draw.rect(
                surface,
                pal.panel_edge,
                pygame.Rect(area.left, y, area.width, row_h),
                border_radius=theme.radius // 2,
            )
        line(cells, y, pal.text, index == highlight)
        y += row_h
    if left_over > 0:
        text.draw(
            surface,
            f"… {left_over} more (scroll with ↑ ↓ or the wheel)",
            pygame.Rect(area.left, y, area.width, head_h),
            px,
            pal.muted,
            align="left",
        )
    return left_over
