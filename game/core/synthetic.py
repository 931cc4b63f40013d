"""Made-up decks of any size, for the `bench` command and for tests.

A real deck has nine couples, which says nothing about how the loader or the question
generators scale. These decks follow the same schema and the same habits as a hand-written
one (Hangul beside every name, aliases, an actor who appears in two dramas, extra characters)
so that the code paths exercised are the real ones. The same seed always gives the same text.

With `rivals`, every drama also gets a fuller cast the way a fan's deck has one: a side
character of each gender, and rivals who `also_loves` someone (a side character pining for a
partner, a partner with a first love among the side characters). Names come from thirty
surnames and descriptions from a small shared vocabulary, so surnames and description words
are shared all over: exactly what the question rules must cope with.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from game.core.deck import Deck, parse_deck
from game.core.deck_text import deck_yaml


def _pairs(text: str) -> list[tuple[str, str]]:
    """Turn 'Kim 김, Lee 이' into [("Kim", "김"), ("Lee", "이")], so the tables stay readable."""
    return [(roman, hangul) for roman, hangul in (item.split(" ", 1) for item in text.split(", "))]


# "Romanisation Hangul" pairs, so names, titles and their Hangul look like the real thing.
_SURNAMES = _pairs(
    "Kim 김, Lee 이, Park 박, Choi 최, Jung 정, Kang 강, Cho 조, Yoon 윤, Jang 장, "
    "Lim 임, Han 한, Shin 신, Seo 서, Kwon 권, Hwang 황, Song 송, Jeon 전, Hong 홍, "
    "Moon 문, Bae 배, Ko 고, Yang 양, Son 손, Baek 백, Heo 허, Nam 남, Noh 노, Ha 하, "
    "Kwak 곽, Yoo 유"
)
_SYLLABLES = _pairs(
    "Min 민, Ji 지, Seo 서, Hyun 현, Woo 우, Jin 진, Soo 수, Ha 하, Jun 준, Na 나, "
    "Ra 라, Bin 빈, Ho 호, Do 도, Yeon 연, Hye 혜, Dong 동, Sung 성, Ga 가, Tae 태, "
    "Rin 린, Mi 미, Gyu 규, Chan 찬, Kyung 경, So 소, Hee 희, Jae 재, Bo 보, Won 원, "
    "Yu 유, Hoon 훈, Sik 식, Mun 문, Gi 기, Da 다, Eun 은, Young 영, Seok 석, Hwa 화"
)
_ADJECTIVES = _pairs(
    "Secret 비밀의, Crimson 붉은, Midnight 한밤의, Silent 조용한, Golden 황금빛, "
    "Lonely 외로운, Second 두 번째, Hidden 숨겨진, Summer 여름, Winter 겨울, Distant 먼, "
    "Fragile 여린"
)
_NOUNS = _pairs(
    "Garden 정원, Letter 편지, Promise 약속, Harbour 항구, Melody 선율, Kingdom 왕국, "
    "Rooftop 옥상, Umbrella 우산, Bakery 빵집, Lighthouse 등대, Contract 계약, "
    "Station 역"
)
_TITLES = list(itertools.product(_ADJECTIVES, _NOUNS))
_OBSTACLES = [
    "A family feud",
    "She is engaged to his brother",
    "He has a year to live",
    "They work for rival firms",
    "One of them is a ghost",
    "A contract marriage",
    "His memory resets every day",
    "She is investigating him",
]
_ROLES = {
    "female": ["heiress", "surgeon", "prosecutor", "baker", "webtoon artist", "pilot"],
    "male": ["bodyguard", "chaebol heir", "detective", "violinist", "farmer", "prince"],
}
_MOODS = ["a cheerful", "a cold", "a clumsy", "a brilliant", "a stubborn", "a secretive"]
_SHARED_EVERY = 7  # every seventh partner is played by an actor already cast elsewhere
_EXTRA_CHARACTER_EVERY = 4  # every fourth drama lists a character outside its couples


def _names() -> Iterator[tuple[str, str]]:
    """Distinct Korean-style full names with their Hangul, two-syllable given names first.

    A name whose letters run together like an earlier one's ("Ha Na-min" and "Han
    A-min") is left out: the loader would rightly flag the pair as a probable typo.
    """
    folded: set[str] = set()
    for length in itertools.count(2):
        for (surname, surname_hangul), given in itertools.product(
            _SURNAMES, itertools.product(_SYLLABLES, repeat=length)
        ):
            first, *rest = (roman for roman, _ in given)
            name = f"{surname} {'-'.join([first, *(part.lower() for part in rest)])}"
            key = name.replace(" ", "").replace("-", "").lower()
            if key not in folded:
                folded.add(key)
                yield name, surname_hangul + "".join(hangul for _, hangul in given)


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _deck_data(couples: int, seed: int, couples_per_drama: int, rivals: bool = False) -> dict:
    if couples < 1:
        raise ValueError("a deck needs at least one couple")
    if couples_per_drama < 1:
        raise ValueError("couples_per_drama must be at least 1")
    rng = random.Random(seed)
    drama_count = -(-couples // couples_per_drama)
    people = couples * 2 + -(-drama_count // _EXTRA_CHARACTER_EVERY)
    if rivals:
        people += 2 * drama_count
    pool = list(itertools.islice(_names(), people * 2))
    rng.shuffle(pool)
    names = iter(pool)
    cast: dict[str, list[tuple[str, str]]] = {"female": [], "male": []}
    partner_number = itertools.count(1)

    def person(gender: str, earlier_cast: int) -> dict:
        """`earlier_cast`: how many actors of this gender were cast before this drama."""
        character, character_hangul = next(names)
        if next(partner_number) % _SHARED_EVERY == 0 and earlier_cast:
            actor, actor_hangul = cast[gender][rng.randrange(earlier_cast)]
        else:
            actor, actor_hangul = next(names)
            cast[gender].append((actor, actor_hangul))
        entry: dict = {
            "character": character,
            "hangul": character_hangul,
            "actor": actor,
            "actor_hangul": actor_hangul,
            "description": f"{rng.choice(_MOODS)} {rng.choice(_ROLES[gender])}",
            "gender": gender,
        }
        if rng.random() < 0.3:
            entry["aliases"] = [character.split(" ", 1)[1]]
        if rng.random() < 0.15:
            entry["actor_aliases"] = [actor.replace("-", "")]
        return entry

    dramas = []
    for index in range(drama_count):
        round_number, combo = divmod(index, len(_TITLES))
        (adjective, adj_hangul), (noun, noun_hangul) = _TITLES[combo]
        suffix = f" {round_number + 1}" if round_number else ""
        title, hangul = f"{adjective} {noun}{suffix}", f"{adj_hangul} {noun_hangul}{suffix}"
        drama_id = _slug(title)
        earlier = {gender: len(actors) for gender, actors in cast.items()}
        year = rng.randrange(2000, 2025)
        drama: dict = {"id": drama_id, "title": title, "hangul": hangul, "year": year}
        if rng.random() < 0.2:
            drama["aliases"] = [f"The {title}"]
        drama_couples = []
        for number in range(min(couples_per_drama, couples - index * couples_per_drama)):
            her, him = person("female", earlier["female"]), person("male", earlier["male"])
            couple: dict = {
                "id": f"{drama_id}-{number + 1}",
                "obstacle": rng.choice(_OBSTACLES),
                "partners": [her, him],
            }
            if rng.random() < 0.15:
                couple["story"] = (
                    f"{her['character']} and {him['character']} meet by accident, "
                    "and nothing about their lives says they should stay together."
                )
            drama_couples.append(couple)
        drama["couples"] = drama_couples
        extras = []
        if index % _EXTRA_CHARACTER_EVERY == 0:
            gender = rng.choice(["female", "male"])
            extras.append(person(gender, earlier[gender]))
        if rivals:
            extras += _rivals(rng, drama_couples, [person(g, earlier[g]) for g in _ROLES])
        if extras:
            drama["characters"] = extras
        dramas.append(drama)
    return {
        "title": f"Synthetic deck: {couples} couples (seed {seed})",
        "source": "generated by game.core.synthetic",
        "dramas": dramas,
    }


def _rivals(rng: random.Random, couples: list[dict], side: list[dict]) -> list[dict]:
    """Side characters, some pining for a partner, and partners with a first love among
    them: each `also_loves` names someone of the same drama, as the loader insists."""
    partners = [partner for couple in couples for partner in couple["partners"]]
    for character in side:
        if rng.random() < 0.5:
            character["also_loves"] = [rng.choice(partners)["character"]]
    if rng.random() < 0.3:
        rng.choice(partners)["also_loves"] = [rng.choice(side)["character"]]
    return side


def synthetic_deck_yaml(
    couples: int, *, seed: int = 0, couples_per_drama: int = 2, rivals: bool = False
) -> str:
    """A valid deck with exactly `couples` couples, as YAML text (about 500 bytes a couple,
    so up to about 10,000 couples fit under the loader's size cap; `rivals` adds about
    half as much again)."""
    # Compact dashes keep 10,000 couples under the loader's size cap; long stories folded.
    data = _deck_data(couples, seed, couples_per_drama, rivals)
    return deck_yaml(data, list_indent=0, fold_over=70)


def synthetic_deck(
    couples: int, *, seed: int = 0, couples_per_drama: int = 2, rivals: bool = False
) -> Deck:
    """The same deck, loaded through the real loader so it is exactly what a file would give."""
    text = synthetic_deck_yaml(
        couples, seed=seed, couples_per_drama=couples_per_drama, rivals=rivals
    )
    return parse_deck(text, name=f"synthetic-{couples}.yaml")
