"""Measures of how far a sharp player could game a run of questions.

Each measure reads the questions as a player sees them (prompt, options, answer) plus the
deck, independently of how the engine chose them: the tests assert the bounds the issue
sets, and `python -m tests.core.question_audit` prints the figures for a report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from game.core.deck import Deck, Drama
from game.core.questions import Question
from tests.core.test_questions_properties import (
    cast,
    check_no_giveaway,
    correct_options,
    fold,
    names_drama,
)

ROUND = 10
_WORD_EDGE = r"(?<![\w-]){}(?![\w-])"


def in_prompt(q: Question) -> bool:
    """Whether an option is written, as whole words, in the prompt."""
    return any(
        re.search(_WORD_EDGE.format(re.escape(o.casefold())), q.prompt.casefold())
        for o in q.options
    )


def gives_away(q: Question) -> bool:
    """Whether the answer alone shares a surname or word stem with the prompt."""
    try:
        check_no_giveaway(q)
    except AssertionError:
        return True
    return False


def two_right(deck: Deck, q: Question) -> bool:
    return correct_options(deck, q) != [q.answer]


def from_drama(drama: Drama, q: Question, option: str) -> bool:
    """Whether an option belongs to the named drama (one of its cast, actors or obstacles)."""
    names = {fold(p.character) for p in cast(drama)} | {fold(p.actor) for p in cast(drama)}
    names |= {fold(c.obstacle) for c in drama.couples}
    return fold(option) in names


def only_answer_from_drama(deck: Deck, q: Question) -> bool | None:
    """For a prompt that names a drama (and offers names or obstacles): whether the answer
    is the only option from that drama. None for other questions."""
    if q.kind in ("drama", "year") or not names_drama(q):
        return None
    drama = next(d for d in deck.dramas if d.id == q.subject.drama)
    return not any(from_drama(drama, q, o) for i, o in enumerate(q.options) if i != q.answer)


def distinct_blocks(questions: Sequence[Question]) -> float:
    """Share of aligned blocks of four four-option questions whose answers take all four
    slots: 24/256 (about 9%) when slots are independent, 100% when they cycle."""
    blocks = [questions[i : i + 4] for i in range(0, len(questions) - 3, 4)]
    blocks = [b for b in blocks if all(len(q.options) == 4 for q in b)]
    return sum(len({q.answer for q in b}) == 4 for b in blocks) / max(1, len(blocks))


def _shows(text: str, name: str) -> bool:
    return re.search(_WORD_EDGE.format(re.escape(name.casefold())), text.casefold()) is not None


def leak_distances(questions: Sequence[Question], round_size: int = ROUND) -> list[int]:
    """For each question answered by something earlier in its round (an earlier prompt,
    option list or explanation naming both its answer and one of its cues), how many
    questions back the nearest such item is."""
    found = []
    for i, q in enumerate(questions):
        start = i - i % round_size
        for j in range(i - 1, start - 1, -1):
            e = questions[j]
            text = " | ".join((e.prompt, *e.options, e.explanation))
            if _shows(text, q.correct) and any(_shows(text, cue) for cue in q.cues):
                found.append(i - j)
                break
    return found


def leaky_rounds(questions: Sequence[Question], round_size: int = ROUND) -> float:
    """Share of whole rounds with at least one leak."""
    rounds = [
        questions[i : i + round_size] for i in range(0, len(questions) - round_size + 1, round_size)
    ]
    return sum(bool(leak_distances(r, round_size)) for r in rounds) / max(1, len(rounds))


@dataclass(frozen=True)
class Audit:
    questions: int
    in_prompt: int
    giveaways: int
    two_right: int
    named_drama: int
    only_answer_from_drama: int
    distinct_blocks: float

    @property
    def only_share(self) -> float:
        return self.only_answer_from_drama / max(1, self.named_drama)


def audit(deck: Deck, runs: Sequence[Sequence[Question]]) -> Audit:
    every = [q for run in runs for q in run]
    only = [only_answer_from_drama(deck, q) for q in every]
    blocks = [distinct_blocks(run) for run in runs]
    return Audit(
        questions=len(every),
        in_prompt=sum(map(in_prompt, every)),
        giveaways=sum(map(gives_away, every)),
        two_right=sum(two_right(deck, q) for q in every),
        named_drama=sum(o is not None for o in only),
        only_answer_from_drama=sum(o is True for o in only),
        distinct_blocks=sum(blocks) / len(blocks),
    )
