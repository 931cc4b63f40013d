"""From parsed command-line options to a running window, starting at the right screen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pygame

from game import paths
from game.core.deck import Deck
from game.ui.app import App, LaunchOptions


def options_from_args(args: argparse.Namespace, deck_path: Path) -> LaunchOptions:
    return LaunchOptions(
        deck_path=deck_path,
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
    elif options.mode == "practice":
        navigation.open_from_title(ctx, "practice")
    elif options.mode == "match" or options.autoplay or options.players:
        app.start(SetupScene(ctx, "board" if options.mode == "match" else "classic"))
    ctx.scenes.apply_pending()


def launch(args: argparse.Namespace, deck: Deck, deck_path: Path) -> int:
    options = options_from_args(args, deck_path)
    try:
        app = App(options, deck, paths.user_data_dir())
    except pygame.error as error:
        print(f"kdrama-quiz: cannot open a window ({error}); is a display available?",
              file=sys.stderr)
        return 2
    first_scenes(app)
    try:
        return app.run()
    finally:
        app.ctx.store.close()  # the last connection out folds the WAL back into the database
        pygame.quit()
