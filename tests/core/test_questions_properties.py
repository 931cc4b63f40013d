"""Property tests: random awkward decks, checked against an independent oracle.

The decks are drawn from small pools of names so that collisions are the rule: one actor in
several dramas, one actor playing two characters, names that differ only in case, aliases
that are other characters' names, shared obstacles and descriptions (and descriptions that
share a word), shared surnames, rivals who also love someone, missing genders. The oracle
reads the deck directly (case-insensitive names and aliases, no classes, no indexes) and
decides, per kind, which options a player could defend as right; the word rules (content
words, surnames, stems) are the ones game.core.stems defines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.core.deck import Couple, Deck, Drama, Person
from game.core.questions import DIFFICULTIES, Question, QuestionBag
from game.core.stems import content_stems, folded_words, mentions, name_clues, shared, text_clues

ACTORS = [
    "Kim Soo-hyun",
    "KIM SOO-HYUN",
    "Lee Min-ho",
    "Son Ye-jin",
    "Hyun Bin",
    "Jun Ji-hyun",
    "Yoon Hyun-min",
    "Seo Ji-hye",
]
CHARACTERS = [
    "Holo",
    "HOLO",
    "Go Nan-do",
    "Nan-do",
    "Yoon Se-ri",
    "Se-ri",
    "Ri Jeong-hyeok",
    "Seo Dan",
    "Lee Gon",
    "Han So-yeon",
    "Do Min-joon",
]
TITLES = ["My Holo Love", "my holo love", "Crash Landing on You", "CLOY", "The King", "Goblin"]
OBSTACLES = ["Parallel worlds", "parallel worlds", "The border", "An AI hologram", "Time"]
DESCRIPTIONS = [
    "an AI hologram",
    "An AI Hologram",
    "a reclusive engineer",
    "an heiress",
    "a captain",
    "a detective",
    "an alien",
    "the heir of a business empire",
    "a chaebol heir",
    "a detective from Seoul",
    "a Holo fan",
]
GENDERS = ["female", "male", None]
YEARS = [None, 2004, 2013, 2019, 2020]


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def names(text: str, aliases: Iterable[str]) -> set[str]:
    return {fold(text)} | {fold(alias) for alias in aliases}


def char_names(p: Person) -> set[str]:
    return names(p.character, p.aliases)


def actor_names(p: Person) -> set[str]:
    return names(p.actor, p.actor_aliases)


def cast(drama: Drama) -> list[Person]:
    return [p for c in drama.couples for p in c.partners] + list(drama.characters)


persons = st.builds(
    Person,
    character=st.sampled_from(CHARACTERS),
    actor=st.sampled_from(ACTORS),
    description=st.sampled_from(DESCRIPTIONS),
    aliases=st.lists(st.sampled_from(CHARACTERS), max_size=1).map(tuple),
    actor_aliases=st.lists(st.sampled_from(ACTORS), max_size=1).map(tuple),
    gender=st.sampled_from(GENDERS),
)
couple_parts = st.tuples(
    st.sampled_from(OBSTACLES), st.sampled_from([None, "A story."]), persons, persons
)
drama_parts = st.tuples(
    st.sampled_from(TITLES),
    st.lists(st.sampled_from(TITLES), max_size=1).map(tuple),
    st.sampled_from(YEARS),
    st.lists(couple_parts, min_size=1, max_size=3),
    st.lists(persons, max_size=2).map(tuple),
)


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    dramas = []
    for d, (title, aliases, year, couples, extras) in enumerate(
        draw(st.lists(drama_parts, min_size=1, max_size=3))
    ):
        drama = Drama(
            id=f"d{d}",
            title=title,
            aliases=aliases,
            year=year,
            characters=extras,
            couples=tuple(
                Couple(f"d{d}c{k}", obstacle, (a, b), story)
                for k, (obstacle, story, a, b) in enumerate(couples)
            ),
        )
        dramas.append(with_rivals(draw, drama))
    return Deck("random", tuple(dramas))


def with_rivals(draw: st.DrawFn, drama: Drama) -> Drama:
    """Some of the drama's people also love someone else in it (as the loader requires)."""
    names = [p.character for p in cast(drama)]

    def loving(person: Person) -> Person:
        loves = draw(st.lists(st.sampled_from(names), max_size=1))
        return replace(person, also_loves=tuple(loves)) if loves else person

    return replace(
        drama,
        couples=tuple(
            replace(c, partners=(loving(c.partners[0]), loving(c.partners[1])))
            for c in drama.couples
        ),
        characters=tuple(loving(p) for p in drama.characters),
    )


