"""Reads a deck's YAML text into a `Deck`, reporting every problem at once (see `deck`).

Kept apart from the dataclasses so that a start with its decks already read (`parsed_decks`)
never imports YAML or builds these tables.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any, ClassVar

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from game.core.deck import GENDERS, YEARS, Couple, Deck, Drama, Person

_MAX_NESTING = 32  # levels below a schema node that a skipped value may nest
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SLUG = re.compile(r"[a-z0-9-]+").fullmatch
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NAME_NOISE = str.maketrans("", "", "-\u2010\u2011")
_NO_ALIASES = "(no anchors or aliases in a deck: they can blow a small file up exponentially)"



class _Abort(Exception):
    """The YAML cannot be read any further; the problems found so far still stand."""


_Event = Any  # yaml's event classes (C or pure Python) carry no type hints
_Read = Callable[["Reader", _Event, str], Any]


class Reader:
    """Validates a deck while streaming its YAML events, and builds it at the same time.

    Why events and not `yaml.compose`: nothing is ever constructed (no tag can run code),
    anchors and aliases are refused the moment they appear so a "billion laughs" deck costs
    nothing, every event carries its line, and depth is bounded by the schema. Composing
    with the C loader recurses in C on nested input (a file of 100,000 `[` crashes the
    interpreter) and builds a node tree whose garbage-collection cost grows faster than the
    file; reading events is flat and about as fast as libyaml can scan.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._found: list[tuple[int, str]] = []
        self._drama_ids: dict[str, int] = {}
        self._couple_ids: dict[str, int] = {}
        self._actors: dict[str, tuple[int, str]] = {}  # first line and path of each spelling
        self._next: Callable[[], _Event]  # the loader's get_event, set by read()

    @property
    def problems(self) -> list[str]:
        """Every problem once, in file order."""
        ordered = sorted(self._found, key=lambda found: found[0])
        return list(dict.fromkeys(message for _, message in ordered))

    def read(self, text: str) -> Deck | None:
        deck = None
        loader = None
        try:
            loader = _Loader(text)  # the pure-Python loader checks characters here
            self._next = loader.get_event
            self._next()  # StreamStartEvent
            start = self._next()
            if type(start) is StreamEndEvent:
                self._add(1, "", "the file is empty; a deck needs a title and a list of dramas")
                return None
            root = self._checked(self._next(), "")
            if root is not None:
                deck = self._deck(root, "")
            self._next()  # DocumentEndEvent
            extra = self._next()
            if type(extra) is DocumentStartEvent:
                self._report(extra, "", "a deck file holds one YAML document; found a second")
        except yaml.MarkedYAMLError as error:
            self._syntax_error(error)
        except yaml.YAMLError as error:
            self._unreadable(error, text)
        except _Abort:
            pass
        finally:
            if loader is not None:
                loader.dispose()
        self._check_actor_spellings()
        return deck

    # -- problems --------------------------------------------------------------------------

    def _add(self, line: int, path: str, message: str) -> None:
        self._found.append((line, f"{self._name}:{line}: {path or 'deck'}: {message}"))

    def _report(self, event: _Event, path: str, message: str) -> None:
        self._add(event.start_mark.line + 1, path, message)

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        message = f"invalid YAML: {error.problem or error.context}"
        if error.problem and error.context and error.context_mark is not None:
            message += f" ({error.context} at line {error.context_mark.line + 1})"
        self._add(line, "", message)

    def _unreadable(self, error: yaml.YAMLError, text: str) -> None:
        """libyaml's reader errors give a byte offset, not a line: find the character instead."""
        bad = _NOT_PRINTABLE.search(text)
        if bad is None:
            self._add(1, "", f"invalid YAML: {error}")
            return
        line = text.count("\n", 0, bad.start()) + 1
        self._add(line, "", f"invalid YAML: control character {bad.group()!r} is not allowed")

    def _wrong(self, event: _Event, path: str, expected: str) -> None:
        self._report(event, path, f"expected {expected}, found {_describe(event)}")
        self._skip(event, path)

    # -- safety ----------------------------------------------------------------------------

    def _checked(self, event: _Event, path: str) -> _Event | None:
        """The event, or None when it uses an alias, an anchor or a tag (reported, skipped)."""
        if type(event) is AliasEvent or event.anchor is not None or event.tag is not None:
            self._unsafe(event, path)
            self._skip(event, path)
            return None
        return event

    def _unsafe(self, event: _Event, path: str) -> None:
        if type(event) is AliasEvent:
            self._report(event, path, f"alias '*{event.anchor}' is not allowed {_NO_ALIASES}")
            return
        if event.anchor is not None:
            self._report(event, path, f"anchor '&{event.anchor}' is not allowed {_NO_ALIASES}")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self._report(event, path, f"tag '{tag}' is not allowed (a deck is plain data)")

    def _skip(self, event: _Event, path: str) -> None:
        """Consume the rest of a collection without building it, still refusing unsafe YAML."""
        kind = type(event)
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            return
        depth = 1
        while depth:
            event = self._next()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
                continue
            if kind is AliasEvent or event.anchor is not None or event.tag is not None:
                self._unsafe(event, path)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > _MAX_NESTING:
                    self._report(event, path, f"nested more than {_MAX_NESTING} levels deep")
                    raise _Abort

    def _skip_value(self, path: str) -> None:
        event = self._checked(self._next(), path)
        if event is not None:
            self._skip(event, path)

    # -- structure -------------------------------------------------------------------------

    def _fields(
        self,
        start: _Event,
        path: str,
        readers: dict[str, _Read],
        required: tuple[str, ...],
        expected: str = "a mapping",
    ) -> dict[str, Any] | None:
        """The mapping's known keys read by their readers; None when a required key is absent."""
        if type(start) is not MappingStartEvent:
            self._wrong(start, path, expected)
            return None
        values: dict[str, Any] = {}
        keys: dict[str, _Event] = {}
        prefix = f"{path}." if path else ""
        next_event = self._next
        while True:
            key = next_event()
            kind = type(key)
            if kind is MappingEndEvent:
                break
            if kind is not ScalarEvent or key.anchor is not None or key.tag is not None:
                if self._checked(key, path) is not None:
                    self._wrong(key, path, "a plain key name")
                self._skip_value(path)
                continue
            name = key.value
            field = prefix + name
            read = readers.get(name)
            if read is None:
                self._unknown_key(key, field, readers)
                self._skip_value(field)
                continue
            if name in keys:
                first = keys[name].start_mark.line + 1
                self._report(key, field, f"duplicate key '{name}' (first at line {first})")
                self._skip_value(field)
                continue
            keys[name] = key
            value = next_event()
            if type(value) is AliasEvent or value.anchor is not None or value.tag is not None:
                self._checked(value, field)
                values[name] = None
                continue
            values[name] = read(self, value, field)
        missing = [name for name in required if name not in keys]
        for name in missing:
            self._report(start, path, f"missing required key '{name}'")
        return None if missing else values

    def _unknown_key(self, key: _Event, path: str, readers: dict[str, _Read]) -> None:
        name = key.value
        message = f"unknown key '{name}'"
        close = difflib.get_close_matches(name.lower(), readers, n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{close[0]}'?"
        self._report(key, path, message)

    def _items(self, start: _Event, path: str, read: _Read, what: str) -> tuple[tuple, int]:
        """The readable items of a list, and how many entries it had."""
        if type(start) is ScalarEvent and start.implicit[0] and start.value in _NULLS:
            return (), 0  # `aliases:` with nothing after it is an empty list
        if type(start) is not SequenceStartEvent:
            self._wrong(start, path, f"a list of {what}")
            return (), -1
        items = []
        count = 0
        next_event = self._next
        while True:
            event = next_event()
            if type(event) is SequenceEndEvent:
                break
            item_path = f"{path}[{count}]"
            count += 1
            event = self._checked(event, item_path)
            if event is not None:
                item = read(self, event, item_path)
                if item is not None:
                    items.append(item)
        return tuple(items), count

    # -- field readers: (event, path) -> value, or None after reporting --------------------

    def _text(self, event: _Event, path: str) -> str | None:
        if type(event) is ScalarEvent:
            value = event.value
            if not value or (event.implicit[0] and value in _NULLS):
                self._report(event, path, "is empty; expected text")
                return None
            if value.isspace():
                self._report(event, path, "is blank (only spaces); expected text")
                return None
            # A plain `1987` or `Yes` resolves to a number or a boolean in YAML, but in a text
            # field the author meant the words they wrote, so the source text is kept.
            return value
        self._wrong(event, path, "text")
        return None

    def _texts(self, event: _Event, path: str) -> tuple[str, ...]:
        return self._items(event, path, Reader._text, "text")[0]

    def _year(self, event: _Event, path: str) -> int | None:
        if type(event) is not ScalarEvent:
            self._wrong(event, path, "a year such as 2019")
            return None
        value = event.value
        if not event.implicit[0]:
            self._report(
                event,
                path,
                f"expected a year such as 2019, found the quoted text "
                f"{value!r}; write the number without quotes",
            )
            return None
        if not (value.isascii() and value.isdigit() and value[0] != "0"):
            self._report(event, path, f"expected a year such as 2019, found {value!r}")
            return None
        year = int(value)
        if year not in YEARS:
            self._report(event, path, f"year {year} is out of range ({YEARS[0]}-{YEARS[-1]})")
            return None
        return year

    def _gender(self, event: _Event, path: str) -> str | None:
        value = self._text(event, path)
        if value is None or value in GENDERS:
            return value
        self._report(event, path, f"expected 'female' or 'male', found {value!r}")
        return None

    def _slug(self, event: _Event, path: str, seen: dict[str, int], what: str) -> str | None:
        value = self._text(event, path)
        if value is None:
            return None
        line = event.start_mark.line + 1
        if not _SLUG(value):
            suggestion = _NOT_SLUG.sub("-", value.lower()).strip("-")
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            self._add(line, path, f"{value!r} is not a slug (a-z, 0-9 and '-' only){hint}")
        if value in seen:
            self._add(
                line, path, f"duplicate {what} id '{value}' (first used at line {seen[value]})"
            )
        else:
            seen[value] = line
        return value

    def _drama_id(self, event: _Event, path: str) -> str | None:
        return self._slug(event, path, self._drama_ids, "drama")

    def _couple_id(self, event: _Event, path: str) -> str | None:
        return self._slug(event, path, self._couple_ids, "couple")

    def _actor(self, event: _Event, path: str) -> str | None:
        value = self._text(event, path)
        if value is not None and value not in self._actors:
            self._actors[value] = (event.start_mark.line + 1, path)
        return value

    def _check_actor_spellings(self) -> None:
        """Two spellings of one name that differ only in case, spaces or hyphens are a typo:
        left alone, the quiz would treat them as two people and offer one against the other."""
        spellings: dict[str, list[str]] = {}
        for actor in self._actors:
            folded = "".join(actor.casefold().translate(_NAME_NOISE).split())
            spellings.setdefault(folded, []).append(actor)
        for names in spellings.values():
            if len(names) < 2:
                continue
            first, *others = sorted(names, key=lambda actor: self._actors[actor][0])
            first_line = self._actors[first][0]
            for other in others:
                line, path = self._actors[other]
                self._add(
                    line,
                    path,
                    f"actor '{other}' differs from '{first}' (line "
                    f"{first_line}) only in case, spaces or hyphens; probably a typo",
                )

    # -- the schema ------------------------------------------------------------------------

    def _person(self, event: _Event, path: str) -> Person | None:
        values = self._fields(event, path, Reader._PERSON, Reader._PERSON_REQUIRED)
        return None if values is None else Person(**values)

    def _characters(self, event: _Event, path: str) -> tuple[Person, ...]:
        return self._items(event, path, Reader._person, "characters")[0]

    def _partners(self, event: _Event, path: str) -> tuple[Person, ...]:
        partners, count = self._items(event, path, Reader._person, "two partners")
        if count >= 0 and count != 2:
            self._report(event, path, f"expected exactly 2 partners, found {count}")
        return partners

    def _couple(self, event: _Event, path: str) -> Couple | None:
        values = self._fields(event, path, Reader._COUPLE, Reader._COUPLE_REQUIRED)
        return None if values is None else Couple(**values)

    def _couples(self, event: _Event, path: str) -> tuple[Couple, ...]:
        couples, count = self._items(event, path, Reader._couple, "couples")
        if count == 0:
            self._report(event, path, "is empty; a drama needs at least one couple")
        return couples

    def _drama(self, event: _Event, path: str) -> Drama | None:
        values = self._fields(event, path, Reader._DRAMA, Reader._DRAMA_REQUIRED)
        if values is None:
            return None
        drama = Drama(**values)
        self._check_also_loves(event, path, drama)
        return drama

    def _check_also_loves(self, event: _Event, path: str, drama: Drama) -> None:
        """`also_loves` names someone in the same drama: a name that matches nobody is a typo
        that would silently let a second right answer back into "who falls for ...?".
        Fields that failed to read are None here; they were reported already."""
        people = [p for c in drama.couples or () for p in c.partners or ()]
        people += drama.characters or ()
        names = {
            id(p): {n.casefold() for n in (p.character, *(p.aliases or ())) if n} for p in people
        }
        known = set().union(*names.values()) if names else set()
        for person in people:
            for loved in person.also_loves or ():
                if loved.casefold() in names[id(person)]:
                    self._report(event, path, f"{person.character}: also_loves names themself")
                elif loved.casefold() not in known:
                    self._report(
                        event,
                        path,
                        f"{person.character}: also_loves '{loved}' is not a character of "
                        f"'{drama.title}'; use a character name or alias from this drama",
                    )

    def _dramas(self, event: _Event, path: str) -> tuple[Drama, ...]:
        dramas, count = self._items(event, path, Reader._drama, "dramas")
        if count == 0:
            self._report(event, path, "is empty; a deck needs at least one drama")
        return dramas

    def _deck(self, event: _Event, path: str) -> Deck | None:
        values = self._fields(
            event,
            path,
            Reader._DECK,
            ("title", "dramas"),
            expected="a mapping with 'title' and 'dramas' at the top level",
        )
        return None if values is None else Deck(**values)

    _PERSON: ClassVar[dict[str, _Read]] = {
        "character": _text,
        "aliases": _texts,
        "hangul": _text,
        "actor": _actor,
        "actor_aliases": _texts,
        "actor_hangul": _text,
        "description": _text,
        "gender": _gender,
        "also_loves": _texts,
    }
    _PERSON_REQUIRED = ("character", "actor", "description")
    _COUPLE: ClassVar[dict[str, _Read]] = {
        "id": _couple_id,
        "obstacle": _text,
        "story": _text,
        "partners": _partners,
    }
    _COUPLE_REQUIRED = ("id", "obstacle", "partners")
    _DRAMA: ClassVar[dict[str, _Read]] = {
        "id": _drama_id,
        "title": _text,
        "aliases": _texts,
        "hangul": _text,
        "year": _year,
        "couples": _couples,
        "characters": _characters,
        "sources": _texts,
    }
    _DRAMA_REQUIRED = ("id", "title", "couples")
    _DECK: ClassVar[dict[str, _Read]] = {"title": _text, "source": _text, "dramas": _dramas}


def _describe(event: _Event) -> str:
    kind = type(event)
    if kind is MappingStartEvent:
        return "a mapping"
    if kind is SequenceStartEvent:
        return "a list"
    if kind is ScalarEvent:
        value = event.value
        if event.implicit[0] and value in _NULLS:
            return "nothing"
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return "something else"
