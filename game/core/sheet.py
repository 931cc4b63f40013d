"""A fan's spreadsheet (CSV or TSV, one row per character) turned into a deck.

Spreadsheets are written by hand and exported by programs with their own habits (a byte-order
mark, CRLF line ends, semicolons where the locale uses a decimal comma, quoted cells, empty
columns at the right), so reading forgives all of those, and checking reports every problem
at once as `SHEET:ROW: column: what is wrong`, with rows numbered as the spreadsheet numbers
them (the header is row 1). A sheet with any problem gives no deck at all.

The deck is built as plain data in the schema of `game.core.deck`, written as YAML and read
back with `parse_deck` before anything is saved, so what comes out is exactly what `check`
accepts. The YAML is written here rather than with `yaml.safe_dump`: for a 10,000-row sheet
the dumper alone took 2.5 s (C emitter) to 5.9 s, and its block style for every person nearly
doubles the file against the loader's 5 MB cap. The writer has two cases: a text is plain
when YAML reads it back as the same text, else a JSON string (JSON strings are YAML
double-quoted scalars); and the read-back check catches any slip before a byte is written.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from game.core.deck import GENDERS, MAX_DECK_BYTES, YEARS, Deck, DeckError, parse_deck
from game.core.deck_text import deck_yaml

COLUMNS = (
    "drama", "year", "drama_hangul", "character", "character_hangul", "actor", "actor_hangul",
    "gender", "description", "partner", "obstacle", "story", "also_loves", "aliases",
    "actor_aliases", "sources",
)  # fmt: skip
REQUIRED = ("drama", "character", "actor", "description")
LIST_COLUMNS = frozenset({"also_loves", "aliases", "actor_aliases", "sources"})
LIST_SEPARATOR = "|"
DELIMITERS = (",", "\t", ";")
TEMPLATE_ROWS = (
    {
        "drama": "It's Okay to Not Be Okay", "year": "2020", "drama_hangul": "사이코지만 괜찮아",
        "character": "Ko Mun-yeong", "character_hangul": "고문영", "actor": "Seo Yea-ji",
        "actor_hangul": "서예지", "gender": "female",
        "description": "a prickly, self-absorbed author of children's books",
        "partner": "Moon Gang-tae", "obstacle": "Opposite temperaments and old childhood wounds",
        "story": "", "also_loves": "", "aliases": "Ko Moon-young|Mun-yeong",
        "actor_aliases": "Seo Ye-ji", "sources": "",
    },
    {
        "drama": "It's Okay to Not Be Okay", "year": "2020", "drama_hangul": "사이코지만 괜찮아",
        "character": "Moon Gang-tae", "character_hangul": "문강태", "actor": "Kim Soo-hyun",
        "actor_hangul": "김수현", "gender": "male",
        "description": "a kind but worn-out caregiver on a psychiatric ward",
        "partner": "Ko Mun-yeong", "obstacle": "", "story": "", "also_loves": "",
        "aliases": "Moon Kang-tae|Gang-tae", "actor_aliases": "Kim Su-hyeon", "sources": "",
    },
)  # fmt: skip

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NAME_NOISE = str.maketrans("", "", "-\u2010\u2011")
_Value = TypeVar("_Value", int, str)  # what a drama-wide column holds once read


class SheetError(Exception):
    """A sheet that cannot become a deck. `problems` holds every `SHEET:ROW: ...` line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Row:
    number: int  # as the spreadsheet numbers it; the header is 1
    cells: dict[str, str]
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class _Drama:
    title: str
    first_row: int
    rows: list[_Row] = field(default_factory=list)
    year: tuple[int, int] | None = None  # (year, row that gave it)
    hangul: tuple[str, int] | None = None
    sources: list[str] = field(default_factory=list)


