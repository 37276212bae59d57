"""The records the gazetteer holds: states, organisations, their members, office-holders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from accordia.reference.names import surname as _surname

# Kinds of surface form, strongest first: when two records claim the same text, the stronger wins.
# An organisation's metonym outranks a state's capital so that "Brussels" reads as the EU.
FORM_KINDS: tuple[str, ...] = ("name", "alias", "org", "org_metonym", "demonym", "capital", "seat")


def in_span(start: date | None, end: date | None, on: date | None) -> bool:
    """Whether ``on`` falls in ``[start, end)``; ``on=None`` asks about today, i.e. ``end`` is open."""
    if on is None:
        return end is None
    return (start is None or start <= on) and (end is None or on < end)


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Member:
    """One actor in an organisation; ``left`` is the first day outside it."""

    actor: str
    joined: date | None = None
    left: date | None = None

    def active(self, on: date | None) -> bool:
        return in_span(self.joined, self.left, on)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()
    seat: str = ""
    participants: tuple[str, ...] = ()
    note: str = ""
    # "own": the organisation speaks for itself (the EU, NATO); "members": a regional label with no
    # voice of its own ("the Baltic states"), so what is said of it is said of each member.
    voice: str = "own"


@dataclass(frozen=True)
class OfficeHolder:
    """One person in one office for one span; a person with two offices has two records."""

    name: str
    aliases: tuple[str, ...]
    actor: str
    office: str
    role: str
    start: date | None
    end: date | None

    @property
    def surname(self) -> str:
        return _surname(self.name)

    def active(self, on: date | None) -> bool:
        return in_span(self.start, self.end, on)


@dataclass(frozen=True)
class SurfaceForm:
    """A piece of text that names an actor; ``kind`` is one of :data:`FORM_KINDS`."""

    text: str
    actor: str
    kind: str
    rank: int = field(default=0, compare=False, repr=False)
