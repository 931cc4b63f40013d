"""`kdrama-quiz bench`: performance figures, each as a ratio to a baseline from the same run.

The machine is shared and noisy, so absolute times mean little; every figure is paired with
something measured seconds apart under the same load (a bare YAML parse, a bare pygame
window), or is a count that does not depend on the clock.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from game.core.deck import load_deck
from game.core.synthetic import synthetic_deck, synthetic_deck_yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def best_of(repeats: int, action: Callable[[], object],
            clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of several runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeats):
        gc.collect()
        started = clock()
        action()
        times.append(clock() - started)
    return min(times)


def bench_loader(couples: int) -> dict[str, float]:
    text = synthetic_deck_yaml(couples, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(text, encoding="utf-8")
        bare = best_of(3, lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=Loader))
        ours = best_of(3, lambda: load_deck(path))
    return {
        f"loader.{couples}_couples.bare_yaml_s": round(bare, 4),
        f"loader.{couples}_couples.load_deck_s": round(ours, 4),
        f"loader.{couples}_couples.ratio": round(ours / bare, 2),
    }


def bench_questions(sizes: tuple[int, ...]) -> dict[str, float]:
    from game.core.questions import QuestionBag

    results: dict[str, float] = {}
    for couples in sizes:
        deck = synthetic_deck(couples, seed=2)
        seconds = best_of(3, lambda deck=deck: QuestionBag(deck, seed=3).draw(1000))
        build = best_of(3, lambda deck=deck: QuestionBag(deck, seed=3))
        results[f"questions.1000_from_{couples}_couples_s"] = round(seconds, 4)
        results[f"questions.{couples}_couples.bag_build_s"] = round(build, 4)
        results[f"questions.{couples}_couples.draw_1000_s"] = round(max(0.0, seconds - build), 4)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        growth = results[f"questions.1000_from_{large}_couples_s"] / results[
            f"questions.1000_from_{small}_couples_s"]
        results[f"questions.growth_{small}_to_{large}_vs_linear_{large // small}x"] = round(
            growth, 2)
    return results


def bench_count(sizes: tuple[int, int], repeats: int = 5) -> dict[str, float]:
    """`count_questions` (what `check` reports) on a small and a big deck, the runs
    interleaved so both see the same load; it lists every question, so it should grow
    linearly with the deck. Timed in the process's CPU time: the growth is the question, and
    on a shared machine a second-long run is often paused for other work, a short one rarely.
    """
    from game.core.questions import count_questions

    decks = {couples: synthetic_deck(couples, seed=2) for couples in sizes}
    best = dict.fromkeys(sizes, float("inf"))
    for _ in range(repeats):
        for couples, deck in decks.items():
            best[couples] = min(best[couples], best_of(
                1, lambda deck=deck: count_questions(deck), clock=time.process_time))
    small, large = sizes
    results = {f"check.count_questions_{n}_couples_s": round(best[n], 4) for n in sizes}
    results[f"check.count_growth_{small}_to_{large}_vs_linear_{large // small}x"] = round(
        best[large] / best[small], 2
    )
    return results


def bench_memory(couples: int) -> dict[str, float]:
    """Peak Python heap while loading a big deck and dealing 1,000 questions from it."""
    from game.core.questions import QuestionBag

    text = synthetic_deck_yaml(couples, seed=4)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(text, encoding="utf-8")
        del text
        gc.collect()
        tracemalloc.start()
        deck = load_deck(path)
        QuestionBag(deck, seed=5).draw(1000)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {f"memory.load_and_1000_questions_{couples}_couples_peak_mb": round(peak / 2**20, 1)}


def bench_names(couples: int, answers: int = 2000) -> dict[str, float]:
    """Judging typed actor names: slips (the last letter wrong), and names that read as
    someone else (one given-name syllable changed). The baseline is the naive judge: the
    nearest of all the deck's actor names by edit distance (rapidfuzz, in C)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from game.core.names import NameMatcher, normalise
    from game.core.romanization import split_hangul, surname_spellings, syllable_spellings

    deck = synthetic_deck(couples, seed=6)
    hangul = {p.actor: p.actor_hangul for _d, _c, p in deck.people()}
    actors = sorted(hangul)[:answers]
    started = time.perf_counter()
    matcher = NameMatcher.from_deck(deck)
    build = time.perf_counter() - started
    typed = [(a.lower().replace("-", " ")[:-1] + "x", a) for a in actors]
    per = best_of(3, lambda: [matcher.check(t, a) for t, a in typed]) / len(typed)
    everyone = [normalise(a) for a in hangul]
    sample = [normalise(t) for t, _ in typed[:200]]
    naive = best_of(
        3, lambda: [process.extractOne(t, everyone, scorer=Levenshtein.distance) for t in sample]
    ) / len(sample)

    def someone_else(name: str) -> str:
        surname, given = split_hangul(name) or ("", "")
        swap = "민" if given[-1:] != "민" else "진"
        spelt = [syllable_spellings(ch)[0][0] for ch in given[:-1] + swap]
        return f"{surname_spellings(surname)[0][0]} {'-'.join(spelt)}"

    others = [(someone_else(hangul[a]), a) for a in actors if hangul[a]]
    per_other = best_of(3, lambda: [matcher.check(t, a) for t, a in others]) / len(others)
    return {
        f"names.{couples}_couples.build_s": round(build, 3),
        f"names.{couples}_couples.judge_ms_per_answer": round(per * 1000, 4),
        f"names.{couples}_couples.nearest_name_ms_per_answer": round(naive * 1000, 4),
        f"names.{couples}_couples.judge_ratio": round(per / naive, 2),
        f"names.{couples}_couples.judge_other_name_ms_per_answer": round(per_other * 1000, 4),
    }


