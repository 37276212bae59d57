"""The one-page briefing: what changed, open collisions, veto players and the force picture.

An analyst forwards this page, so every line carries its citation (title, source, date, link) and
nothing in it needs the dashboard. ``render_html`` gives a self-contained page (inline style, no
script); ``to_pdf`` prints it with a headless Chromium when one is installed.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accordia.store.errors import AccordiaError

SECTIONS = (("collisions", "Open collisions"), ("vetoes", "Veto players"), ("force", "The force picture"))
# One page: the most recent reversals and first mentions, the first few rows of each analysis.
REVERSALS_SHOWN = 8
NEW_SHOWN = 5
LINES_PER_SECTION = 5
CITES_PER_LINE = 1
SKIP_KEYS = ("evidence",)


@dataclass
class BriefLine:
    text: str
    cites: list[dict[str, Any]] = field(default_factory=list)
    tag: str = ""


@dataclass
class Brief:
    since: str
    as_of: str | None
    view: str
    sections: list[tuple[str, list[BriefLine]]]
    notes: list[str] = field(default_factory=list)


def _evidence(value: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every evidence sentence inside a result row, in order, each once."""
    if isinstance(value, dict):
        if value.get("sentence") and value.get("article"):
            if all(v.get("sentence") != value["sentence"] for v in found):
                found.append(value)
        for item in value.values():
            _evidence(item, found)
    elif isinstance(value, list):
        for item in value:
            _evidence(item, found)
    return found


def _change_lines(rows: list[dict[str, Any]]) -> list[BriefLine]:
    newest = sorted(rows, key=lambda r: str(r.get("after_date") or ""), reverse=True)
    reversals = [r for r in newest if r["kind"] == "reversal"]
    fresh = [r for r in newest if r["kind"] != "reversal"]
    lines = []
    for r in reversals[:REVERSALS_SHOWN] + fresh[:NEW_SHOWN]:
        before = f"from {r['before_stance']} to" if r.get("before_stance") else "now"
        when = str(r.get("after_date") or "")[:10]
        cite = {"sentence": r.get("after_sentence"), "article": r.get("article_after"), "title": r.get("title"),
                "source": r.get("source"), "published": r.get("published") or when, "url": r.get("url"),
                "status": r.get("status"), "confidence": r.get("confidence")}
        lines.append(BriefLine(f"{r['actor_name'] or r['actor']} on {r['issue']}: {before} {r['after_stance']} "
                               f"({when})", [cite], tag=r["kind"]))
    left = max(0, len(reversals) - REVERSALS_SHOWN) + max(0, len(fresh) - NEW_SHOWN)
    if left:
        lines.append(BriefLine(f"... and {left} more changes: `accordia changes` or the dashboard lists them all"))
    return lines


def _analysis_lines(result: dict[str, Any], name: Any) -> list[BriefLine]:
    from accordia.analyse.summary import summary_rows

    rows = result.get("rows") or []
    short = summary_rows(result, name) or [{k: str(v) for k, v in r.items() if k not in SKIP_KEYS} for r in rows]
    lines: list[BriefLine] = []
    for row, summary in list(zip(rows, short, strict=False))[:LINES_PER_SECTION]:
        text = row.get("explanation") if isinstance(row, dict) and row.get("explanation") else "; ".join(
            f"{k}: {' '.join(str(v).split())}" for k, v in summary.items() if k not in SKIP_KEYS and v not in ("", "-"))
        lines.append(BriefLine(text, _evidence(row, [])[:CITES_PER_LINE]))
    if len(rows) > LINES_PER_SECTION:
        lines.append(BriefLine(f"... and {len(rows) - LINES_PER_SECTION} more in the full analysis"))
    return lines


