"""From parsed command-line options to a running window, starting at the right screen."""

from __future__ import annotations

import argparse
import sys

import pygame

from game import paths
from game.core.library import Selection
from game.ui.app import App, LaunchOptions


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


def launch(args: argparse.Namespace, selection: Selection) -> int:
    options = options_from_args(args, selection)
    try:
        app = App(options, selection.deck, paths.user_data_dir())
    except pygame.error as error:
        print(f"kdrama-quiz: cannot open a window ({error}); is a display available?",
              file=sys.stderr)
        return 2
    app.ctx.warnings.extend(selection.warnings)
    first_scenes(app)
    try:
        return app.run()
    finally:
        pygame.quit()
