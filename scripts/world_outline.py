"""Build ``accordia/data/world.geojson`` from a Natural Earth admin-0 shapefile (run once, by hand).

Natural Earth is public domain. The dashboard needs outlines only to colour countries, so shapes are
simplified hard (about 0.15 degrees), islands smaller than a few pixels at map scale are dropped and
coordinates are rounded to 0.01 degree: the file stays a few hundred KB and nothing is fetched at
run time. Needs ``pyshp`` and ``shapely`` (not Accordia dependencies):

    python scripts/world_outline.py ne_10m_admin_0_countries.shp accordia/data/world.geojson
"""

from __future__ import annotations

import json
import sys

import shapefile  # pyshp
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

TOLERANCE = 0.15
MIN_AREA = 0.08  # square degrees: keeps Malta and Cyprus, drops specks


def _iso3(record: dict) -> str:
    for field in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        value = str(record.get(field) or "").strip()
        if len(value) == 3 and value != "-99":
            return value
    return ""


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            return [round(value[0], 2), round(value[1], 2)]
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main(source: str, target: str) -> None:
    reader = shapefile.Reader(source)
    names = [f[0] for f in reader.fields[1:]]
    features = []
    for item in reader.iterShapeRecords():
        record = dict(zip(names, item.record, strict=True))
        iso3 = _iso3(record)
        if not iso3 or iso3 == "ATA":
            continue
        geometry = shape(item.shape.__geo_interface__).buffer(0)
        parts = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
        kept = [p.simplify(TOLERANCE, preserve_topology=True) for p in parts if p.area >= MIN_AREA]
        kept = [p for p in kept if isinstance(p, Polygon) and not p.is_empty]
        if not kept:
            biggest = max(parts, key=lambda p: p.area).simplify(TOLERANCE, preserve_topology=True)
            kept = [biggest]
        merged = kept[0] if len(kept) == 1 else MultiPolygon(kept)
        features.append({"type": "Feature", "properties": {"id": iso3, "name": str(record.get("NAME_EN")
                                                                                   or record.get("NAME") or iso3)},
                         "geometry": _rounded(mapping(merged))})
    features.sort(key=lambda f: f["properties"]["id"])
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "source": "Natural Earth admin-0 countries (public domain), "
                   "simplified by scripts/world_outline.py", "features": features}, fh, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
