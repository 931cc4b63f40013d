"""The command line: argument parsing and subcommands. The only place that prints for the user.

Every kind of bad input ends here as one clear line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.core import limits
from game.core.deck import Deck, DeckError, load_deck
from game.core.wording import plural

if TYPE_CHECKING:  # loaded by the commands that use them, not by every start
    from game.core.library import Selection
    from game.core.stats import MasterySummary, Stats
    from game.core.store import Store

SUBCOMMANDS = ("check", "questions", "scores", "screenshots", "bench", "import")
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        message = f"expected WIDTHxHEIGHT such as 1280x720, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"{text} is outside 320x240 .. 7680x4320")
    return width, height


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high}, got {value}")
        return value

    return number


def _deck_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", type=Path, action="append", default=None, metavar="PATH",
                        help="a deck YAML file; give it again to play several decks together "
                             "(default: the decks chosen on the deck screen)")


def _play_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kdrama-quiz", description="K-Drama Couples Quiz: open the game.",
                     epilog=f"Other commands: {', '.join(SUBCOMMANDS)} (kdrama-quiz CMD --help)")
    _deck_option(parser)
    parser.add_argument("--mode", choices=("classic", "match", "practice", "party"),
                        default="classic")
    parser.add_argument("--players", nargs="+", metavar="NAME", default=[])
    parser.add_argument("--rounds", type=_between(1, limits.MAX_ROUNDS))
    parser.add_argument(
        "--questions", type=_between(1, limits.MAX_QUESTIONS), help="questions per player per round"
    )
    parser.add_argument("--seed", type=int)
    parser.add_argument("--size", type=_size, default=(1280, 720), help="WIDTHxHEIGHT")
    parser.add_argument("--fullscreen", action="store_true")
    parser.add_argument("--frames", type=_positive, help="quit after N frames")
    parser.add_argument("--autoplay", action="store_true", help="play one match by itself")
    parser.add_argument("--daily", action="store_true", help="play today's daily challenge")
    parser.add_argument("--port", type=_between(1, 65535),
                        help="party mode: the port phones connect to")
    parser.add_argument("--bind", default="0.0.0.0", metavar="ADDR",
                        help="party mode: the address to listen on (default: every interface)")
    parser.add_argument("--expect", type=_between(1, limits.max_players("party")), metavar="N",
                        help="party mode with --autoplay: start once N players have joined "
                        "(default 1)")
    return parser


def _command_parsers() -> dict[str, argparse.ArgumentParser]:
    check = _Parser(prog="kdrama-quiz check", description="Validate deck files.")
    check.add_argument("paths", nargs="*", type=Path)
    questions = _Parser(prog="kdrama-quiz questions", description="Print a generated quiz.")
    _deck_option(questions)
    questions.add_argument("--count", type=_positive, default=10)
    questions.add_argument("--seed", type=int)
    questions.add_argument("--kind", nargs="+", default=None, metavar="K")
    questions.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal")
    questions.add_argument("--json", action="store_true")
    scores = _Parser(prog="kdrama-quiz scores", description="High scores and player totals.")
    scores.add_argument("--json", action="store_true")
    shots = _Parser(prog="kdrama-quiz screenshots", description="Render every screen to PNG.")
    shots.add_argument("outdir", type=Path)
    shots.add_argument("--size", type=_size, default=(1280, 720))
    _deck_option(shots)
    bench = _Parser(prog="kdrama-quiz bench", description="Performance figures.")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--quick", action="store_true", help="smaller decks, for a smoke test")
    sheet = _Parser(prog="kdrama-quiz import",
                    description="Turn a spreadsheet (CSV or TSV, one row per character) into a "
                                "deck. Put the deck in the data folder's decks/ to play it.")
    sheet.add_argument("sheet", nargs="?", type=Path, help="the .csv or .tsv file")
    sheet.add_argument("-o", "--output", type=Path, help="the deck file to write (.yaml)")
    sheet.add_argument("--title", help="the deck's title (default: the sheet's file name)")
    sheet.add_argument("--template", action="store_true",
                       help="print a header row and two example rows, and stop")
    return {"check": check, "questions": questions, "scores": scores, "screenshots": shots,
            "bench": bench, "import": sheet}


def _selection(deck_paths: Sequence[Path] | None) -> Selection:
    """The decks to play: the `--deck` files (each must load: a bad one is exit 2), or else
    the ones ticked on the deck screen (a broken one is left out with a warning)."""
    from game.core.library import DeckLibrary, Selection, merge_decks, select, source_for

    library = DeckLibrary(paths.deck_cache_dir())
    if deck_paths:
        infos = [library.info(source_for(str(path), paths.data_dir())) for path in deck_paths]
        problems = [problem for info in infos for problem in info.problems]
        if problems:
            raise DeckError(problems)
        return Selection(merge_decks([info.deck for info in infos if info.deck]), tuple(infos),
                         ())
    from game.core.store import load_settings

    # A damaged settings file is set aside as it is read: its warning goes with the selection
    # (to the title screen, or stderr), since the game's own read will no longer find it.
    settings, warnings = load_settings(paths.user_data_dir())
    selection = select(settings.decks, paths.data_dir(), library, default_deck_key())
    return replace(selection, warnings=(*warnings, *selection.warnings))


def default_deck_key() -> str:
    """The deck played until the player ticks others: the seed article's deck."""
    from game.core.library import source_for

    return source_for(str(paths.default_deck()), paths.data_dir()).key