def template() -> str:
    """A header row and two example rows (one couple), as CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def read_sheet(path: Path, title: str | None = None) -> tuple[Deck, str]:
    """The deck in the sheet at `path` and its YAML text. Raises SheetError with every
    problem (file-level ones read `SHEET: what is wrong`)."""
    name = path.name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError([f"{name}: no such file ({path})"]) from None
    except IsADirectoryError:
        raise SheetError([f"{name}: is a directory, not a spreadsheet ({path})"]) from None
    except OSError as error:
        raise SheetError([f"{name}: cannot read it: {error.strerror or error}"]) from None
    if len(data) > MAX_DECK_BYTES * 4:
        raise SheetError(
            [
                f"{name}: the file is {len(data):,} bytes; a sheet may be at most "
                f"{MAX_DECK_BYTES * 4:,} bytes"
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        raise SheetError(
            [
                f"{name}:{row}: sheet: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                "export the sheet as CSV UTF-8"
            ]
        ) from None
    return sheet_to_deck(text, name, title or path.stem)


def sheet_to_deck(text: str, name: str, title: str) -> tuple[Deck, str]:
    """Validate sheet text and build the deck; `name` stands for SHEET in the problems."""
    checker = _Checker(name)
    rows = checker.rows(text)
    dramas = checker.dramas(rows)
    document = checker.document(title, dramas)
    if checker.problems:
        raise SheetError(checker.problems)
    text = deck_yaml(document)
    try:
        deck = parse_deck(text, name=name)
    except DeckError as error:  # a rule of the deck the sheet checks do not cover
        raise SheetError([f"{name}: deck: {problem}" for problem in error.problems]) from None
    return deck, text


def write_deck(path: Path, text: str) -> None:
    """Write the deck atomically: a temporary file beside it, flushed, then renamed over it,
    so a crash leaves the old file or the new one, never half of each."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _slug(text: str, fallback: str) -> str:
    """A deck id from a title or name: "It's Okay" -> "its-okay"; `fallback` when nothing
    of it is Latin (a title written only in Hangul)."""
    return _NOT_SLUG.sub("-", re.sub("['\u2019]", "", text.casefold())).strip("-") or fallback


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._found: list[tuple[int, int, str]] = []

    @property
    def problems(self) -> list[str]:
        ordered = sorted(self._found, key=lambda found: found[:2])
        return list(dict.fromkeys(message for *_, message in ordered))

    def add(self, row: int, column: str, message: str) -> None:
        order = COLUMNS.index(column) if column in COLUMNS else -1
        self._found.append((row, order, f"{self.name}:{row}: {column}: {message}"))

    # -- cells -----------------------------------------------------------------------------
    def rows(self, text: str) -> list[_Row]:
        lines = text.splitlines()
        first = next((line for line in lines if line.strip()), "")
        if not first:
            self.add(
                1,
                "sheet",
                "the sheet is empty; the first row names the columns "
                "(try `kdrama-quiz import --template`)",
            )
            return []
        delimiter = max(DELIMITERS, key=first.count)
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            self.add(1, "sheet", f"cannot be read as CSV: {error}")
            return []
        header_index = next(i for i, cells in enumerate(records) if any(c.strip() for c in cells))
        columns = self._header(records[header_index], header_index + 1, records)
        if columns is None:
            return []
        rows: list[_Row] = []
        for index in range(header_index + 1, len(records)):
            cells = records[index]
            number = index + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank row between blocks, or the trailing empty rows
            values: dict[str, str] = {}
            for position, cell in enumerate(cells):
                value = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
                column = columns[position] if position < len(columns) else None
                if column is None:
                    if value:
                        self.add(
                            number,
                            f"column {position + 1}",
                            f"{value!r} is in a column with no name in the header",
                        )
                    continue
                values[column] = value
            row = _Row(number, values)
            for column in LIST_COLUMNS:
                parts = [part.strip() for part in row.get(column).split(LIST_SEPARATOR)]
                row.lists[column] = tuple(part for part in parts if part)
            rows.append(row)
        if not rows:
            self.add(
                header_index + 1, "sheet", "has a header but no rows; add one row per character"
            )
        return rows

    def _header(
        self, cells: list[str], number: int, records: list[list[str]]
    ) -> list[str | None] | None:
        columns: list[str | None] = []
        seen: dict[str, int] = {}
        ok = True
        for position, cell in enumerate(cells):
            key = "_".join(cell.strip().casefold().replace("-", " ").split())
            if not key:
                columns.append(None)  # trailing empty columns of a spreadsheet export
                continue
            if key not in COLUMNS:
                close = difflib.get_close_matches(key, COLUMNS, n=1, cutoff=0.6) or [
                    column for column in COLUMNS if len(key) >= 3 and column.startswith(key)
                ]
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; the columns are {', '.join(COLUMNS)}"
                )
                self.add(number, cell.strip(), f"unknown column{hint}")
                ok = False
                columns.append(None)
                continue
            if key in seen:
                self.add(
                    number,
                    key,
                    f"the column appears twice (columns {seen[key]} and {position + 1})",
                )
                ok = False
                columns.append(None)
                continue
            seen[key] = position + 1
            columns.append(key)
        for column in REQUIRED:
            if column not in seen:
                self.add(
                    number,
                    column,
                    f"missing required column; the header needs {', '.join(REQUIRED)}",
                )
                ok = False
        return columns if ok else None

    # -- dramas, characters, couples ---------------------------------------------------------
    def dramas(self, rows: list[_Row]) -> list[_Drama]:
        dramas: dict[str, _Drama] = {}
        actors: dict[str, tuple[str, int]] = {}  # folded spelling -> (first spelling, row)
        for row in rows:
            missing = [column for column in REQUIRED if not row.get(column)]
            for column in missing:
                self.add(row.number, column, f"is empty; every row needs a {column}")
            self._year(row)
            gender = row.get("gender").casefold()
            if gender and gender not in GENDERS:
                self.add(
                    row.number,
                    "gender",
                    f"expected 'female' or 'male' (or nothing), found {row.get('gender')!r}",
                )
            row.cells["gender"] = gender
            actor = row.get("actor")
            if actor:
                folded = "".join(actor.casefold().translate(_NAME_NOISE).split())
                first = actors.setdefault(folded, (actor, row.number))
                if first[0] != actor:
                    self.add(
                        row.number,
                        "actor",
                        f"{actor!r} differs from {first[0]!r} (row "
                        f"{first[1]}) only in case, spaces or hyphens; spell it one way",
                    )
            if not row.get("drama"):
                continue
            drama = dramas.setdefault(_fold(row.get("drama")), _Drama(row.get("drama"), row.number))
            drama.rows.append(row)
            self._agree(drama, row)
        for drama in dramas.values():
            self._people(drama)
        return list(dramas.values())

    def _year(self, row: _Row) -> None:
        value = row.get("year")
        if not value:
            return
        number = value[:-2] if value.endswith(".0") else value  # a spreadsheet's 2019.0
        if not (number.isascii() and number.isdigit()) or int(number) not in YEARS:
            self.add(
                row.number,
                "year",
                f"expected a year such as 2019 ({YEARS[0]}-{YEARS[-1]}), found {value!r}",
            )
            row.cells["year"] = ""
        else:
            row.cells["year"] = number

    def _agree(self, drama: _Drama, row: _Row) -> None:
        """A drama's year and Hangul title may be on any of its rows, but must agree."""
        drama.year = self._first_given(drama, row, "year", int, drama.year)
        drama.hangul = self._first_given(drama, row, "drama_hangul", str, drama.hangul)
        for source in row.lists["sources"]:
            if source not in drama.sources:
                drama.sources.append(source)

    def _first_given(
        self,
        drama: _Drama,
        row: _Row,
        column: str,
        read: Callable[[str], _Value],
        given: tuple[_Value, int] | None,
    ) -> tuple[_Value, int] | None:
        """The value of a drama-wide column and the row that first gave it: a later row may
        leave the cell empty or repeat it, but a different value is a problem on that row."""
        cell = row.get(column)
        if not cell:
            return given
        value = read(cell)
        if given is None:
            return (value, row.number)
        if given[0] != value:
            self.add(
                row.number,
                column,
                f"{value!r} differs from {given[0]!r} given for {drama.title!r} on row {given[1]}",
            )
        return given

    def _people(self, drama: _Drama) -> None:
        """Characters unique in the drama; partners and also_loves name one of them."""
        names: dict[str, _Row] = {}
        for row in drama.rows:
            character = row.get("character")
            if not character:
                continue
            for spelling in (character, *row.lists["aliases"]):
                other = names.get(_fold(spelling))
                if other is not None and other is not row:
                    what = "character" if spelling == character else "aliases"
                    self.add(
                        row.number,
                        what,
                        f"{spelling!r} is already a character of "
                        f"{drama.title!r} (row {other.number})",
                    )
                else:
                    names[_fold(spelling)] = row

    def _names_of(self, drama: _Drama) -> dict[str, _Row]:
        names: dict[str, _Row] = {}
        for row in drama.rows:
            if row.get("character"):
                for spelling in (row.get("character"), *row.lists["aliases"]):
                    names.setdefault(_fold(spelling), row)
        return names

    # -- the deck --------------------------------------------------------------------------
    def document(self, title: str, dramas: list[_Drama]) -> dict[str, Any]:
        everywhere: dict[str, list[_Drama]] = {}
        for drama in dramas:
            for name in self._names_of(drama):
                everywhere.setdefault(name, []).append(drama)
        drama_ids: set[str] = set()
        couple_ids: set[str] = set()
        out = []
        for drama in dramas:
            entry = self._drama(drama, everywhere, couple_ids)
            if entry is not None:
                out.append({"id": _unique(_slug(drama.title, "drama"), drama_ids), **entry})
        return {"title": title, "dramas": out}

    def _drama(
        self, drama: _Drama, everywhere: dict[str, list[_Drama]], couple_ids: set[str]
    ) -> dict[str, Any] | None:
        names = self._names_of(drama)
        partner_of: dict[int, _Row] = {}  # row number -> the row it names as partner
        broken: set[int] = set()  # rows whose partner was reported: no follow-on problems
        for row in drama.rows:
            wanted = row.get("partner")
            if not wanted or not row.get("character"):
                continue
            found = names.get(_fold(wanted))
            if found is None or found is row:
                broken.add(row.number)
            if found is None:
                elsewhere = [d.title for d in everywhere.get(_fold(wanted), []) if d is not drama]
                if elsewhere:
                    self.add(
                        row.number,
                        "partner",
                        f"{wanted!r} is a character of "
                        f"{elsewhere[0]!r}, not of {drama.title!r}; a couple belongs to "
                        "one drama",
                    )
                else:
                    self.add(
                        row.number,
                        "partner",
                        f"{wanted!r} is not a character of "
                        f"{drama.title!r}; name a character on another row of this drama",
                    )
            elif found is row:
                self.add(
                    row.number, "partner", f"{row.get('character')!r} cannot be their own partner"
                )
            else:
                partner_of[row.number] = found
        by_number = {row.number: row for row in drama.rows}
        couples: list[tuple[_Row, _Row]] = []
        in_couple: dict[int, int] = {}  # row number -> the row it is paired with
        for number, partner in partner_of.items():
            row = by_number[number]
            if number in broken:
                continue
            back = partner_of.get(partner.number)
            if back is not None and back is not row:
                self.add(
                    row.number,
                    "partner",
                    f"names {partner.get('character')!r}, whose "
                    f"row {partner.number} names {back.get('character')!r} as partner; "
                    "the two rows of a couple name each other",
                )
                broken.update((row.number, partner.number))
                continue
            taken = in_couple.get(partner.number)
            if taken is not None and taken != row.number:
                self.add(
                    row.number,
                    "partner",
                    f"{partner.get('character')!r} is already the "
                    f"partner of {by_number[taken].get('character')!r} (row {taken}); a "
                    "character has one partner",
                )
                broken.add(row.number)
                continue
            if row.number in in_couple:
                continue  # the other row of a couple already made it
            in_couple[row.number], in_couple[partner.number] = partner.number, row.number
            couples.append((row, partner))
        for row in drama.rows:
            for column in ("obstacle", "story"):
                if row.get(column) and not row.get("partner"):
                    self.add(
                        row.number,
                        column,
                        f"only a row with a partner can have {column} (it belongs to the couple)",
                    )
            for loved in row.lists["also_loves"]:
                target = names.get(_fold(loved))
                if target is None:
                    self.add(
                        row.number, "also_loves", f"{loved!r} is not a character of {drama.title!r}"
                    )
                elif target is row:
                    self.add(row.number, "also_loves", "names the character themself")
        if not couples and broken:
            return None  # the partner problems reported already say why
        if not couples:
            self.add(
                drama.first_row,
                "partner",
                f"{drama.title!r} has no couple; at least one row of a drama names a partner",
            )
            return None
        entry: dict[str, Any] = {"title": drama.title}
        if drama.hangul:
            entry["hangul"] = drama.hangul[0]
        if drama.year:
            entry["year"] = drama.year[0]
        entry["couples"] = [self._couple(a, b, couple_ids) for a, b in couples]
        loners = [row for row in drama.rows if row.number not in in_couple]
        if loners:
            entry["characters"] = [_person(row) for row in loners]
        if drama.sources:
            entry["sources"] = list(drama.sources)
        return entry

    def _couple(self, first: _Row, second: _Row, couple_ids: set[str]) -> dict[str, Any]:
        couple: dict[str, Any] = {}
        slug = "-and-".join(_slug(row.get("character"), "partner") for row in (first, second))
        couple["id"] = _unique(slug, couple_ids)
        for column in ("obstacle", "story"):
            a, b = first.get(column), second.get(column)
            if a and b and a != b:
                later, earlier = (
                    (first, second) if first.number > second.number else (second, first)
                )
                self.add(
                    later.number,
                    column,
                    f"{later.get(column)!r} differs from "
                    f"{earlier.get(column)!r} on row {earlier.number} (the same couple); "
                    "give it once, or the same on both rows",
                )
            if a or b:
                couple[column] = a or b
        if "obstacle" not in couple:
            self.add(
                min(first.number, second.number),
                "obstacle",
                f"the couple {first.get('character')!r} and {second.get('character')!r} "
                "needs an obstacle on one of their two rows",
            )
        couple["partners"] = [_person(first), _person(second)]
        return couple


def _person(row: _Row) -> dict[str, Any]:
    person: dict[str, Any] = {"character": row.get("character")}
    _optional(person, "aliases", row.lists["aliases"])
    _optional(person, "hangul", row.get("character_hangul"))
    person["actor"] = row.get("actor")
    _optional(person, "actor_aliases", row.lists["actor_aliases"])
    _optional(person, "actor_hangul", row.get("actor_hangul"))
    person["description"] = row.get("description")
    _optional(person, "gender", row.get("gender"))
    _optional(person, "also_loves", row.lists["also_loves"])
    return person


def _optional(target: dict[str, Any], key: str, value: str | Iterable[str]) -> None:
    if isinstance(value, str):
        if value:
            target[key] = value
    elif value:
        target[key] = list(value)
