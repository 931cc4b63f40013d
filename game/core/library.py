"""The deck library: which decks there are, what each holds or what is wrong with it, and the
one deck the game plays when several are chosen.

Decks come from two places: the bundled data folder and the `decks/` folder in the player's
data folder (where `kdrama-quiz import` can write). A broken deck is listed with `check`'s
message and is simply not playable; it never stops the game. Several decks play together as
one merged deck, so every question generator, the board and practice see a single deck.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from game.core.deck import Deck, DeckError, Drama
from game.core.parsed_decks import read_deck
from game.core.wording import plural

BUNDLED = "bundled:"  # settings remember a bundled deck by name, so a reinstall keeps it
USER_DECKS = "decks"  # the folder in the player's data folder
PART_FILE = re.compile(r".+-part-[a-z0-9]+\.yaml").fullmatch  # halves being merged by hand
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class DeckSource:
    """A deck file the picker can offer."""

    key: str  # what the settings remember: "bundled:NAME.yaml", or the file's full path
    path: Path
    bundled: bool


@dataclass(frozen=True)
class DeckInfo:
    """A deck file, read: the deck, or every problem `check` would print."""

    source: DeckSource
    deck: Deck | None
    problems: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.deck.title if self.deck else self.source.path.name

    @property
    def counts(self) -> str:
        """ "8 dramas · 9 couples · 20 characters", what a player weighs a deck by."""
        if self.deck is None:
            return ""
        couples = sum(len(drama.couples) for drama in self.deck.dramas)
        people = sum(1 for _ in self.deck.people())
        return " · ".join(
            plural(n, word)
            for n, word in (
                (len(self.deck.dramas), "drama"),
                (couples, "couple"),
                (people, "character"),
            )
        )

    @property
    def problem(self) -> str:
        """The first problem, and how many more there are."""
        if not self.problems:
            return ""
        more = len(self.problems) - 1
        return self.problems[0] + (f" (and {more} more)" if more else "")


def user_decks_dir(home: Path) -> Path:
    return Path(home) / USER_DECKS


def sources(data_dir: Path, home: Path) -> list[DeckSource]:
    """Every bundled deck (but not the part files of one still being assembled), then every
    `*.yaml` in the player's decks folder, each group by file name."""
    found = [
        DeckSource(BUNDLED + path.name, path, True)
        for path in sorted(Path(data_dir).glob("*.yaml"))
        if not PART_FILE(path.name)
    ]
    folder = user_decks_dir(home)
    if folder.is_dir():
        found += [
            DeckSource(str(path.resolve()), path, False)
            for path in sorted(folder.glob("*.yaml"), key=lambda p: p.name.casefold())
        ]
    return found


def source_for(key: str, data_dir: Path) -> DeckSource:
    """The source a remembered key (or a path from the command line) stands for."""
    if key.startswith(BUNDLED):
        return DeckSource(key, Path(data_dir) / key.removeprefix(BUNDLED), True)
    path = Path(key).expanduser()
    bundled = path.resolve().parent == Path(data_dir).resolve()
    return DeckSource(BUNDLED + path.name if bundled else str(path.resolve()), path, bundled)


class DeckLibrary:
    """Reads deck files, and reads each one again only when it changed on disk, so opening
    the deck screen twice does not parse every deck twice. With a `cache` folder, decks read
    at an earlier start come from there (see `parsed_decks`)."""

    def __init__(self, cache: Path | None = None) -> None:
        self._read: dict[Path, tuple[tuple[int, int], DeckInfo]] = {}
        self._cache = cache

    def info(self, source: DeckSource) -> DeckInfo:
        try:
            stat = source.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = (-1, -1)
        cached = self._read.get(source.path)
        if cached is not None and cached[0] == stamp and stamp != (-1, -1):
            return replace(cached[1], source=source)
        try:
            info = DeckInfo(source, read_deck(source.path, self._cache))
        except DeckError as error:
            info = DeckInfo(source, None, tuple(error.problems))
        self._read[source.path] = (stamp, info)
        return info

    def infos(self, found: Iterable[DeckSource]) -> list[DeckInfo]:
        return [self.info(source) for source in found]


def merge_decks(decks: Sequence[Deck]) -> Deck:
    """Several decks as one. A drama in more than one deck (the same title) is played once,
    in its fullest version, so no question has two right answers; a drama or couple id that
    two different dramas share gets the deck's name in front, so both stay playable."""
    if len(decks) == 1:
        return decks[0]
    if not decks:
        raise ValueError("no deck to play")
    chosen: dict[str, tuple[int, Drama]] = {}  # folded title -> (deck index, drama)
    order: list[str] = []
    for index, deck in enumerate(decks):
        for drama in deck.dramas:
            key = " ".join(drama.title.casefold().split())
            if key not in chosen:
                order.append(key)
                chosen[key] = (index, drama)
            elif _size(drama) > _size(chosen[key][1]):
                chosen[key] = (index, drama)
    drama_ids: set[str] = set()
    couple_ids: set[str] = set()
    dramas: list[Drama] = []
    for key in order:
        index, drama = chosen[key]
        prefix = _slug(decks[index].title) or f"deck-{index + 1}"
        drama_id = _fresh(drama.id, prefix, drama_ids)
        couples = tuple(
            replace(couple, id=_fresh(couple.id, prefix, couple_ids)) for couple in drama.couples
        )
        dramas.append(replace(drama, id=drama_id, couples=couples))
    title = " + ".join(deck.title for deck in decks)
    return Deck(title=title, dramas=tuple(dramas))


def _size(drama: Drama) -> int:
    return len(drama.couples) * 2 + len(drama.characters)


def _fresh(wanted: str, prefix: str, taken: set[str]) -> str:
    """`wanted` if free, else `prefix-wanted` (then with a number) — always a slug."""
    candidate = wanted
    n = 1
    while candidate in taken:
        candidate = f"{prefix}-{wanted}" if n == 1 else f"{prefix}-{wanted}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")[:24].strip("-")


@dataclass(frozen=True)
class Selection:
    """What the game plays: the merged deck, the decks in it, and why any chosen deck was
    left out (missing, broken)."""

    deck: Deck
    infos: tuple[DeckInfo, ...]
    warnings: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(info.source.key for info in self.infos)

    @property
    def title(self) -> str:
        return self.deck.title


def select(keys: Sequence[str], data_dir: Path, library: DeckLibrary, default: str) -> Selection:
    """The decks for these keys, merged. Keys that give no deck become warnings; if none
    gives a deck, the `default` key is used (and if even that fails, DeckError is raised:
    there is nothing to play)."""
    infos: list[DeckInfo] = []
    warnings: list[str] = []
    for key in dict.fromkeys(keys):
        info = library.info(source_for(key, data_dir))
        if info.deck is None:
            warnings.append(f"deck {info.source.path.name} left out: {info.problem}")
        else:
            infos.append(info)
    if not infos:
        info = library.info(source_for(default, data_dir))
        if info.deck is None:
            raise DeckError(list(info.problems))
        infos.append(info)
    deck = merge_decks([info.deck for info in infos if info.deck is not None])
    return Selection(deck, tuple(infos), tuple(warnings))