def _load(deck_paths: Sequence[Path] | None) -> Deck:
    selection = _selection(deck_paths)
    for warning in selection.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return selection.deck


def cmd_check(args: argparse.Namespace) -> int:
    from game.core.questions import count_questions

    failed = False
    chosen = args.paths or [info.source.path for info in _selection(None).infos]
    for path in chosen:
        try:
            deck = load_deck(path)
        except DeckError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
            continue
        print(check_line(path, deck, count_questions(deck)))
    return EXIT_BAD_INPUT if failed else 0


def check_line(path: Path, deck: Deck, questions: int) -> str:
    """`check`'s summary of a good deck (`import` prints the same line)."""
    couples = sum(len(d.couples) for d in deck.dramas)
    actors = len({p.actor for _d, _c, p in deck.people()})
    counts = [(len(deck.dramas), "drama"), (couples, "couple"), (actors, "actor"),
              (questions, "distinct question")]
    return f"{path}: ok — {', '.join(plural(n, noun) for n, noun in counts)}"


def cmd_import(args: argparse.Namespace) -> int:
    from game.core.questions import count_questions
    from game.core.sheet import SheetError, read_sheet, template, write_deck

    if args.template:
        sys.stdout.write(template())
        return 0
    if args.sheet is None or args.output is None:
        raise UsageError("kdrama-quiz import: give the sheet and -o DECK.yaml "
                         "(or --template for an example sheet)")
    try:
        deck, text = read_sheet(args.sheet, args.title)
    except SheetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        write_deck(args.output, text)
    except OSError as error:
        raise UsageError(f"kdrama-quiz import: cannot write {args.output}: "
                         f"{error.strerror or error}") from None
    print(check_line(args.output, deck, count_questions(deck)))
    return 0


def cmd_questions(args: argparse.Namespace) -> int:
    from game.core.questions import ROUND_SIZE, make_round

    deck = _load(args.deck)
    try:
        round_ = make_round(deck, args.count, seed=args.seed, kinds=args.kind,
                            difficulty=args.difficulty)
    except ValueError as error:
        raise UsageError(f"kdrama-quiz questions: {error}") from None
    if args.json:
        print(json.dumps([q.to_json() for q in round_], ensure_ascii=False, indent=2))
        return 0
    letters = "ABCD"
    for number, question in enumerate(round_, start=1):
        if number % ROUND_SIZE == 1 and len(round_) > ROUND_SIZE:
            print(f"— Round {number // ROUND_SIZE + 1} —\n")
        print(f"{number}. {question.prompt}")
        for index, option in enumerate(question.options):
            print(f"   {letters[index]}) {option}")
        print()
    print("Answers")
    for number, question in enumerate(round_, start=1):
        print(f"{number}. {letters[question.answer]}) {question.correct} — {question.explanation}")
    return 0


