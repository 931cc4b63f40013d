from __future__ import annotations

import json
import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import paths
from game.core.board import (
    CHAIN,
    COUPLES,
    MAX_COUPLES,
    PENALTY_SECONDS,
    Board,
    BoardProgress,
    BoardRun,
    Verdict,
    build_boards,
    format_clock,
    plan_boards,
    record_key,
    score_boards,
    variant_for,
)
from game.core.deck import Couple, Deck, Drama, Person, load_deck
from game.core.store import Store
from game.core.synthetic import synthetic_deck

DECK = load_deck(paths.default_deck())
CLOY = "drama:crash-landing-on-you"


def solve(progress: BoardProgress) -> None:
    for link in sorted(progress.board.links, key=sorted):
        assert progress.attempt(*sorted(link)) is Verdict.RIGHT


def board_with_cloy(variant: str = COUPLES) -> Board:
    return next(b for b in build_boards(DECK, variant, seed=1) if CLOY in
                {item.id for item in b.items})


def a_wrong_pair(board: Board) -> tuple[str, str]:
    left = board.columns[0][0]
    other = next(item for item in board.columns[1] if item.id not in board.partners(left.id))
    return left.id, other.id


# -- building ----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=14), st.integers(0, 2**32 - 1),
       st.integers(2, 9))
def test_plans_keep_boards_small_and_groups_together(sizes, seed, cap):
    plan = plan_boards(sizes, seed, cap)
    assert all(sum(size for _, size in board) <= cap for board in plan)
    placed = Counter()
    for board in plan:
        for group, size in board:
            placed[group] += size
    assert placed == Counter(dict(enumerate(sizes)))
    for group, size in enumerate(sizes):
        boards_holding = [b for b in plan if any(g == group for g, _ in b)]
        assert len(boards_holding) == (1 if size <= cap else math.ceil(size / cap))


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_single_couple_dramas_fill_the_fewest_boards_evenly(count, seed):
    loads = [sum(s for _, s in board) for board in plan_boards([1] * count, seed)]
    assert len(loads) == math.ceil(count / MAX_COUPLES)
    assert max(loads) - min(loads) <= 1


@pytest.mark.parametrize("variant", [COUPLES, CHAIN])
def test_the_bundled_deck_makes_two_boards_with_every_couple_once(variant):
    boards = build_boards(DECK, variant, seed=5)
    assert sorted(board.couples for board in boards) == [4, 5]
    titles = Counter(item.label for b in boards for item in b.columns[-1])
    assert titles == Counter(drama.title for drama in DECK.dramas)  # each drama shown once
    cloy = board_with_cloy(variant).item(CLOY)
    assert cloy.label == "Crash Landing on You" and cloy.slots == 2
    assert sum(board.pairs for board in boards) == 9 * (1 if variant == COUPLES else 2)


def test_cards_show_names_and_titles_only():
    """Titles and names are no spoilers, so every drama is on the board even when hidden."""
    labels = {item.label for board in build_boards(DECK, COUPLES, seed=2) for item in board.items}
    expected = {drama.title for drama in DECK.dramas} | {
        f"{couple.partners[0].character} & {couple.partners[1].character}"
        for _, couple in DECK.couples()
    }
    assert labels == expected
    couples = [item for b in build_boards(DECK, COUPLES, seed=2) for item in b.columns[0]]
    assert all(item.hangul and " & " in item.hangul for item in couples)  # the deck has Hangul


def test_a_seed_reproduces_the_shuffle_and_another_seed_changes_it():
    def order(seed: int) -> list[list[str]]:
        return [[i.id for col in b.columns for i in col] for b in build_boards(DECK, seed=seed)]

    assert order(9) == order(9)
    assert any(order(9) != order(seed) for seed in range(10, 15))


def test_chain_boards_link_character_to_partner_to_drama():
    board = board_with_cloy(CHAIN)
    middle = {item.id for item in board.columns[1]}
    for link in board.links:
        assert len(link & middle) == 1  # every link touches the partner column
    assert len(board.partners(CLOY)) == 2


def person(name: str, actor: str) -> Person:
    return Person(character=name, actor=actor, description="someone")


def test_cards_that_would_read_the_same_are_told_apart():
    def drama(slug: str, year: int, a: str, b: str) -> Drama:
        couple = Couple(f"{slug}-c", "fate", (person("Kim", a), person("Lee", b)))
        return Drama(slug, "Remake", (couple,), year=year)

    deck = Deck("Twins", (drama("old", 1999, "Actor A", "Actor B"),
                          drama("new", 2021, "Actor C", "Actor D")))
    (board,) = build_boards(deck, COUPLES, seed=0)
    assert sorted(i.label for i in board.columns[1]) == ["Remake (1999)", "Remake (2021)"]
    assert sorted(i.label for i in board.columns[0]) == [
        "Kim & Lee (Actor A & Actor B)", "Kim & Lee (Actor C & Actor D)"]


