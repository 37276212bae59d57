"""Reference data: gazetteer, issue codebook, institutional rules and capabilities.

The data lives in ``accordia/data`` (see its README); these loaders check it and index it. Users
replace any file with their own through the ``path`` arguments, e.g. a codebook for another process.
"""

from accordia.reference.bundle import Reference, default_reference, load_reference
from accordia.reference.capabilities import Capability, load_capabilities
from accordia.reference.codebook import Codebook, GroupDef, Issue, load_codebook, parse_codebook
from accordia.reference.entities import Member, OfficeHolder, Organisation, State, SurfaceForm
from accordia.reference.gazetteer import Gazetteer
from accordia.reference.rules import InstitutionalRule, load_rules, rule_problems

__all__ = [
    "Capability", "Codebook", "Gazetteer", "GroupDef", "InstitutionalRule", "Issue", "Member", "OfficeHolder",
    "Organisation", "Reference", "State", "SurfaceForm", "default_reference", "load_capabilities",
    "load_codebook", "load_reference", "load_rules", "parse_codebook", "rule_problems",
]