def cmd_scores(args: argparse.Namespace) -> int:
    from game.core import stats as st
    from game.core.practice import progress_json
    from game.core.scheduler import utc_now
    from game.core.store import Store

    if hasattr(sys.stdout, "reconfigure"):  # a name the terminal cannot show prints as "?"
        sys.stdout.reconfigure(errors="replace")
    store = Store(paths.user_data_dir())
    try:
        deck: Deck | None = _load(None)
    except (DeckError, OSError):  # the figures still print, with drama ids for titles
        deck = None
    stats = st.compute_stats(store, drama_titles={d.id: d.title for d in deck.dramas}
                             if deck else None, roles=st.actor_roles(deck) if deck else None)
    progress = progress_json(store.practice_states())
    mastery = st.mastery_from_json(progress, deck, utc_now()) if deck else None
    if args.json:
        _print_scores_json(store, stats, mastery)
    else:
        _print_scores(store, stats, mastery)
    store.close()
    for warning in store.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _print_scores_json(store: Store, stats: Stats, mastery: MasterySummary | None) -> None:
    """Every match (finished or not) with its questions and picks, then the figures. The
    matches stream out as the database writes them, so a long history is never held whole."""
    out = sys.stdout
    out.write('{"matches": [')
    separator = "\n"
    for batch in store.matches_json():
        out.write(separator + ",\n".join(batch))
        separator = ",\n"
    tail = {"player_bests": store.player_bests(),
            "stats": {**stats.to_json(), "practice": mastery.to_json() if mastery else None}}
    out.write("\n], " + json.dumps(tail, ensure_ascii=False, indent=2)[1:] + "\n")


def _print_scores(store: Store, stats: Stats, mastery: MasterySummary | None) -> None:
    from game.core import stats as st

    if not stats.matches:
        print("No matches recorded yet.")
    else:
        print("High scores")
        for rank, entry in enumerate(store.high_scores(10), start=1):
            print(f"{rank:>3}. {entry['name']:<20} {entry['points']:>7,}  {entry['mode']:<8} "
                  f"{entry['date']}")
        print("\nPersonal bests")
        for name, points in sorted(store.player_bests().items(), key=lambda kv: -kv[1]):
            print(f"     {name:<20} {points:>7,}")
    try:  # block characters for the bars, or ASCII where the terminal cannot show them
        "█░".encode(sys.stdout.encoding or "ascii")
        cells = ("█", "░")
    except (UnicodeEncodeError, LookupError):
        cells = ("#", "-")
    for line in st.report_lines(stats, mastery, *cells):
        print(line)


def cmd_screenshots(args: argparse.Namespace) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    from game.ui.screenshots import capture_all

    selection = _selection(args.deck)
    for warning in selection.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        args.outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"kdrama-quiz screenshots: cannot create {args.outdir}: "
                         f"{error.strerror}") from None
    for path in capture_all(args.outdir, args.size, selection.deck,
                            selection.infos[0].source.path, selection.keys):
        print(path)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import run_bench

    results = run_bench(quick=args.quick)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, value in results.items():
            print(f"{name:<48} {value}")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    selection = _selection(args.deck)
    from game.ui.launch import launch, option_problem

    problem = option_problem(args, selection.deck)
    if problem:
        raise UsageError(f"kdrama-quiz: {problem}")
    return launch(args, selection)


COMMANDS = {"check": cmd_check, "questions": cmd_questions, "scores": cmd_scores,
            "screenshots": cmd_screenshots, "bench": cmd_bench, "import": cmd_import}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            name = argv.pop(0)
            args = _command_parsers()[name].parse_args(argv)
            return COMMANDS[name](args)
        return cmd_play(_play_parser().parse_args(argv))
    except UsageError as error:
        print(error, file=sys.stderr)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kdrama-quiz scores | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
        return 0
    return EXIT_BAD_INPUT