def build_brief(kb: Any, since: date | str, as_of: date | str | None = None, *, issue: str | None = None,
                raw: bool = False, include_unconfirmed: bool = False) -> Brief:
    """Gather the briefing from the facade (reviewed view unless ``raw``)."""
    from accordia.cli import to_json

    options = {"raw": raw, "include_unconfirmed": include_unconfirmed}
    changes = to_json(kb.changes(since, as_of=as_of, issue=issue, **options))
    sections: list[tuple[str, list[BriefLine]]] = [("What changed", _change_lines(changes))]
    notes: list[str] = []
    for kind, title in SECTIONS:
        try:
            result = to_json(kb.analyse(kind, issue=issue, as_of=as_of, **options))
        except AccordiaError as exc:
            notes.append(f"{title}: not available ({exc})")
            continue
        sections.append((title, _analysis_lines(result, kb.actor_name)))
    day = as_of.isoformat() if isinstance(as_of, date) else as_of
    return Brief(since=str(since), as_of=day, view="machine (raw)" if raw else "reviewed", sections=sections,
                 notes=notes)


STYLE = """
body{font:14px/1.45 system-ui,sans-serif;color:#1d2430;max-width:60rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .2rem}h2{font-size:1.05rem;border-bottom:1px solid #ccd;margin:1.2rem 0 .4rem}
p.sub{color:#556;margin:0 0 .8rem}li{margin:.35rem 0}.tag{font-size:.75rem;padding:0 .35rem;border-radius:.6rem;
background:#e7ecf5;margin-right:.3rem}.tag.reversal{background:#fde2c8}q{color:#333}.cite{color:#556;font-size:.85rem}
.cite a{color:#2457a6}ol.c{margin:.15rem 0 0;padding-left:1.1rem}.none{color:#778}
@media print{body{margin:0;font-size:11px}a{color:inherit}}
"""


def _cite_html(cite: dict[str, Any]) -> str:
    parts = [f"\u201c{html.escape(str(cite.get('title')))}\u201d" if cite.get("title") else "",
             html.escape(str(cite.get("source") or "")), html.escape(str(cite.get("published") or "")[:10])]
    where = ", ".join(p for p in parts if p) or html.escape(str(cite.get("article") or ""))
    url = str(cite.get("url") or "")
    if url.startswith(("http://", "https://")):
        where += f', <a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    elif cite.get("article"):
        where += f" [article {html.escape(str(cite['article']))}]"
    status = f" \u00b7 {html.escape(str(cite['status']))}" if cite.get("status") else ""
    return (f"<li><q>{html.escape(str(cite.get('sentence') or ''))}</q> "
            f"<span class=\"cite\">({where}{status})</span></li>")


def render_html(brief: Brief) -> str:
    """The briefing as one self-contained HTML page."""
    out = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
           f"<title>Accordia briefing since {html.escape(brief.since)}</title><style>{STYLE}</style></head><body>",
           "<h1>Briefing</h1>",
           f"<p class=\"sub\">Changes since {html.escape(brief.since)}, positions as of "
           f"{html.escape(brief.as_of or 'the latest report')}; {html.escape(brief.view)} view. Every line cites "
           f"the sentence it rests on.</p>"]
    for title, lines in brief.sections:
        out.append(f"<h2>{html.escape(title)}</h2>")
        if not lines:
            out.append("<p class=\"none\">Nothing to report.</p>")
            continue
        out.append("<ul>")
        for line in lines:
            tag = f"<span class=\"tag {html.escape(line.tag)}\">{html.escape(line.tag)}</span>" if line.tag else ""
            cites = "".join(_cite_html(c) for c in line.cites)
            out.append(f"<li>{tag}{html.escape(line.text)}" + (f"<ol class=\"c\">{cites}</ol>" if cites else "")
                       + "</li>")
        out.append("</ul>")
    for note in brief.notes:
        out.append(f"<p class=\"none\">{html.escape(note)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def chromium() -> str | None:
    """The Debian Chromium (or Chrome) binary, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(page: str, target: Path, timeout: float = 90.0) -> Path:
    """Print an HTML page to PDF with headless Chromium; a clear error when none is installed."""
    binary = chromium()
    if binary is None:
        raise AccordiaError("PDF needs Chromium (apt-get install chromium); the HTML briefing was written")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "brief.html"
        source.write_text(page, encoding="utf-8")
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}", source.as_uri()]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0 or not target.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise AccordiaError(f"Chromium could not print the briefing: {detail[0]}")
    return target
