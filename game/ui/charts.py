"""Bar and line charts drawn with pygame from the pure geometry in `game.core.stats`.

Each drawing function lays out its labels and axes inside the area it is given (so every
chart fits any window) and returns what it drew, in screen coordinates, so a test can check
a bar against the data it stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.core.stats import (
    Axis,
    Box,
    ScoreHistory,
    column_bars,
    line_points,
    nice_axis,
    row_bars,
)
from game.ui.app import Context
from game.ui.theme import Colour

MATCH_LABELS = 4  # spaces between the match numbers written under the line chart
MARKER_LIMIT = 60  # more points than this and markers would only smudge the line


@dataclass(frozen=True)
class BarItem:
    label: str
    value: float
    caption: str  # the value as a player reads it: "75% (3/4)", "12"


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value: float
    rect: pygame.Rect  # the bar itself
    track: pygame.Rect  # the whole length the bar would have at the axis maximum


@dataclass(frozen=True)
class DrawnLine:
    name: str
    colour: Colour
    data: tuple[tuple[int, int], ...]  # (match number, points)
    points: tuple[tuple[int, int], ...]  # the same in pixels


@dataclass(frozen=True)
class DrawnChart:
    kind: str  # "columns", "rows", "lines" or "empty"
    area: pygame.Rect
    plot: pygame.Rect  # where values map to lengths (empty charts: the area)
    maximum: float = 0
    bars: tuple[DrawnBar, ...] = ()
    lines: tuple[DrawnLine, ...] = ()
    message: str = ""


def _rect(box: Box) -> pygame.Rect:
    return pygame.Rect(box.left, box.top, box.width, box.height)


def _box(rect: pygame.Rect) -> Box:
    return Box(rect.left, rect.top, rect.width, rect.height)


def percent_tick(value: float) -> str:
    return f"{round(value * 100)}%"


def count_tick(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def draw_empty(surface: pygame.Surface, ctx: Context, area: pygame.Rect,
               message: str) -> DrawnChart:
    """A friendly line where a chart would be, for a history with nothing to show yet."""
    ctx.text.draw(surface, message, area, ctx.theme.font_px("body"), ctx.theme.palette.muted)
    return DrawnChart("empty", area.copy(), area.copy(), message=message)


def _gridlines(surface: pygame.Surface, ctx: Context, plot: pygame.Rect, axis: Axis,
               fmt: Callable[[float], str], label_box: Callable[[float, int], pygame.Rect],
               *, vertical: bool) -> None:
    """Faint lines at each tick of the value axis, with their labels."""
    theme = ctx.theme
    px = theme.font_px("tiny")
    for value in axis.ticks:
        if vertical:
            x = plot.left + round(plot.width * value / axis.maximum)
            pygame.draw.line(surface, theme.palette.panel_edge, (x, plot.top), (x, plot.bottom))
            at = x
        else:
            y = plot.bottom - round(plot.height * value / axis.maximum)
            pygame.draw.line(surface, theme.palette.panel_edge, (plot.left, y), (plot.right, y))
            at = y
        ctx.text.draw(surface, fmt(value), label_box(value, at), px, theme.palette.muted,
                      align="center" if vertical else "right", min_px=9)


def draw_column_chart(surface: pygame.Surface, ctx: Context, area: pygame.Rect,
                      items: Sequence[BarItem], axis: Axis,
                      fmt: Callable[[float], str] = percent_tick,
                      colours: Sequence[Colour] | None = None) -> DrawnChart:
    """Vertical bars with a value axis on the left, captions above and labels below."""
    theme, text = ctx.theme, ctx.text
    pal = theme.palette
    colours = colours or pal.chart[:1]
    tiny, small = theme.font_px("tiny"), theme.font_px("small")
    axis_w = max(text.width(fmt(v), tiny) for v in axis.ticks) + theme.gap
    caption_h = text.line_height(small)
    label_h = text.line_height(small) * 2
    plot = pygame.Rect(area.left + axis_w + theme.gap, area.top + caption_h + theme.gap // 2,
                       area.width - axis_w - theme.gap,
                       area.height - caption_h - label_h - theme.gap)
    half = text.line_height(tiny) // 2
    _gridlines(surface, ctx, plot, axis, fmt,
               lambda _v, y: pygame.Rect(area.left, y - half, axis_w, half * 2),
               vertical=False)
    boxes = column_bars([item.value for item in items], _box(plot), axis.maximum)
    pitch = plot.width // max(1, len(items))
    drawn = []
    for index, (item, box) in enumerate(zip(items, boxes, strict=True)):
        bar = _rect(box)
        slot = pygame.Rect(plot.left + index * pitch, plot.top, pitch, plot.height)
        if bar.height:
            pygame.draw.rect(surface, colours[index % len(colours)], bar,
                             border_top_left_radius=theme.radius // 2,
                             border_top_right_radius=theme.radius // 2)
        caption = pygame.Rect(slot.left, bar.top - caption_h, slot.width, caption_h)
        text.draw(surface, item.caption, caption, small, pal.text, bold=True, min_px=9)
        label = pygame.Rect(slot.left, plot.bottom + theme.gap // 2, slot.width, label_h)
        text.draw(surface, item.label, label, small, pal.muted, valign="top", min_px=9)
        drawn.append(DrawnBar(item.label, item.value, bar,
                              pygame.Rect(bar.left, plot.top, bar.width, plot.height)))
    pygame.draw.line(surface, pal.muted, plot.bottomleft, plot.bottomright, 2)
    return DrawnChart("columns", area.copy(), plot, axis.maximum, tuple(drawn))


def row_height(ctx: Context) -> int:
    """One row of a row chart: a line and a third, so rows stay apart; a label too long for
    one line wraps onto two at a smaller size inside it."""
    return ctx.text.line_height(ctx.theme.font_px("small")) * 4 // 3


def row_capacity(ctx: Context, area: pygame.Rect) -> int:
    """How many rows a row chart can show in `area`, below which its axis goes."""
    axis_h = ctx.text.line_height(ctx.theme.font_px("tiny")) + ctx.theme.gap
    return max(1, (area.height - axis_h) // row_height(ctx))


def draw_row_chart(surface: pygame.Surface, ctx: Context, area: pygame.Rect,
                   items: Sequence[BarItem], axis: Axis,
                   fmt: Callable[[float], str] = percent_tick,
                   colour: Colour | None = None) -> DrawnChart:
    """Horizontal bars, one row each: a label box on the left (long titles wrap or shrink
    inside it), the bar over a faint full-length track, and the caption on the right. Pass
    at most `row_capacity` items; the caller pages or scrolls through longer lists."""
    theme, text = ctx.theme, ctx.text
    pal = theme.palette
    tiny, small = theme.font_px("tiny"), theme.font_px("small")
    row_h = row_height(ctx)
    label_w = int(area.width * 0.34)
    caption_w = max(text.width(item.caption, small, True) for item in items) + theme.gap
    caption_w = min(caption_w, area.width // 4)
    plot = pygame.Rect(area.left + label_w + theme.gap, area.top,
                       area.width - label_w - caption_w - theme.gap * 3, row_h * len(items))
    boxes = [_rect(box) for box in row_bars([item.value for item in items], _box(plot),
                                            axis.maximum)]
    tracks = [pygame.Rect(plot.left, bar.top, plot.width, bar.height) for bar in boxes]
    for track in tracks:
        pygame.draw.rect(surface, pal.background, track, border_radius=theme.radius // 2)
    tick_h = text.line_height(tiny)
    axis_half = max(text.width(fmt(v), tiny) for v in axis.ticks) // 2 + 2
    _gridlines(surface, ctx, plot, axis, fmt,
               lambda _v, x: pygame.Rect(x - axis_half, plot.bottom + theme.gap // 2,
                                         axis_half * 2, tick_h),
               vertical=True)
    drawn = []
    for index, (item, bar, track) in enumerate(zip(items, boxes, tracks, strict=True)):
        row_top = plot.top + index * row_h
        label = pygame.Rect(area.left, row_top, label_w, row_h)
        text.draw(surface, item.label, label, small, pal.text, align="right", min_px=9)
        if bar.width:
            pygame.draw.rect(surface, colour or pal.chart[0], bar,
                             border_radius=theme.radius // 2)
        caption = pygame.Rect(plot.right + theme.gap, row_top, caption_w, row_h)
        text.draw(surface, item.caption, caption, small, pal.text, bold=True, align="left",
                  min_px=9)
        drawn.append(DrawnBar(item.label, item.value, bar, track))
    return DrawnChart("rows", area.copy(), plot, axis.maximum, tuple(drawn))


def _marker(surface: pygame.Surface, shape: int, colour: Colour, centre: tuple[int, int],
            size: int) -> None:
    """A different shape per line, so the lines differ by more than colour."""
    x, y = centre
    if shape == 0:
        pygame.draw.circle(surface, colour, centre, size)
    elif shape == 1:
        pygame.draw.rect(surface, colour, pygame.Rect(x - size, y - size, size * 2, size * 2))
    elif shape == 2:
        pygame.draw.polygon(surface, colour, [(x, y - size - 1), (x - size - 1, y + size),
                                              (x + size + 1, y + size)])
    else:
        pygame.draw.polygon(surface, colour, [(x, y - size - 1), (x + size + 1, y),
                                              (x, y + size + 1), (x - size - 1, y)])


def draw_line_chart(surface: pygame.Surface, ctx: Context, area: pygame.Rect,
                    history: ScoreHistory) -> DrawnChart:
    """Points per match, one line per player, a legend on top and both axes labelled."""
    theme, text = ctx.theme, ctx.text
    pal = theme.palette
    tiny, small = theme.font_px("tiny"), theme.font_px("small")
    legend_h = text.line_height(small) + theme.gap
    slot_w = area.width // max(1, len(history.series))
    marker = max(3, theme.gap // 2)
    for index, series in enumerate(history.series):
        colour = pal.chart[index % len(pal.chart)]
        slot = pygame.Rect(area.left + index * slot_w, area.top, slot_w, legend_h)
        swatch = pygame.Rect(slot.left, slot.centery - 1, theme.margin, 3)
        pygame.draw.rect(surface, colour, swatch)
        _marker(surface, index, colour, swatch.center, marker)
        name_box = pygame.Rect(swatch.right + theme.gap, slot.top,
                               slot.width - swatch.width - theme.gap * 2, legend_h)
        text.draw(surface, series.name, name_box, small, pal.text, align="left", min_px=9)
    axis = nice_axis(history.max_points, whole=True)
    axis_w = max(text.width(count_tick(v), tiny) for v in axis.ticks) + theme.gap
    tick_h = text.line_height(tiny)
    plot = pygame.Rect(area.left + axis_w + theme.gap, area.top + legend_h + theme.gap,
                       area.width - axis_w - theme.gap * 2,
                       area.height - legend_h - theme.gap * 2 - tick_h * 2 - theme.gap)
    half = tick_h // 2
    _gridlines(surface, ctx, plot, axis, count_tick,
               lambda _v, y: pygame.Rect(area.left, y - half, axis_w, half * 2), vertical=False)
    x_range = (history.first, history.last)
    numbers = sorted({history.first, history.last, *(
        round(history.first + (history.last - history.first) * i / MATCH_LABELS)
        for i in range(1, MATCH_LABELS))})
    label_w = text.width(f"#{history.last}", tiny) + theme.gap
    for number, (x, _y) in zip(numbers, line_points([(n, 0) for n in numbers], _box(plot),
                                                    x_range, axis.maximum), strict=True):
        box = pygame.Rect(0, plot.bottom + theme.gap // 2, label_w, tick_h)
        box.centerx = min(max(x, area.left + label_w // 2), area.right - label_w // 2)
        text.draw(surface, f"#{number}", box, tiny, pal.muted, min_px=9)
    dates = [p.date for s in history.series for p in s.points]
    span = min(dates) if min(dates) == max(dates) else f"{min(dates)} to {max(dates)}"
    caption = pygame.Rect(plot.left, plot.bottom + theme.gap // 2 + tick_h, plot.width, tick_h)
    text.draw(surface, f"Match {history.first}–{history.last} of {history.total} · {span}",
              caption, tiny, pal.muted, min_px=9)
    pygame.draw.line(surface, pal.muted, plot.bottomleft, plot.bottomright, 2)
    drawn = []
    for index, series in enumerate(history.series):
        colour = pal.chart[index % len(pal.chart)]
        data = tuple((p.match_no, p.points) for p in series.points)
        points = tuple(line_points(data, _box(plot), x_range, axis.maximum))
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, max(2, theme.gap // 3))
        if len(points) <= MARKER_LIMIT:
            for point in points:
                _marker(surface, index, colour, point, marker)
        drawn.append(DrawnLine(series.name, colour, data, points))
    return DrawnChart("lines", area.copy(), plot, axis.maximum, lines=tuple(drawn))