def p(
    character: str,
    actor: str,
    description: str,
    gender: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Person:
    return Person(character, actor, description, aliases=aliases, gender=gender)


# Every trap at once: an actor in two dramas, one actor with two roles in one drama, two
# couples in one drama, an extra character, one couple's names in two dramas with different
# obstacles, a description shared across dramas, an unknown gender.
TRICKY = Deck(
    "tricky",
    (
        Drama(
            "holo",
            "My Holo Love",
            year=2020,
            couples=(
                Couple(
                    "so-yeon-holo",
                    "An AI hologram",
                    (
                        p("Han So-yeon", "Ko Sung-hee", "a lonely woman", "female"),
                        p("Holo", "Yoon Hyun-min", "an AI hologram", "male"),
                    ),
                ),
                Couple(
                    "dan-lee",
                    "Time",
                    (
                        p("Seo Dan", "Seo Ji-hye", "an heiress", "female"),
                        p("Lee Gon", "Lee Min-ho", "an emperor", "male"),
                    ),
                ),
            ),
            characters=(p("Go Nan-do", "Yoon Hyun-min", "an engineer", "male"),),
        ),
        Drama(
            "star",
            "My Love from the Star",
            year=2013,
            couples=(
                Couple(
                    "song-yi-min-joon",
                    "He is an alien",
                    (
                        p("Cheon Song-yi", "Jun Ji-hyun", "a top actress", "female"),
                        p("Do Min-joon", "Kim Soo-hyun", "an alien professor", "male"),
                    ),
                ),
                Couple(
                    "dan-lee-again",
                    "The border",
                    (
                        p("Seo Dan", "Son Ye-jin", "an heiress"),
                        p("Lee Gon", "Hyun Bin", "a captain", "male", aliases=("Captain Lee",)),
                    ),
                ),
            ),
        ),
        Drama(
            "okay",
            "It's Okay to Not Be Okay",
            year=2020,
            couples=(
                Couple(
                    "mun-yeong-gang-tae",
                    "Old wounds",
                    (
                        p("Ko Mun-yeong", "Seo Yea-ji", "an author", "female"),
                        p("Moon Gang-tae", "Kim Soo-hyun", "a caregiver", "male"),
                    ),
                ),
            ),
        ),
    ),
)


PROMPTS = {
    "actor": r"Who plays (?P<who>.+?)(?: in (?P<drama>.+))?\?",
    "character": r"Whom does (?P<who>.+) play(?: in (?P<drama>.+))?\?",
    "partner": r"Who falls for (?P<who>.+?)(?: in (?P<drama>.+))?\?",
    "description": r"Which character(?: in (?P<drama>.+))? is (?P<who>.+)\?",
    "obstacle": r"What stands between (?P<who>.+ and .+?)(?: in (?P<drama>.+))?\?",
    "drama": r"Which drama are (?P<who>.+) from\?",
    "hangul": r"Which character(?: in (?P<drama>.+))? is written (?P<who>.+) in Hangul\?",
    "year": r"In which year did (?P<who>.+) first air\?",
}


def read_prompt(deck: Deck, q: Question) -> str:
    """The name or description the prompt asks about; checks the drama it names is unique."""
    match = re.fullmatch(PROMPTS[q.kind], q.prompt)
    assert match, q.prompt
    named = match.groupdict().get("drama")
    if q.kind == "year":
        named = match["who"]
    if named is not None:
        title, year = named, None
        dated = re.fullmatch(r"(.+) \((\d+)\)", named)
        if dated:
            title, year = dated[1], int(dated[2])
        meant = [
            d.id
            for d in deck.dramas
            if fold(title) in names(d.title, d.aliases) and (year is None or d.year == year)
        ]
        assert meant == [q.subject.drama], q.prompt
    return match["who"]


def names_drama(q: Question) -> bool:
    return bool(re.fullmatch(PROMPTS[q.kind], q.prompt).groupdict().get("drama"))


def loved(drama: Drama, asked: str) -> set[str]:
    """Everyone in the drama who also loves the asked character, or whom they also love."""
    found: set[str] = set()
    for x in cast(drama):
        loves = {fold(name) for name in x.also_loves}
        if asked in char_names(x):
            found |= set().union(*(char_names(y) for y in cast(drama) if char_names(y) & loves))
        if asked in loves:
            found |= char_names(x)
    return found


def alike(a: str, b: str) -> bool:
    """Two descriptions a fan could mix up: the same text, or a content word in common."""
    return fold(a) == fold(b) or bool(content_stems(a) & content_stems(b))


def correct_options(deck: Deck, q: Question) -> list[int]:
    """Indexes of the options that are right for the prompt, judged from the deck alone."""
    dramas = {d.id: d for d in deck.dramas}
    drama = dramas[q.subject.drama]
    everyone = [person for d in deck.dramas for person in cast(d)]
    asked_about = read_prompt(deck, q)
    # A prompt without a drama is about the whole deck.
    scope = cast(drama) if names_drama(q) else everyone
    if q.kind == "actor":
        asked = fold(q.subject.character)
        right = set().union(*(actor_names(x) for x in scope if asked in char_names(x)))
    elif q.kind == "character":
        actor = fold(asked_about)
        right = set().union(*(char_names(x) for x in scope if actor in actor_names(x)))
    elif q.kind == "hangul":
        right = set().union(*(char_names(x) for x in scope if x.hangul == asked_about))
    elif q.kind == "year":
        return [i for i, option in enumerate(q.options) if option == str(drama.year)]
    elif q.kind == "partner":
        asked = fold(q.subject.character)
        right = set()
        for d in dramas.values() if not names_drama(q) else [drama]:
            for couple in d.couples:
                for x, y in (couple.partners, couple.partners[::-1]):
                    if asked in char_names(x):
                        right |= char_names(y)
            right |= loved(d, asked)
        if not any(x.also_loves for x in everyone):  # nobody says whom the extras love
            right |= set().union(*(char_names(x) for x in drama.characters))
    elif q.kind == "description":
        right = set().union(*(char_names(x) for x in everyone if alike(x.description, asked_about)))
    else:
        couple = next(c for _, c in deck.couples() if c.id == q.subject.couple)
        a, b = (fold(x.character) for x in couple.partners)
        if q.kind == "drama":
            right = set()
            for d in deck.dramas:
                people = cast(d)
                if any(a in char_names(x) for x in people) and any(
                    b in char_names(x) for x in people
                ):
                    right |= names(d.title, d.aliases)
        else:
            right = {
                fold(c.obstacle)
                for _, c in deck.couples()
                if any(
                    a in char_names(x) and b in char_names(y)
                    for x, y in (c.partners, c.partners[::-1])
                )
            }
    return [i for i, option in enumerate(q.options) if fold(option) in right]


def answer_aliases(deck: Deck, q: Question) -> set[str]:
    """Other spellings of the correct option anywhere in the deck (one hop either way)."""
    answer = fold(q.correct)
    if q.kind == "drama":
        entries = [names(d.title, d.aliases) for d in deck.dramas]
    elif q.kind == "obstacle":
        entries = [{fold(c.obstacle)} for _, c in deck.couples()]
    elif q.kind == "actor":
        entries = [actor_names(x) for _, _, x in deck.people()]
    else:
        entries = [char_names(x) for _, _, x in deck.people()]
    return set().union(*(entry for entry in entries if answer in entry))


def known_genders(deck: Deck, q: Question, option: str) -> set[str]:
    field = actor_names if q.kind == "actor" else char_names
    return {x.gender for _, _, x in deck.people() if x.gender and fold(option) in field(x)}


def check_question(deck: Deck, q: Question, hidden: frozenset[str]) -> None:
    assert 2 <= len(q.options) <= 4
    assert 0 <= q.answer < len(q.options)
    folded = [fold(option) for option in q.options]
    assert len(set(folded)) == len(folded), q
    assert correct_options(deck, q) == [q.answer], q
    others = set(folded) - {fold(q.correct)}
    assert not others & answer_aliases(deck, q), q
    if q.kind in ("actor", "character", "partner", "description"):
        answer_gender = known_genders(deck, q, q.correct)
        if len(answer_gender) == 1:
            for option in q.options:
                genders = known_genders(deck, q, option)
                assert not genders or answer_gender <= genders, (q, option)
    drama = next(d for d in deck.dramas if d.id == q.subject.drama)
    check_no_giveaway(q)
    if q.kind == "partner":
        couple = next(c for c in drama.couples if c.id == q.subject.couple)
        asked, answer = couple.partners
        if fold(asked.character) != fold(q.subject.character):
            asked, answer = answer, asked
        # Naming one's own partner in also_loves (and not being named back) says the love
        # is one-sided: then the beloved is never the answer to "who falls for ...?".
        loves = {fold(name) for name in asked.also_loves}
        loved = {fold(name) for name in answer.also_loves}
        assert char_names(asked) & loved or not char_names(answer) & loves, q
    if q.kind == "obstacle":
        assert drama.id not in hidden
        visible = {fold(c.obstacle) for d, c in deck.couples() if d.id not in hidden}
        assert set(folded) <= visible, q
    if drama.id in hidden:
        for couple in drama.couples:
            assert couple.obstacle not in q.explanation
            assert not couple.story or couple.story not in q.explanation


def prompt_texts(q: Question) -> list[str]:
    """The parts of the prompt that come from the deck (names, a description, a title)."""
    match = re.fullmatch(PROMPTS[q.kind], q.prompt)
    return [part for part in match.groupdict().values() if part]


def clues_of(kind: str, text: str) -> frozenset[str]:
    return (
        name_clues(text)
        if kind in ("actor", "character", "partner", "description", "hangul")
        else text_clues(text)
    )


def check_no_giveaway(q: Question) -> None:
    """No option is named in the prompt, and whatever surname or stem the answer shares
    with the prompt, some wrong option shares too."""
    parts = prompt_texts(q)
    words = folded_words(" | ".join(parts))
    for option in q.options:
        assert not mentions(words, folded_words(option)), (q, option)
    prompt_clues = frozenset().union(*(name_clues(part) | text_clues(part) for part in parts))
    for clue in shared(clues_of(q.kind, q.correct), prompt_clues):
        sharing = [
            o
            for o in q.options
            if o != q.correct and shared(frozenset((clue,)), clues_of(q.kind, o))
        ]
        assert sharing, (q, clue)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks(), seed=st.integers(0, 2**16), hide=st.sets(st.sampled_from(["d0", "d1"])))