def test_a_drama_bigger_than_a_board_is_split_over_boards():
    couples = tuple(Couple(f"c{i}", "x", (person(f"A{i}", f"P{i}"), person(f"B{i}", f"Q{i}")))
                    for i in range(10))
    deck = Deck("Big", (Drama("big", "Big Drama", couples),))
    boards = build_boards(deck, COUPLES, seed=0)
    assert [b.item("drama:big").slots for b in boards] == [5, 5]
    assert {i.id for b in boards for i in b.columns[0]} == {f"couple:c{i}" for i in range(10)}


def test_variant_follows_the_difficulty():
    assert variant_for("hard") == CHAIN
    assert variant_for("normal") == variant_for("easy") == COUPLES


# -- playing -----------------------------------------------------------------------------------


def test_a_right_pair_locks_in_and_a_wrong_one_costs_time():
    board = build_boards(DECK, COUPLES, seed=3)[0]
    progress = BoardProgress(board)
    progress.tick(2.0)
    couple, other = a_wrong_pair(board)
    assert progress.attempt(couple, other) is Verdict.WRONG
    assert progress.wrong == 1 and progress.clock == 2.0 + PENALTY_SECONDS
    (drama,) = board.partners(couple)
    assert progress.attempt(drama, couple) is Verdict.RIGHT  # either order
    assert not progress.is_open(couple)
    assert progress.attempt(couple, other) is Verdict.FULL  # locked: no second guess, no cost
    assert progress.wrong == 1


def test_picking_two_cards_of_one_column_is_no_attempt():
    board = build_boards(DECK, COUPLES, seed=3)[0]
    progress = BoardProgress(board)
    first, second = board.columns[0][:2]
    assert progress.attempt(first.id, second.id) is Verdict.SAME_COLUMN
    assert progress.wrong == 0 and not progress.linked


def test_a_two_couple_drama_takes_both_couples_then_is_full():
    board = board_with_cloy()
    progress = BoardProgress(board)
    first, second = sorted(board.partners(CLOY))
    assert progress.attempt(first, CLOY) is Verdict.RIGHT
    assert progress.is_open(CLOY) and progress.filled(CLOY, 0) == 1
    stranger = next(i.id for i in board.columns[0] if i.id not in (first, second))
    assert progress.attempt(stranger, CLOY) is Verdict.WRONG
    assert progress.attempt(second, CLOY) is Verdict.RIGHT
    assert not progress.is_open(CLOY)
    assert progress.attempt(stranger, CLOY) is Verdict.FULL


def test_chain_pairs_must_be_neighbours_and_both_links_count():
    board = board_with_cloy(CHAIN)
    progress = BoardProgress(board)
    character = board.columns[0][0]
    assert progress.attempt(character.id, board.columns[2][0].id) is Verdict.NOT_NEIGHBOURS
    (partner,) = board.partners(character.id)
    assert progress.attempt(character.id, partner) is Verdict.RIGHT
    assert progress.is_open(partner)  # still needs its drama
    (drama,) = board.partners(partner) - {character.id}
    assert progress.attempt(partner, drama) is Verdict.RIGHT
    assert not progress.is_open(partner)
    solve_rest = BoardProgress(board)
    solve(solve_rest)
    assert solve_rest.done and len(solve_rest.linked) == board.pairs


def test_a_run_plays_the_boards_in_turn_and_totals_them():
    boards = build_boards(DECK, COUPLES, seed=4)
    run = BoardRun(boards)
    with pytest.raises(RuntimeError):
        run.next_board()
    run.current.tick(10.0)
    run.current.attempt(*a_wrong_pair(run.current.board))
    solve(run.current)
    run.next_board()
    assert run.index == 1 and not run.done
    run.current.tick(5.0)
    solve(run.current)
    run.next_board()
    assert run.done
    assert (run.right, run.wrong, run.pairs) == (9, 1, 9)
    assert run.seconds == pytest.approx(15.0 + PENALTY_SECONDS)
    assert run.score() == score_boards(9, 1, 15.0 + PENALTY_SECONDS)


# -- scoring -----------------------------------------------------------------------------------