def _child_env(driver: str = "dummy") -> dict[str, str]:
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER=driver, SDL_AUDIODRIVER="dummy",
               PYGAME_HIDE_SUPPORT_PROMPT="1",
               KDRAMA_QUIZ_HOME=tempfile.mkdtemp(prefix="kdrama-bench-"),
               XDG_CACHE_HOME=tempfile.mkdtemp(prefix="kdrama-bench-cache-"))
    return env


BARE_WINDOW = (
    "import pygame\n"
    "pygame.display.init()\n"
    "pygame.display.set_mode((1280, 720))\n"
    "pygame.display.flip()\n"
)
# The same window imported the way the game imports pygame (see `game.ui`): without
# `pkg_resources`, so the game's own start-up work can be told apart from that saving.
BARE_WINDOW_AS_THE_GAME_IMPORTS = (
    "import sys\n"
    "sys.modules['pkg_resources'] = None\n"
    "import pygame\n"
    "del sys.modules['pkg_resources']\n"
    + BARE_WINDOW.removeprefix("import pygame\n")
)


def _time_process(args: list[str], env: dict[str, str], repeats: int) -> float:
    """The fastest of `repeats` runs of a command, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def bench_startup(repeats: int, home: Path | None = None) -> dict[str, float]:
    """Process start to the first drawn title frame, against a bare pygame window script.

    Both run with compiled bytecode, as an installed game does (pip compiles on install): a
    checkout run under PYTHONDONTWRITEBYTECODE would recompile the game on every start.
    """
    env = _child_env()
    if home is not None:  # the player's data folder to start with (a long history, say)
        env["KDRAMA_QUIZ_HOME"] = str(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="kdrama-bench-pyc-")
    bare_args = [sys.executable, "-c", BARE_WINDOW]
    lean_args = [sys.executable, "-c", BARE_WINDOW_AS_THE_GAME_IMPORTS]
    game_args = [sys.executable, "-m", "game", "--frames", "1"]
    every_deck = dict(env, KDRAMA_QUIZ_HOME=_home_with_every_bundled_deck())
    # Warm-up: writes the bytecode, fills the disk cache and the game's cache of read decks
    # (a player's second start onwards; the first start reads the YAML).
    _time_process(bare_args, env, 1)
    _time_process(lean_args, env, 1)
    _time_process(game_args, env, 1)
    _time_process(game_args, every_deck, 1)
    # Interleaved, and the fastest of each: all see the same moments of a noisy machine.
    runs = [(_time_process(bare_args, env, 1), _time_process(lean_args, env, 1),
             _time_process(game_args, env, 1), _time_process(game_args, every_deck, 1))
            for _ in range(repeats)]
    bare, lean, game, decks = (min(run[i] for run in runs) for i in range(4))
    return {"startup.bare_pygame_window_s": round(bare, 3),
            "startup.game_first_title_frame_s": round(game, 3),
            "startup.ratio": round(game / bare, 2),
            "startup.every_bundled_deck_chosen_s": round(decks, 3),
            "startup.every_bundled_deck_chosen_ratio": round(decks / bare, 2),
            "startup.bare_window_without_pkg_resources_s": round(lean, 3),
            "startup.game_own_work_s": round(game - lean, 3),
            "startup.every_bundled_deck_own_work_s": round(decks - lean, 3)}


def _home_with_every_bundled_deck() -> str:
    """A player's data folder whose settings tick every bundled deck."""
    import json

    from game import paths
    from game.core.library import sources

    home = Path(tempfile.mkdtemp(prefix="kdrama-bench-decks-"))
    keys = [source.key for source in sources(paths.data_dir(), home)]
    (home / "settings.json").write_text(json.dumps({"version": 1, "decks": keys}), "utf-8")
    return str(home)


