"""Economic and military weight of each actor, for analyses that weigh actors by capability."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accordia.reference.files import Source, parse_float, read_csv, shipped

COLUMNS = ("iso3", "gdp_usd_bn", "milex_usd_bn", "population_m", "year")


@dataclass(frozen=True)
class Capability:
    """GDP and military spending in billions of US dollars, population in millions; ``None`` = unknown."""

    actor: str
    gdp_usd_bn: float | None
    milex_usd_bn: float | None
    population_m: float | None
    year: int | None
    note: str = ""


def _year(value: str, where: str) -> int | None:
    if value == "":
        return None
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise ValueError(f"{where}: year {value!r} is not a four-digit year")
    return int(value)


def load_capabilities(path: str | Path | None = None) -> dict[str, Capability]:
    """The shipped table (``None``) or a user's CSV with the same columns (``note`` optional)."""
    source: Source = shipped("capabilities.csv") if path is None else path
    table: dict[str, Capability] = {}
    for line, row in read_csv(source, COLUMNS):
        where = f"{source}:{line}"
        actor = row["iso3"]
        if not actor:
            raise ValueError(f"{where}: iso3 (actor id) is required")
        if actor in table:
            raise ValueError(f"{where}: {actor} is listed twice")
        table[actor] = Capability(
            actor=actor,
            gdp_usd_bn=parse_float(row["gdp_usd_bn"], f"{where} gdp_usd_bn", 0.0),
            milex_usd_bn=parse_float(row["milex_usd_bn"], f"{where} milex_usd_bn", 0.0),
            population_m=parse_float(row["population_m"], f"{where} population_m", 0.0),
            year=_year(row["year"], f"{where} year"),
            note=row.get("note", ""),
        )
    return table
