"""Parsing the gazetteer's three files (states, organisations, office-holders) into records."""

from __future__ import annotations

import re
from typing import Any

from accordia.reference.entities import Member, OfficeHolder, Organisation, State
from accordia.reference.files import (
    Source,
    parse_date,
    parse_float,
    read_csv,
    read_yaml,
    split_list,
    string_list,
)

_ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")
STATE_COLUMNS = ("iso3", "name", "aliases", "demonyms", "capitals", "lat", "lon")
HOLDER_COLUMNS = ("name", "aliases", "actor", "office", "role", "start", "end")
ORG_KEYS = {"id", "name", "aliases", "metonyms", "seat", "note", "members", "members_from_states", "voice",
            "participants"}


def _actor_id(value: Any, where: str) -> str:
    text = str(value or "").strip()
    if not _ACTOR_ID.match(text):
        raise ValueError(f"{where}: {text!r} is not an actor id (upper-case letters, digits, hyphens)")
    return text


def read_states(source: Source) -> dict[str, State]:
    states: dict[str, State] = {}
    for line, row in read_csv(source, STATE_COLUMNS):
        where = f"{source}:{line}"
        iso3 = row["iso3"]
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise ValueError(f"{where}: iso3 {iso3!r} must be three upper-case letters")
        if iso3 in states:
            raise ValueError(f"{where}: {iso3} is listed twice")
        if not row["name"]:
            raise ValueError(f"{where}: {iso3} has no name")
        states[iso3] = State(
            iso3=iso3, name=row["name"], aliases=split_list(row["aliases"]),
            demonyms=split_list(row["demonyms"]), capitals=split_list(row["capitals"]),
            lat=parse_float(row["lat"], f"{where} lat", -90.0, 90.0),
            lon=parse_float(row["lon"], f"{where} lon", -180.0, 180.0),
        )
    if not states:
        raise ValueError(f"{source}: no states listed")
    return states


def _members(entry: dict[str, Any], where: str, states: dict[str, State]) -> tuple[Member, ...]:
    if "members_from_states" in entry:
        spec = entry["members_from_states"] or {}
        if not isinstance(spec, dict):
            raise ValueError(f"{where}.members_from_states: expected a mapping with 'except'")
        excluded = set(string_list(spec.get("except"), f"{where}.members_from_states.except"))
        return tuple(Member(iso3) for iso3 in states if iso3 not in excluded)
    raw = entry.get("members") or []
    if not isinstance(raw, list):
        raise ValueError(f"{where}.members: expected a list")
    members: list[Member] = []
    for i, item in enumerate(raw):
        at = f"{where}.members[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{at}: expected a mapping with 'actor'")
        joined = parse_date(item.get("joined"), f"{at}.joined")
        left = parse_date(item.get("left"), f"{at}.left")
        if joined and left and left <= joined:
            raise ValueError(f"{at}: left {left} is not after joined {joined}")
        members.append(Member(_actor_id(item.get("actor"), f"{at}.actor"), joined, left))
    return tuple(members)


def read_organisations(source: Source, states: dict[str, State]) -> dict[str, Organisation]:
    data = read_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("organisations"), list):
        raise ValueError(f"{source}: expected a mapping with an 'organisations' list")
    orgs: dict[str, Organisation] = {}
    for i, entry in enumerate(data["organisations"]):
        where = f"{source}: organisations[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: expected a mapping")
        unknown = set(entry) - ORG_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        org_id = _actor_id(entry.get("id"), f"{where}.id")
        if org_id in orgs or org_id in states:
            raise ValueError(f"{where}: id {org_id} is already used")
        orgs[org_id] = Organisation(
            id=org_id, name=str(entry.get("name") or org_id),
            aliases=string_list(entry.get("aliases"), f"{where}.aliases"),
            metonyms=string_list(entry.get("metonyms"), f"{where}.metonyms"),
            members=_members(entry, where, states), seat=str(entry.get("seat") or ""),
            participants=string_list(entry.get("participants"), f"{where}.participants"),
            note=str(entry.get("note") or "").strip(),
            voice=str(entry.get("voice") or "own"),
        )
    return orgs


def read_office_holders(source: Source) -> list[OfficeHolder]:
    holders: list[OfficeHolder] = []
    for line, row in read_csv(source, HOLDER_COLUMNS):
        where = f"{source}:{line}"
        if not row["name"] or not row["office"]:
            raise ValueError(f"{where}: name and office are required")
        start = parse_date(row["start"], f"{where} start")
        end = parse_date(row["end"], f"{where} end")
        if start and end and end <= start:
            raise ValueError(f"{where}: end {end} is not after start {start}")
        holders.append(OfficeHolder(
            name=row["name"], aliases=tuple(a for a in split_list(row["aliases"]) if a != row["name"]),
            actor=_actor_id(row["actor"], f"{where} actor"), office=row["office"], role=row["role"],
            start=start, end=end,
        ))
    return holders