def _measured(module: str, *args: object, env: dict[str, str]) -> dict[str, float]:
    """Run a measuring module (`game.bench_child`, `game.bench_party`) in its own process, as
    a player's game runs, and read back the `name=value` figures it prints."""
    out = subprocess.run([sys.executable, "-m", module, *map(str, args)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return {k: float(v) for k, v in (line.split("=") for line in out.split())}


def bench_frames(frames: int) -> dict[str, float]:
    """Draw cost of the busiest screens (question, feedback) with the text cache warm."""
    return _measured("game.bench_child", "frames", frames, env=_child_env())


def bench_screens(couples: int) -> dict[str, float]:
    """Time to open each screen (and to start a board match) on a big deck, beside the same
    on the bundled deck in the same run."""
    results: dict[str, float] = {}
    env = _compiled(_child_env())  # the bundled deck's run compiles what the big one imports
    for size in (0, couples):
        results.update(_measured("game.bench_child", "screens", size, env=env))
    return results


def _compiled(env: dict[str, str]) -> dict[str, str]:
    """Run with compiled bytecode, as an installed game does (see `bench_startup`): a screen
    opened the first time imports its module, and a checkout run under
    PYTHONDONTWRITEBYTECODE would time compiling it."""
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="kdrama-bench-pyc-")
    return env


def bench_frames_4k(couples: int, frames: int) -> dict[str, float]:
    """Every screen of the screenshot tour redrawn at 3840x2160 (p99 of `frames` redraws),
    on the bundled deck and on a big one."""
    results: dict[str, float] = {}
    for size in (0, couples):
        results.update(_measured("game.bench_child", "frames4k", frames, size, env=_child_env()))
    return results


def bench_idle_cpu(seconds: float) -> dict[str, float]:
    """CPU share of one core while a screen sits idle or counts down, in a real X window."""
    display, xvfb = _xvfb()
    if display is None:
        return {"idle_cpu.skipped_no_xvfb": 1.0}
    try:
        env = _child_env("x11")
        env["DISPLAY"] = display
        results: dict[str, float] = {}
        for screen in ("title", "scoreboard", "countdown"):
            results.update(_measured("game.bench_child", "idle", screen, seconds, env=env))
        return results
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()


def bench_party(players: int, questions: int) -> dict[str, float]:
    """Party mode on loopback: `players` phones answer every question at once. Answers sent
    and counted, answer-to-"locked" latency, the host's frame time while answers arrive."""
    return _measured("game.bench_party", players, questions, env=_child_env())


def _xvfb() -> tuple[str | None, subprocess.Popen | None]:
    from shutil import which

    if which("Xvfb") is None:
        return (os.environ.get("DISPLAY"), None)
    display = ":97"
    process = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten",
                                "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return display, process


def make_history(home: Path, matches: int, detailed: int, questions: int = 10) -> None:
    """A long history in `home`'s database, written straight with executemany: `matches`
    two-player matches, the last `detailed` of them with `questions` questions and a pick on
    each (the older ones carry no questions, as matches imported from the JSON files of
    earlier versions do: the 200,000-match scores.json of issue 8 was 36 MB of those)."""
    from game.core.store import DATABASE_FILE, Store

    Store(home).close()
    db = sqlite3.connect(home / DATABASE_FILE)
    names = [f"Player {n}" for n in range(12)]
    options = json.dumps(["Hyun Bin", "Son Ye-jin", "Kim Soo-hyun", "Jun Ji-hyun"])
    first_detailed = matches - detailed
    with db:
        db.executemany(
            "INSERT INTO question_texts (id, kind, prompt, options, answer, drama, character, "
            "actor) VALUES (?, 'actor', ?, ?, 1, ?, ?, ?)",
            ((n, f"Who plays Character {n} in Drama {n % 60}?", options, f"drama-{n % 60}",
              f"Character {n}", f"Actor {n % 400}") for n in range(1200)))
        db.executemany(
            "INSERT INTO matches (no, id, mode, deck, finished_at, rounds, complete, round_no, "
            "open) VALUES (?, ?, 'classic', 'Bench', ?, 1, 1, 1, 0)",
            ((n + 1, f"{n:032x}", f"{2000 + n // 20000}-01-01T{n // 3600 % 24:02d}:"
              f"{n // 60 % 60:02d}:{n % 60:02d}+00:00") for n in range(matches)))
        db.executemany(
            "INSERT INTO match_players VALUES (?, ?, ?, ?, ?, ?)",
            ((n + 1, seat, names[(n + seat) % len(names)], (n * 37 + seat * 101) % 5000,
              questions // 4, questions // 2) for n in range(matches) for seat in (0, 1)))
        db.executemany(
            "INSERT INTO questions VALUES (?, ?, 1, ?)",
            ((n + 1, q, (n * 7 + q) % 1200) for n in range(first_detailed, matches)
             for q in range(questions)))
        db.executemany(
            "INSERT INTO picks VALUES (?, ?, ?, ?, 3.5, ?, ?, 0)",
            ((n + 1, q, names[(n + q % 2) % len(names)], q % 4, int(q % 4 == 1), 500 * (q % 4 == 1))
             for n in range(first_detailed, matches) for q in range(questions)))
    db.close()


def bench_store(matches: int, detailed: int, answers: int = 20) -> dict[str, float]:
    """With a long history: saving one answer (against an empty write transaction on the
    same database, the floor of any save) and `kdrama-quiz scores --json` as a player runs
    it (against starting the interpreter), and the game's start with that history."""
    from game.core.deck import load_deck
    from game.core.session import Match
    from game.core.store import DATABASE_FILE, Store
    from game.paths import default_deck

    home = Path(tempfile.mkdtemp(prefix="kdrama-bench-history-"))
    try:
        started = time.perf_counter()
        make_history(home, matches, detailed)
        built = time.perf_counter() - started
        store = Store(home)
        match = Match(load_deck(default_deck()), ["Ann", "Bo"], rounds=1,
                      questions_per_round=answers // 2, seed=1, time_limit=None)
        match.start_round()
        store.record_match(match.record())
        saves, empty = [], []
        raw = sqlite3.connect(home / DATABASE_FILE, isolation_level=None)
        while not match.round_over:
            match.answer(match.current_question.answer, 1.0)
            pick = match.last_pick()
            began = time.perf_counter()
            store.save_answer(match.id, *pick)
            saves.append(time.perf_counter() - began)
            began = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("COMMIT")
            empty.append(time.perf_counter() - began)
        raw.close()
        store.close()
        env = _child_env()
        env["KDRAMA_QUIZ_HOME"] = str(home)
        out = home / "scores.json.out"
        bare = best_of(3, lambda: subprocess.run([sys.executable, "-c", "pass"], env=env,
                                                 check=True))
        times = []
        for _ in range(3):
            with open(out, "wb") as handle:
                began = time.perf_counter()
                subprocess.run([sys.executable, "-m", "game", "scores", "--json"], env=env,
                               check=True, stdout=handle)
                times.append(time.perf_counter() - began)
        size = out.stat().st_size
        saves.sort()
        empty.sort()
        results = {
            f"store.{matches}_matches.history_build_s": round(built, 2),
            f"store.{matches}_matches.db_mb": round((home / DATABASE_FILE).stat().st_size
                                                    / 2**20, 1),
            f"store.{matches}_matches.save_answer_ms_median": round(
                saves[len(saves) // 2] * 1000, 2),
            f"store.{matches}_matches.save_answer_ms_max": round(saves[-1] * 1000, 2),
            f"store.{matches}_matches.empty_write_ms_median": round(
                empty[len(empty) // 2] * 1000, 2),
            f"store.{matches}_matches.scores_json_s": round(min(times), 3),
            f"store.{matches}_matches.scores_json_mb": round(size / 2**20, 1),
            f"store.{matches}_matches.bare_python_s": round(bare, 3),
        }
        results.update({k.replace("startup.", f"store.{matches}_matches.startup_"): v
                        for k, v in bench_startup(5, home=home).items()})
        return results
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_bench(quick: bool = False) -> dict[str, float]:
    big = 1000 if quick else 10_000
    results: dict[str, float] = {}
    results.update(bench_loader(big))
    results.update(bench_questions((1000, big) if not quick else (100, 1000)))
    results.update(bench_count((1000, big) if not quick else (100, 1000)))
    results.update(bench_memory(big))
    results.update(bench_names(big))
    results.update(bench_import(1000 if quick else 10_000))
    results.update(bench_startup(2 if quick else 5))
    results.update(bench_store(20_000 if quick else 200_000, 1_000 if quick else 10_000))
    results.update(bench_frames(60 if quick else 400))
    results.update(bench_screens(big))
    results.update(bench_frames_4k(big, 10 if quick else 30))
    results.update(bench_idle_cpu(1.0 if quick else 3.0))
    results.update(bench_party(50, 3 if quick else 10))
    results["process.max_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def sheet_rows(couples: int) -> str:
    """A CSV sheet with one row per character of a synthetic deck (two per couple)."""
    import csv
    import io

    from game.core.sheet import COLUMNS

    deck = synthetic_deck(couples, seed=8)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for drama in deck.dramas:
        for couple in drama.couples:
            for person, other in (couple.partners, couple.partners[::-1]):
                writer.writerow({
                    "drama": drama.title, "year": drama.year or "",
                    "drama_hangul": drama.hangul or "", "character": person.character,
                    "character_hangul": person.hangul or "", "actor": person.actor,
                    "actor_hangul": person.actor_hangul or "", "gender": person.gender or "",
                    "description": person.description, "partner": other.character,
                    "obstacle": couple.obstacle, "aliases": "|".join(person.aliases),
                    "actor_aliases": "|".join(person.actor_aliases),
                })
    return out.getvalue()


def bench_import(rows: int) -> dict[str, float]:
    """`kdrama-quiz import` of a sheet with `rows` characters, against a bare CSV parse."""
    import contextlib
    import csv
    import io

    from game.cli import main

    text = sheet_rows(rows // 2)
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "big.csv"
        sheet.write_text(text, encoding="utf-8")
        bare = best_of(3, lambda: list(csv.reader(io.StringIO(sheet.read_text("utf-8")))))
        quiet = io.StringIO()
        with contextlib.redirect_stdout(quiet):
            ours = best_of(2, lambda: main(["import", str(sheet), "-o",
                                            str(Path(folder) / "big.yaml")]))
    return {f"import.{rows}_rows.bare_csv_s": round(bare, 4),
            f"import.{rows}_rows.import_command_s": round(ours, 3),
            f"import.{rows}_rows.ratio": round(ours / bare, 1)}