def test_scores_reward_pairs_speed_and_accuracy():
    quick = score_boards(9, 0, 30.0)  # under par (54 s)
    assert (quick.base, quick.time_bonus, quick.penalty, quick.total) == (900, 450, 0, 1350)
    slow = score_boards(9, 0, 200.0)  # beyond twice par: no bonus
    assert slow.total == 900
    halfway = score_boards(9, 0, 81.0)  # half-way between par and twice par
    assert halfway.time_bonus == 225
    careless = score_boards(9, 3, 30.0)
    assert careless.total == quick.total - 75


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 20), st.integers(0, 200), st.floats(0, 3600), st.floats(0, 600))
def test_scores_are_never_negative_and_never_grow_with_time(right, wrong, seconds, later):
    score = score_boards(right, wrong, seconds)
    assert score.total >= 0
    assert score_boards(right, wrong, seconds + later).total <= score.total
    assert score_boards(right, wrong + 1, seconds).total <= score.total


def test_clock_format():
    assert [format_clock(s) for s in (0, 42.9, 65, 750)] == ["0:00", "0:42", "1:05", "12:30"]


# -- best times --------------------------------------------------------------------------------


def test_the_best_time_is_kept_per_deck_and_variant(tmp_path):
    key = record_key(DECK.title, COUPLES)
    times = Store(tmp_path)
    assert times.best_time(key) is None
    assert times.record_time(key, 50.0, "Ann")
    assert not times.record_time(key, 61.0, "Bo")
    assert times.record_time(key, 42.5, "Bo")
    best = Store(tmp_path).best_time(key)  # read back by another copy
    assert (best.seconds, best.player) == (42.5, "Bo")
    assert Store(tmp_path).best_time(record_key(DECK.title, CHAIN)) is None


def test_an_old_boards_file_is_imported_and_a_damaged_record_costs_only_itself(tmp_path):
    good, bad = record_key("Deck", COUPLES), record_key("Deck", CHAIN)
    (tmp_path / "boards.json").write_text(json.dumps({"version": 1, "best": {
        good: {"seconds": 30, "player": "Ann", "date": ""}, bad: {"seconds": "fast"}}}))
    times = Store(tmp_path)
    assert times.best_time(good).seconds == 30
    assert times.best_time(bad) is None
    assert any(bad in w for w in times.warnings)
    assert times.record_time(bad, 99.0, "Bo")
    assert times.best_time(good).seconds == 30
    assert (tmp_path / "boards.json.imported").exists()


def test_a_damaged_old_file_is_set_aside_with_a_warning(tmp_path):
    (tmp_path / "boards.json").write_text("{not json")
    times = Store(tmp_path)
    assert times.best_time("k") is None
    assert times.warnings and "boards.json" in times.warnings[0]
    assert list(tmp_path.glob("boards.json.corrupt-*"))
    assert times.record_time("k", 10.0, "Ann")


def _scan_every_board(group_sizes, seed, cap):
    """The plan as first written: every board scanned for every piece (quadratic)."""
    import random

    pieces = []
    for group, size in enumerate(group_sizes):
        parts = math.ceil(size / cap)
        pieces += [(group, size // parts + (i < size % parts)) for i in range(parts)]
    rng = random.Random(seed)
    rng.shuffle(pieces)
    pieces.sort(key=lambda piece: -piece[1])
    count = max(1, math.ceil(sum(size for _, size in pieces) / cap))
    while True:
        boards = [[] for _ in range(count)]
        loads = [0] * count
        for piece in pieces:
            room = [i for i in range(count) if loads[i] + piece[1] <= cap]
            if not room:
                break
            target = min(room, key=lambda i: loads[i])
            boards[target].append(piece)
            loads[target] += piece[1]
        else:
            return [board for board in boards if board]
        count += 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=60), st.integers(0, 99),
       st.integers(1, 6))
def test_the_heap_plan_is_the_same_plan_as_scanning_every_board(sizes, seed, cap):
    assert plan_boards(sizes, seed, cap) == _scan_every_board(sizes, seed, cap)


@pytest.mark.parametrize("variant", [COUPLES, CHAIN])
def test_boards_built_when_first_looked_at_are_the_same_in_any_order(variant):
    deck = synthetic_deck(60, seed=4)
    in_order = list(build_boards(deck, variant, seed=9))
    jumping = build_boards(deck, variant, seed=9)
    assert jumping[-1] == in_order[-1] and jumping[2] == in_order[2]
    assert list(jumping) == in_order
    assert jumping.pairs == sum(board.pairs for board in in_order)
    assert BoardRun(build_boards(deck, variant, seed=9)).pairs == jumping.pairs
