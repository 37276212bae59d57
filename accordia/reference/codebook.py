"""The issue codebook: the questions actors take sides on, and the groups whose membership is tracked.

A codebook is the one file a user rewrites to point Accordia at another negotiation, so loading it
checks every entry and names the entry and field at fault instead of failing later in extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accordia.facts import COMMITMENT_KINDS
from accordia.reference.files import Source, read_yaml, shipped, string_list

ISSUE_KEYS = {"id", "label", "aliases", "keywords", "proposal", "absence_aliases", "not_after", "pledges",
              "procedural", "note"}
GROUP_KEYS = {"id", "label", "aliases", "note"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    proposal: bool = False
    # Phrases that name the issue by its absence ("without Ukraine", "over its head"): refusing what
    # they describe is support for the issue, so the extractor inverts the stance read on them.
    absence_aliases: tuple[str, ...] = ()
    # Words that, right before a keyword, make it mean something else ("Ukrainian troops" are not the
    # reassurance force; a "national guarantee" is not a security guarantee).
    not_after: tuple[str, ...] = ()
    # Commitment kinds that serve this issue when a pledge names no issue ("will send troops" -> the
    # force); the first issue listing a kind is its default.
    pledges: tuple[str, ...] = ()
    # About who decides rather than what: a consent rule is never "over" such an issue.
    procedural: bool = False


@dataclass(frozen=True)
class GroupDef:
    id: str
    label: str
    aliases: tuple[str, ...]


@dataclass
class Codebook:
    issues: list[Issue]
    groups: list[GroupDef]
    # The sides whose conflict the process is about: an article that names none of them is not about
    # this process, however much its wording resembles it (another war's ceasefire, another force).
    parties: tuple[str, ...] = ()

    def issue(self, id: str) -> Issue:
        return _find(self.issues, id, "issue")

    def ids(self) -> list[str]:
        return [item.id for item in self.issues]

    def serves(self, kind: str) -> list[str]:
        """Issues a commitment of ``kind`` serves by default, first listed first."""
        return [item.id for item in self.issues if kind in item.pledges]

    def procedural(self) -> set[str]:
        return {item.id for item in self.issues if item.procedural}

    def group(self, id: str) -> GroupDef:
        return _find(self.groups, id, "group")

    def group_ids(self) -> list[str]:
        return [item.id for item in self.groups]

    def __contains__(self, id: object) -> bool:
        return any(item.id == id for item in self.issues)


def _find(items: list[Any], id: str, what: str) -> Any:
    for item in items:
        if item.id == id:
            return item
    raise KeyError(f"no {what} {id!r} in the codebook (known: {', '.join(i.id for i in items)})")


def _entry_id(entry: dict[str, Any], where: str, seen: set[str]) -> str:
    raw = entry.get("id")
    if not isinstance(raw, str) or not _ID.match(raw.strip()):
        raise ValueError(f"{where}: 'id' must be lower-case letters, digits and hyphens, got {raw!r}")
    entry_id = raw.strip()
    if entry_id in seen:
        raise ValueError(f"{where}: id {entry_id!r} appears twice")
    seen.add(entry_id)
    return entry_id


def _label(entry: dict[str, Any], where: str) -> str:
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"{where}: 'label' must be non-empty text")
    return " ".join(label.split())


def _check_keys(entry: Any, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping with id, label and aliases")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(sorted(allowed))}")
    return entry


def _entries(raw: Any, source: Source, section: str, keys: set[str]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """Each entry of a codebook section, checked, with its unique id and a place name for errors."""
    seen: set[str] = set()
    singular = section[:-1]
    for i, entry in enumerate(raw):
        where = f"{source}: {section}[{i}]"
        entry = _check_keys(entry, keys, where)
        entry_id = _entry_id(entry, where, seen)
        yield entry, entry_id, f"{source}: {singular} {entry_id!r}"


def _issues(raw: Any, source: Source) -> list[Issue]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{source}: 'issues' must be a non-empty list")
    issues: list[Issue] = []
    for entry, issue_id, where in _entries(raw, source, "issues", ISSUE_KEYS):
        proposal = entry.get("proposal", False)
        procedural = entry.get("procedural", False)
        for name, flag in (("proposal", proposal), ("procedural", procedural)):
            if not isinstance(flag, bool):
                raise ValueError(f"{where}: '{name}' must be true or false, got {flag!r}")
        pledges = string_list(entry.get("pledges"), f"{where}.pledges")
        unknown = [k for k in pledges if k not in COMMITMENT_KINDS]
        if unknown:
            raise ValueError(f"{where}.pledges: unknown commitment kind(s) {', '.join(unknown)} "
                             f"(known: {', '.join(COMMITMENT_KINDS)})")
        aliases = string_list(entry.get("aliases"), f"{where}.aliases")
        keywords = string_list(entry.get("keywords"), f"{where}.keywords")
        absence = string_list(entry.get("absence_aliases"), f"{where}.absence_aliases")
        not_after = string_list(entry.get("not_after"), f"{where}.not_after")
        issues.append(Issue(issue_id, _label(entry, where), aliases, keywords, proposal, absence, not_after,
                            pledges, procedural))
    return issues


def _groups(raw: Any, source: Source) -> list[GroupDef]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError(f"{source}: 'groups' must be a list")
    return [GroupDef(group_id, _label(entry, where), string_list(entry.get("aliases"), f"{where}.aliases"))
            for entry, group_id, where in _entries(raw, source, "groups", GROUP_KEYS)]


def parse_codebook(data: Any, source: Source = "<codebook>") -> Codebook:
    """A codebook from already-parsed YAML (a mapping with ``issues`` and optional ``groups``)."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping with an 'issues' list at the top")
    unknown = sorted(str(k) for k in data if k not in ("issues", "groups", "parties"))
    if unknown:
        raise ValueError(f"{source}: unknown top-level key(s) {', '.join(unknown)}; "
                         "allowed: issues, groups, parties")
    parties = tuple(string_list(data.get("parties"), f"{source}: parties"))
    return Codebook(_issues(data.get("issues"), source), _groups(data.get("groups"), source), parties)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The shipped codebook (``None``) or a user's YAML file; a malformed file raises ``ValueError``."""
    source: Source = shipped("codebook.yaml") if path is None else path
    return parse_codebook(read_yaml(source), source)