@example(deck=TRICKY, seed=1, hide=set())
@example(deck=TRICKY, seed=2, hide={"star"})
def test_every_question_has_exactly_one_right_option(deck: Deck, seed: int, hide: set[str]) -> None:
    hidden = frozenset(hide)
    for difficulty in DIFFICULTIES:
        bag = QuestionBag(deck, seed=seed, difficulty=difficulty, hidden_dramas=hidden)
        size = bag.pool_size
        first = bag.draw(size)
        asked = [(q.kind, q.prompt) for q in first]
        assert len(first) == size
        assert len(set(asked)) == size  # no repeats until the pool is used up
        again = bag.draw(size + 3)  # then it starts over
        assert {(q.kind, q.prompt) for q in again} == set(asked)
        for q in first + again:
            check_question(deck, q, hidden)


def test_tricky_deck_asks_the_traps() -> None:
    """The hand-made deck really does produce the questions the traps are about."""
    bag = QuestionBag(TRICKY, seed=0)
    prompts = {q.prompt: q for q in bag.draw(bag.pool_size)}
    # The same couple's names in two dramas: the obstacle prompt says which drama.
    assert "What stands between Seo Dan and Lee Gon in My Holo Love?" in prompts
    assert "What stands between Seo Dan and Lee Gon in My Love from the Star?" in prompts
    both = prompts["Which drama are Seo Dan and Lee Gon from?"]
    assert not {"My Holo Love", "My Love from the Star"} <= set(both.options)
    # "in My Holo Love" would name Holo: Han So-yeon is in no other drama, so it goes.
    assert "Who falls for Han So-yeon?" in prompts
    assert "Go Nan-do" not in prompts["Who falls for Han So-yeon?"].options
    roles = prompts["Whom does Yoon Hyun-min play?"]
    assert len({"Holo", "Go Nan-do"} & set(roles.options)) == 1
