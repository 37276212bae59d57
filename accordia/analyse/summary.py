"""Analysis results cut down to what a reader scans first: one short row per conclusion.

The full results are nested (per-actor details, sensitivity runs, per-issue tables) and belong in
JSON. A terminal table of them is unreadable, so the CLI shows these summaries instead: names rather
than bare ids, ranges rather than lone numbers, and the first sentences of evidence with a count of
the rest. Nothing is computed here; every figure comes from the result as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accordia.analyse.amounts import bounds_text
from accordia.analyse.force import TIERS, amount_range_text

Namer = Callable[[str], str]
EVIDENCE_SHOWN = 2
WORDING_CHARS = 160

# The keys a row of each kind must have for its summary to make sense; otherwise callers fall back
# to showing the rows as they are.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "collisions": ("kind", "issue", "source_actor", "details"),
    "vetoes": ("issue", "holders"),
    "blocs": ("type",),
    "force": ("issue", "contributors", "totals"),
    "forecast": ("issue", "verdict", "baseline", "model", "coverage", "veto", "actors"),
}


def actor_label(actor: str, name: Namer | None = None) -> str:
    """"France (FRA)", or the id alone when no better name is known."""
    shown = name(actor) if name is not None else actor
    return f"{shown} ({actor})" if shown and shown != actor else actor


def _actors(items: list[str], name: Namer | None) -> str:
    return ", ".join(actor_label(a, name) for a in items) or "-"


def _short(text: str, limit: int = WORDING_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def evidence_line(item: dict[str, Any]) -> str:
    """One piece of evidence: the sentence with its article and date, or the reference rule's source."""
    if "sentence" in item:
        where = ", ".join(str(v) for v in (item.get("article"), item.get("published")) if v)
        return f"\u201c{item['sentence']}\u201d ({where})" if where else f"\u201c{item['sentence']}\u201d"
    return f"reference: {_short(item.get('rule', ''))} [{item.get('source', '')}]"


def evidence_text(items: list[dict[str, Any]] | None, shown: int = EVIDENCE_SHOWN) -> str:
    """The first few pieces of evidence, one per line, and how many more there are."""
    items = [i for i in items or [] if isinstance(i, dict)]
    lines = [evidence_line(i) for i in items[:shown]]
    if len(items) > shown:
        lines.append(f"(+{len(items) - shown} more)")
    return "\n".join(lines) or "-"


def _collision(row: dict[str, Any], name: Namer | None) -> dict[str, str]:
    issue, source = row["issue"], row["source_actor"]
    if row["kind"] == "red-line":
        what = f"{actor_label(source, name)}: red line against {issue}"
    elif row["kind"] == "provision-bars":
        what = f"{source} bars {issue}"
    else:
        what = f"{source} requires {issue}"
    wording = row.get("wording") or ""
    sentences = {" ".join(str(e.get("sentence", "")).split()) for e in row.get("evidence") or []}
    if wording and " ".join(wording.split()) not in sentences:
        what += f"\nworded: \u201c{_short(wording)}\u201d"
    colliding = "\n".join(f"{actor_label(d['actor'], name)}: {', '.join(d.get('via') or [])}"
                          for d in row["details"]) or "-"
    spared = "\n".join(f"{actor_label(s['actor'], name)}: {s.get('reason', '')}"
                       for s in row.get("not_colliding") or [])
    other_side = row.get("proposal_backers") or []
    if other_side:
        spared = (spared + "\n" if spared else "") + f"{source} backed by: " + _actors(
            [b["actor"] for b in other_side], name)
    return {"collision": what, "collides with (via)": colliding, "not colliding / other side": spared or "-",
            "evidence": evidence_text(row.get("evidence"))}


def _veto(row: dict[str, Any], name: Namer | None) -> dict[str, str]:
    # one line per holder and rule (a rule both reported and institutional is one line with both
    # sources), and one line per organisation whose members each hold a veto, counted once
    direct: dict[tuple[str, str], list[str]] = {}
    members: dict[tuple[str, str], set[str]] = {}
    blocks: dict[tuple[str, str], bool] = {}
    for h in row["holders"]:
        if h.get("via"):
            members.setdefault((h["via"], h["rule"]), set()).add(h["actor"])
            continue
        key = (h["actor"], h["rule"])
        sources = direct.setdefault(key, [])
        if h.get("source") and h["source"] not in sources:
            sources.append(h["source"])
        blocks[key] = blocks.get(key, False) or bool(h.get("can_block"))
    lines = []
    for (actor, rule), sources in direct.items():
        block = "" if blocks[(actor, rule)] else "; cannot block alone"
        lines.append(f"{actor_label(actor, name)}: {rule} ({', '.join(sources)}{block})")
    for (org, rule), who in sorted(members.items()):
        lines.append(f"each of {len(who)} {org} members ({rule})")
    blocking = []
    for h in row["holders"]:
        if h.get("blocking_now") and actor_label(h["actor"], name) not in blocking:
            blocking.append(actor_label(h["actor"], name))
    return {"issue": row["issue"], "must agree": "\n".join(lines) or "-",
            "blocking now (opposes)": "\n".join(blocking) or "nobody",
            "evidence": evidence_text(row.get("evidence"))}


