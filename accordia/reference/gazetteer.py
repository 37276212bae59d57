"""Who is who: states, organisations and office-holders, and the words reporters use for them.

The extractor asks it what "the Elysee" or "Zelenskiy" refers to and who was German chancellor on
the day an article appeared; analyses ask it who belonged to NATO on a snapshot's date. All answers
come from the shipped files (or a user's replacements), never from the network.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache

from accordia.reference.entities import (
    FORM_KINDS,
    Member,
    OfficeHolder,
    Organisation,
    State,
    SurfaceForm,
)
from accordia.reference.files import Source, shipped
from accordia.reference.gazetteer_files import read_office_holders, read_organisations, read_states
from accordia.reference.names import fold, person_key, strip_titles, surname_tokens, tokens

__all__ = ["Gazetteer", "Member", "OfficeHolder", "Organisation", "State", "SurfaceForm"]

_RANK = {kind: i for i, kind in enumerate(FORM_KINDS)}


def _is_acronym(text: str) -> bool:
    # "US", "U.K.", "EU": matched only as written, so the pronoun "us" never becomes a state.
    letters = text.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 5


def _the_less(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _possessive_less(text: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


class Gazetteer:
    """States, organisations and office-holders with indexes for text lookup and dated queries."""

    def __init__(self, states: dict[str, State], organisations: dict[str, Organisation],
                 office_holders: list[OfficeHolder]) -> None:
        self.states = states
        self.organisations = organisations
        self.office_holders = office_holders
        self._forms: dict[str, SurfaceForm] = {}
        self._forms_folded: dict[str, SurfaceForm] = {}
        self._offices: dict[tuple[str, str], list[OfficeHolder]] = defaultdict(list)
        self._person_exact: dict[str, list[OfficeHolder]] = defaultdict(list)
        self._person_surname: dict[str, list[OfficeHolder]] = defaultdict(list)
        self._index_forms()
        self._index_people()

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once per process."""
        return _shipped_gazetteer()

    @classmethod
    def from_paths(cls, states_csv: Source, organisations_yaml: Source,
                   office_holders_csv: Source) -> Gazetteer:
        """A gazetteer from a user's files (same formats as ``accordia/data``); bad files raise ValueError."""
        states = read_states(states_csv)
        organisations = read_organisations(organisations_yaml, states)
        return cls(states, organisations, read_office_holders(office_holders_csv))

    def _claim(self, text: str, actor: str, kind: str) -> None:
        form = SurfaceForm(text, actor, kind, _RANK[kind])
        for index, key in ((self._forms, text), (self._forms_folded, fold(text).casefold())):
            if index is self._forms_folded and _is_acronym(text):
                continue
            held = index.get(key)
            if held is None or form.rank < held.rank:
                index[key] = form

    def _index_forms(self) -> None:
        for state in self.states.values():
            self._claim(state.name, state.iso3, "name")
            for kind, texts in (("alias", state.aliases), ("demonym", state.demonyms),
                                ("capital", state.capitals)):
                for text in texts:
                    self._claim(text, state.iso3, kind)
        for org in self.organisations.values():
            self._claim(org.name, org.id, "org")
            for text in org.aliases:
                self._claim(text, org.id, "org")
            for text in org.metonyms:
                self._claim(text, org.id, "org_metonym")
            if org.seat:
                self._claim(org.seat, org.id, "seat")

    def _index_people(self) -> None:
        for holder in self.office_holders:
            self._offices[(holder.office, holder.actor)].append(holder)
            for text in (holder.name, *holder.aliases):
                key = person_key(text)
                if key and holder not in self._person_exact[key]:
                    self._person_exact[key].append(holder)
            for text in (holder.name, *holder.aliases):
                last = surname_tokens(text)
                for key in {person_key(last[-1]) if last else "", person_key(" ".join(last))}:
                    if key and holder not in self._person_surname[key]:
                        self._person_surname[key].append(holder)
        for rows in self._offices.values():
            rows.sort(key=lambda h: (h.start or date.min))

    # -- text -----------------------------------------------------------------------------------
    def surface_forms(self, include_seats: bool = False) -> list[SurfaceForm]:
        """One form per distinct text (the strongest claim), for an entity ruler.

        Seats are left out unless asked for: "New York" or "Vienna" in a sentence is usually a place,
        not the organisation sitting there.
        """
        return sorted((f for f in self._forms.values() if include_seats or f.kind != "seat"),
                      key=lambda f: (f.text.casefold(), f.text))

    def lookup(self, text: str) -> SurfaceForm | None:
        """The actor a piece of text names: exact first, then ignoring case and accents.

        A leading "the" and a possessive "'s" are tried off as well. Context (Georgia the US state,
        Jordan the person) is the extractor's business, not this table's.
        """
        if not isinstance(text, str):
            return None
        raw = " ".join(text.split())
        if not raw:
            return None
        candidates = list(dict.fromkeys(
            [raw, _the_less(raw), _possessive_less(raw), _the_less(_possessive_less(raw))]))
        for candidate in candidates:
            if candidate in self._forms:
                return self._forms[candidate]
        for candidate in candidates:
            found = self._forms_folded.get(fold(candidate).casefold())
            if found is not None:
                return found
        return None

    def name(self, actor: str) -> str:
        """Display name for an ISO3 code or organisation id; an unknown id is returned unchanged."""
        if actor in self.states:
            return self.states[actor].name
        if actor in self.organisations:
            return self.organisations[actor].name
        return actor

    def is_state(self, actor: str) -> bool:
        return actor in self.states

    # -- membership -----------------------------------------------------------------------------
    def members_of(self, org: str, on: date | None = None) -> set[str]:
        """Members on a date (today's members when ``on`` is None); empty for an unknown organisation."""
        found = self.organisations.get(org)
        if found is None:
            return set()
        return {m.actor for m in found.members if m.active(on)}

    def memberships_of(self, actor: str, on: date | None = None) -> set[str]:
        return {org.id for org in self.organisations.values()
                if any(m.actor == actor and m.active(on) for m in org.members)}

    # -- people ---------------------------------------------------------------------------------
    def holder(self, office: str, actor: str, on: date | None) -> OfficeHolder | None:
        """Who held ``office`` for ``actor`` that day (the latest holder when ``on`` is None).

        Presidential systems list only a head of state; asked for their head of government, the
        gazetteer answers with the president.
        """
        rows = self._offices.get((office, actor))
        if not rows and office == "head_of_government":
            rows = self._offices.get(("head_of_state", actor))
        if not rows:
            return None
        if on is None:
            current = [h for h in rows if h.end is None]
            return (current or rows)[-1]
        active = [h for h in rows if h.active(on)]
        return active[-1] if active else None

    def find_person(self, name: str, on: date | None = None) -> list[OfficeHolder]:
        """Office records of the person a name refers to, best first.

        Tries the full name or an alias, then the same without titles ("President Macron"), then the
        surname; accents, case and transliteration endings (-y, -iy, -yy) are folded. Records in office
        on ``on`` (today when None) come first, then the closer kind of match, then the most recent.
        """
        if not isinstance(name, str) or not name.strip():
            return []
        found: dict[OfficeHolder, int] = {}
        stripped = strip_titles(name.strip())
        for level, key in enumerate((person_key(name), person_key(stripped))):
            for holder in self._person_exact.get(key, []):
                found.setdefault(holder, level)
        if not found:
            words = tokens(stripped)
            for holder in self._person_surname.get(person_key(stripped), []):
                found.setdefault(holder, 2)
            if not found and len(words) > 1:
                # "Sergey V. Lavrov": surname matches and the first name agrees with the record's.
                given = words[0]
                for holder in self._person_surname.get(person_key(words[-1]), []):
                    own = tokens(holder.name)
                    initial = len(given) == 1 and own[:1] and own[0][0] == given
                    if own and (person_key(own[0]) == person_key(given) or initial):
                        found.setdefault(holder, 3)
        return sorted(found, key=lambda h: (not h.active(on), found[h], -(h.start or date.min).toordinal()))

    def offices_of(self, name: str) -> list[OfficeHolder]:
        """Every office the named person held, in order of starting."""
        matches = self.find_person(name)
        people = {h.name for h in matches}
        return sorted((h for h in self.office_holders if h.name in people),
                      key=lambda h: (h.start or date.min, h.office))


@cache
def _shipped_gazetteer() -> Gazetteer:
    return Gazetteer.from_paths(shipped("states.csv"), shipped("organisations.yaml"),
                                shipped("office_holders.csv"))
