"""Which screen follows which: the flow of a match, kept in one place.

Scenes ask this module to move on instead of importing each other, so the order of screens
can change here without touching the screens themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from game.core.store import RESUMABLE_MODES
from game.ui.app import Context
from game.ui.scenes.base import Scene

if TYPE_CHECKING:
    from game.core.questions import Exposure
    from game.core.session import Match


def to_title(ctx: Context) -> None:
    from game.ui.scenes.title import TitleScene

    ctx.scenes.reset(TitleScene(ctx))


def _setup(mode: str) -> Callable[[Context], Scene]:
    def make(ctx: Context) -> Scene:
        from game.ui.scenes.setup import SetupScene

        return SetupScene(ctx, mode)

    return make


def _scene(module: str, name: str) -> Callable[[Context], Scene]:
    """A factory for a screen that takes only the context, imported when first opened (so
    the title screen starts without loading every other screen)."""

    def make(ctx: Context) -> Scene:
        return getattr(importlib.import_module(f"game.ui.scenes.{module}"), name)(ctx)

    return make


# Title-screen choices and the screen each opens: a new screen registers here in one line.
TITLE_SCREENS: dict[str, Callable[[Context], Scene]] = {
    "classic": _setup("classic"),
    "board": _setup("board"),
    "practice": _scene("practice", "PracticeScene"),
    "daily": _scene("daily", "DailyScene"),
    "scores": _scene("highscores", "HighScoresScene"),
    "stats": _scene("stats", "StatsScene"),
    "settings": _scene("settings", "SettingsScene"),
    "decks": _scene("decks", "DecksScene"),
    "party": _scene("party_lobby", "open_party"),  # starts the server, returns the lobby
}


def open_from_title(ctx: Context, choice: str) -> None:
    """Open the screen behind a title-screen button."""
    if choice == "resume" and ctx.match is not None:
        resume_match(ctx, ctx.match)
    elif choice == "resume":
        resume_saved(ctx)
    elif choice in TITLE_SCREENS:
        ctx.scenes.push(TITLE_SCREENS[choice](ctx))
    elif choice == "quit":
        ask_to_quit(ctx)


def ask_to_quit(ctx: Context) -> None:
    """Quit, after asking when a match is in progress (it is kept for Resume)."""
    match = ctx.match
    if match is None or match.match_over:
        ctx.quit()
        return
    from game.ui.scenes.confirm import ConfirmQuitScene

    top = ctx.scenes.top
    if isinstance(top, ConfirmQuitScene):  # asked twice (the window closed again): go
        top.quit()
    else:
        ctx.scenes.push(ConfirmQuitScene(ctx))


def start_match(ctx: Context, players: list[str], mode: str = "classic", *,
                rounds: int | None = None, questions: int | None = None,
                seed: int | None = None, difficulty: str | None = None) -> Match:
    """A new match with the settings and command-line options, at its first turn.

    `mode` is "classic" (questions), "board" (matching boards) or "daily"; explicit
    rounds/questions/seed/difficulty override both (the daily challenge fixes them).
    """
    from game.core.session import Match

    settings = ctx.settings
    if seed is None:
        seed = ctx.rng.randrange(2**32) if ctx.options.seed is None else ctx.options.seed
    match = Match(
        ctx.deck,
        players,
        rounds=rounds or ctx.options.rounds or settings.rounds,
        questions_per_round=questions or ctx.options.questions or settings.questions_per_round,
        seed=seed,
        difficulty=difficulty or settings.difficulty,
        time_limit=settings.time_limit,
        hidden_dramas=frozenset(settings.hidden_dramas),
        mode=mode,
        exposure=_exposure(ctx, players, mode),
    )
    if mode in RESUMABLE_MODES:  # the new match is the one to offer these players from now on
        ctx.store.close_unfinished(match.players)
    ctx.match = match
    _begin_round(ctx, match, replace=True)
    return match


def _exposure(ctx: Context, players: Sequence[str], mode: str, *,
              before: str | None = None) -> Exposure | None:
    """What these players have been asked before, so a match deals fresh questions first;
    None for the daily challenge, which is the same for everyone."""
    if mode == "daily":
        return None
    return ctx.store.question_exposure(players, before=before)


def _begin_round(ctx: Context, match: Match, *, replace: bool) -> None:
    match.start_round(board=match.mode == "board")
    save_progress(ctx, match)  # the questions dealt are kept before the first is answered
    if match.round_over:  # a deck too small to deal even one question
        round_finished(ctx, match)
    else:
        _show_turn(ctx, match, replace=replace)


def _show_turn(ctx: Context, match: Match, *, replace: bool) -> None:
    """The screen where the current round is played: a question, or the matching board."""
    if match.mode == "board":
        from game.ui.scenes.board import BoardScene

        scene = BoardScene(ctx, match)
    else:
        from game.ui.scenes.question import QuestionScene

        scene = QuestionScene(ctx, match)
    if replace:
        ctx.scenes.replace(scene)
    else:
        ctx.scenes.push(scene)


def resume_match(ctx: Context, match: Match) -> None:
    """Back into a match left from the pause menu, at the screen where it stopped."""
    from game.ui.scenes.scoreboard import ScoreboardScene

    ctx.match = match
    if match.round_over:
        ctx.scenes.push(ScoreboardScene(ctx, match))
    else:
        _show_turn(ctx, match, replace=False)


def after_feedback(ctx: Context, match: Match) -> None:
    if match.round_over:
        round_finished(ctx, match)
    else:
        _show_turn(ctx, match, replace=True)


def round_finished(ctx: Context, match: Match) -> None:
    """Close the round (every turn played, or every board score in), save, show the summary."""
    from game.ui.scenes.summary import RoundSummaryScene

    match.finish_round()
    save_progress(ctx, match)
    ctx.sound.play("round_end")
    ctx.scenes.replace(RoundSummaryScene(ctx, match))


def save_progress(ctx: Context, match: Match) -> None:
    """Save the match whole: when a round is dealt, a board score is in, a round ends."""
    ctx.store.record_match(match.record())


def save_answer(ctx: Context, match: Match) -> None:
    """Save the answer just given, in its own small transaction."""
    ctx.store.save_answer(match.id, *match.last_pick())


def keep_match(ctx: Context) -> None:
    """Before leaving a match (to the title, or quitting the game): note where each screen
    stopped (time on the question, pairs on the board) and save it, for Resume."""
    match = ctx.match
    if match is None or match.match_over:
        return
    for scene in ctx.scenes.scenes:
        scene.suspend()
    ctx.store.save_pause(match.id, match.time_used, match.board_state)


def resume_saved(ctx: Context) -> bool:
    """Resume the unfinished match the title offers (from an earlier launch); False when
    the deck has changed so that it cannot go on."""
    from game.core.resume import rebuild

    record = ctx.resumable
    match = None
    if record is not None:
        exposure = _exposure(ctx, record.names, record.mode, before=record.id)
        match = rebuild(ctx.deck, record, exposure)
    ctx.resumable = None
    if match is None:
        if record is not None:
            ctx.store.warn([f"the match of {' and '.join(record.names)} can't go on with "
                            "this deck; it stays in the history as unfinished"])
            ctx.store.close_unfinished(record.names)
        return False
    resume_match(ctx, match)
    return True


def next_round(ctx: Context, match: Match) -> None:
    _begin_round(ctx, match, replace=True)


def finish_match(ctx: Context, match: Match) -> None:
    from game.ui.scenes.results import ResultsScene

    previous_bests = ctx.store.player_bests(exclude_match=match.id)
    match.finish()
    save_progress(ctx, match)
    if match.mode == "daily":
        from game.ui.scenes.daily import record_daily

        record_daily(ctx, match)
    ctx.match = None
    ctx.scenes.replace(ResultsScene(ctx, match, previous_bests))