def _bloc(row: dict[str, Any], name: Namer | None) -> dict[str, str]:
    if row["type"] == "swing":
        members = actor_label(row.get("actor", ""), name)
        why = "\n".join(r.get("why", "") for r in row.get("reasons") or [])
        group = "swing actor"
    elif row["type"] == "sides":
        members = "\n".join(f"{stance}: {_actors(row[stance], name)}" for stance in
                            ("support", "oppose", "conditional", "undecided", "contested") if row.get(stance))
        why = "one issue: sides, not blocs"
        group = f"sides on {row.get('issue', '')}"
    else:
        members = _actors(row.get("members") or [], name)
        why = row.get("label") or "-"
        cohesion = row.get("cohesion")
        group = f"bloc across {row.get('shared_issues', 0)} issues"
        if cohesion is not None:
            group += f" (cohesion {cohesion:.2f})"
    return {"group": group, "actors": members, "why": why, "evidence": evidence_text(row.get("evidence"))}


def _tiers(values: dict[str, dict[str, Any]], unit: str) -> str:
    parts = []
    for tier in TIERS:
        total = values.get(tier) or {}
        if total.get("pledges"):
            parts.append(f"{amount_range_text(total['min'], total['max'], unit, total.get('only_maximum', 0))} "
                         f"{tier}")
        if total.get("amount_not_stated"):
            parts.append(f"{total['amount_not_stated']} {tier} pledge(s): amount not stated")
    return ", ".join(parts) or "-"


def _force(row: dict[str, Any], name: Namer | None) -> dict[str, str]:
    contributors = row["contributors"]
    need = "-"
    if row.get("requirements"):
        latest = row["requirements"][-1]
        gap = latest["gap"]["with_conditional"]
        need = (f"{latest['text']} (stated by {latest.get('stated_by', 'not said')})\n"
                f"missing {bounds_text(gap['min'], gap['max'], 'troops')} (firm + conditional)")
        if gap.get("upper_bound_only"):
            need += f"; {gap['amount_not_stated']} pledge(s) without an amount"
    if row.get("caps"):
        need += "\ncaps (not needs): " + ", ".join(c["text"] for c in row["caps"])
    pledged = [f"troops: {_tiers(row['totals']['troops'], 'troops')}",
               f"money: {_tiers(row['totals']['money_eur'], 'EUR')}"]
    return {"issue": row["issue"], "contributors": _actors([c["actor"] for c in contributors], name),
            "pledged": "\n".join(pledged), "stated need": need, "evidence": evidence_text(row.get("evidence"))}


def _span(span: list[float]) -> str:
    low, high = f"{span[0]:.0f}", f"{span[1]:.0f}"
    return low if low == high else f"{low}-{high}"


def _forecast(row: dict[str, Any], name: Namer | None) -> dict[str, str]:
    verdict = row["verdict"]
    if row.get("tipping_actors"):
        verdict += "\ntipped by " + _actors(row["tipping_actors"], name)
    cover = row["coverage"]
    coverage = (f"{cover['actors']} actor(s), {cover['capability_share']:.0%} of capability, "
                f"{cover['evidence_count']} sentence(s)")
    if cover.get("shortfall"):
        coverage += "\nbelow the minimum for a verdict"
        numbers = "-"
    else:
        numbers = (f"model {row['model']['forecast']:.0f} (range {_span(row['model']['range'])})\n"
                   f"baseline {row['baseline']['value']:.0f} (range {_span(row['baseline']['range'])})")
    heaviest = sorted(row["actors"], key=lambda a: (-a.get("weight", 0.0), a["actor"]))[:3]
    weights = "\n".join(f"{actor_label(a['actor'], name)}: {a['stance']} ({a['position']:.0f}), "
                        f"weight {a['weight']:.3f}" for a in heaviest)
    verdict += "\nveto: " + row["veto"].get("explanation", "-")
    return {"issue": row["issue"], "verdict (veto beside)": verdict, "forecast (0-100)": numbers + "\n" + coverage,
            "heaviest actors": weights or "-",
            "evidence": evidence_text(row.get("evidence"))}


_SUMMARISERS: dict[str, Callable[[dict[str, Any], Namer | None], dict[str, str]]] = {
    "collisions": _collision, "vetoes": _veto, "blocs": _bloc, "force": _force, "forecast": _forecast,
}


def summary_rows(result: dict[str, Any], name: Namer | None = None) -> list[dict[str, str]] | None:
    """Short rows for a ``run_analysis`` result, or ``None`` when its rows are not of the known shape."""
    kind = result.get("kind")
    rows = result.get("rows") or []
    if kind not in _SUMMARISERS or not all(isinstance(r, dict) and all(k in r for k in _REQUIRED[kind])
                                           for r in rows):
        return None
    try:
        return [_SUMMARISERS[kind](row, name) for row in rows]
    except (KeyError, TypeError, ValueError, IndexError):
        return None


__all__ = ["actor_label", "evidence_line", "evidence_text", "summary_rows"]
