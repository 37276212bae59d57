"""Everything the pipeline and analyses read besides articles, gathered in one object."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from accordia.reference.capabilities import Capability, load_capabilities
from accordia.reference.codebook import Codebook, load_codebook
from accordia.reference.gazetteer import Gazetteer
from accordia.reference.rules import InstitutionalRule, load_rules


@dataclass
class Reference:
    gazetteer: Gazetteer
    codebook: Codebook
    rules: list[InstitutionalRule]
    capabilities: dict[str, Capability]


@cache
def default_reference() -> Reference:
    """The shipped reference data, loaded once per process."""
    return Reference(Gazetteer.default(), load_codebook(), load_rules(), load_capabilities())


def load_reference(codebook: str | Path | None = None, rules: str | Path | None = None,
                   capabilities: str | Path | None = None) -> Reference:
    """Shipped data with any of the codebook, rules or capability table replaced by a user's file.

    Pointing Accordia at another negotiation is usually just ``load_reference(codebook="mine.yaml")``.
    """
    if codebook is None and rules is None and capabilities is None:
        return default_reference()
    base = default_reference()
    return Reference(
        gazetteer=base.gazetteer,
        codebook=base.codebook if codebook is None else load_codebook(codebook),
        rules=base.rules if rules is None else load_rules(rules),
        capabilities=base.capabilities if capabilities is None else load_capabilities(capabilities),
    )
