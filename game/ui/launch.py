"""From parsed command-line options to a running window, starting at the right screen."""

from __future__ import annotations

import argparse
import sys
import unicodedata

import pygame

from game import paths
from game.core import limits
from game.core.deck import Deck
from game.core.library import Selection
from game.ui.app import App, LaunchOptions
from game.ui.text import TextRenderer


def _described(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in chars)


def option_problem(args: argparse.Namespace, deck: Deck) -> str:
    """What is wrong with the players, names or questions asked for, as one line, or "".

    Checked before the window opens, so bad input never reaches a screen: a name the fonts
    cannot draw would show as boxes, more questions than the deck holds would be cut quietly.
    """
    if args.players:
        problem = limits.names_problem(args.players, args.mode)
        if problem:
            return f"--players: {problem}"
        pygame.font.init()
        renderer = TextRenderer()
        for name in args.players:
            missing = renderer.missing_glyphs(name.strip())
            if missing:
                return (
                    f"--players: the game's font cannot show {_described(missing)} in "
                    f"{name.strip()!r}; use letters, digits or Hangul"
                )
    if args.questions and args.mode == "classic" and not args.daily:
        # The whole deck: the player's settings are read by the game, which reports a damaged
        # file on its title. The setup screen says so too if spoiler-safe dramas leave fewer.
        players = max(1, len(args.players))
        capacity = limits.deal_capacity(deck, players, args.questions)
        if capacity < args.questions:
            return (
                f"--questions {args.questions}: {limits.capacity_sentence(capacity, players)}"
                f"; choose {capacity} or fewer"
            )
    return ""


def options_from_args(args: argparse.Namespace, selection: Selection) -> LaunchOptions:
    return LaunchOptions(
        deck_path=selection.infos[0].source.path,
        deck_keys=selection.keys,
        mode=args.mode,
        players=tuple(args.players),
        rounds=args.rounds,
        questions=args.questions,
        seed=args.seed,
        size=args.size,
        fullscreen=args.fullscreen,
        frames=args.frames,
        autoplay=args.autoplay,
        daily=args.daily,
        port=args.port,
        bind=args.bind,
        expect=args.expect,
    )


def first_scenes(app: App) -> None:
    """The title, plus the mode the command line asked for on top of it."""
    from game.ui.scenes import navigation
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    ctx = app.ctx
    app.start(TitleScene(ctx))
    options = ctx.options
    if options.daily:
        navigation.open_from_title(ctx, "daily")
    elif options.mode == "party":
        navigation.open_from_title(ctx, "party")
    elif options.mode == "practice":
        navigation.open_from_title(ctx, "practice")
    elif options.mode == "match" or options.autoplay or options.players:
        app.start(SetupScene(ctx, "board" if options.mode == "match" else "classic"))
    ctx.scenes.apply_pending()


def launch(args: argparse.Namespace, selection: Selection) -> int:
    options = options_from_args(args, selection)
    try:
        app = App(options, selection.deck, paths.user_data_dir())
    except pygame.error as error:
        print(
            f"kdrama-quiz: cannot open a window ({error}); is a display available?", file=sys.stderr
        )
        return 2
    app.ctx.warnings.extend(selection.warnings)
    first_scenes(app)
    if options.mode == "party":
        address = getattr(app.scene, "join_address", None)
        if address is None:
            print(
                f"kdrama-quiz: party mode cannot listen on port {options.port}: "
                f"{app.scene.problem}; choose another with --port N",
                file=sys.stderr,
            )
            pygame.quit()
            return 2
        print(f"join: {address}", flush=True)
    try:
        return app.run()
    finally:
        app.ctx.scenes.release()  # a party still open: stop its server first
        app.ctx.store.close()  # the last connection out folds the WAL back into the database
        pygame.quit()
