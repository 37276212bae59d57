"""Standing institutional rules (EU unanimity, NATO consensus, UN Security Council veto...).

They let the veto analysis name who can block an issue even when no article in the store says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accordia.facts import RULES
from accordia.reference.files import Source, read_yaml, shipped, string_list

HOLDER_KINDS = ("organisation", "state")
RULE_KEYS = {"holder", "holder_kind", "rule", "scope", "members_can_block", "applies_if", "note", "source"}


@dataclass(frozen=True)
class InstitutionalRule:
    holder: str
    holder_kind: str
    rule: str
    scope: tuple[str, ...]
    members_can_block: bool
    note: str
    source: str
    # A rule that binds only in some circumstances ("the force seeks a UN mandate"): its holders are
    # listed as able to block only then, and are not counted as blocking the issue today.
    applies_if: str = ""


def _text(entry: dict[str, Any], key: str, where: str, required: bool) -> str:
    value = entry.get(key)
    if value is None or value == "":
        if required:
            raise ValueError(f"{where}: '{key}' is required")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: '{key}' must be text, got {type(value).__name__}")
    return " ".join(value.split())


def _rule(entry: Any, where: str) -> InstitutionalRule:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in entry if k not in RULE_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    holder = _text(entry, "holder", where, True)
    kind = _text(entry, "holder_kind", where, True)
    if kind not in HOLDER_KINDS:
        raise ValueError(f"{where}: holder_kind must be one of {', '.join(HOLDER_KINDS)}, got {kind!r}")
    rule = _text(entry, "rule", where, True)
    if rule not in RULES:
        raise ValueError(f"{where}: rule must be one of {', '.join(RULES)}, got {rule!r}")
    scope = string_list(entry.get("scope"), f"{where}.scope")
    if not scope:
        raise ValueError(f"{where}: 'scope' must list at least one issue id")
    can_block = entry.get("members_can_block", False)
    if not isinstance(can_block, bool):
        raise ValueError(f"{where}: members_can_block must be true or false, got {can_block!r}")
    if can_block and kind != "organisation":
        raise ValueError(f"{where}: members_can_block applies only to an organisation")
    return InstitutionalRule(holder, kind, rule, scope, can_block, _text(entry, "note", where, False),
                             _text(entry, "source", where, False), _text(entry, "applies_if", where, False))


def load_rules(path: str | Path | None = None) -> list[InstitutionalRule]:
    """The shipped rules (``None``) or a user's YAML in the same shape; bad entries raise ``ValueError``."""
    source: Source = shipped("institutional_rules.yaml") if path is None else path
    data = read_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{source}: expected a mapping with a 'rules' list")
    return [_rule(entry, f"{source}: rules[{i}]") for i, entry in enumerate(data["rules"])]


def rule_problems(rules: list[InstitutionalRule], issue_ids: set[str], actor_ids: set[str]) -> list[str]:
    """Rules that point at issues or actors the codebook and gazetteer do not know (empty when all fit)."""
    problems: list[str] = []
    for r in rules:
        if r.holder not in actor_ids:
            problems.append(f"{r.holder} {r.rule}: unknown holder")
        problems.extend(f"{r.holder} {r.rule}: unknown issue {s!r}" for s in r.scope if s not in issue_ids)
    return problems
