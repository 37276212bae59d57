// The evidence panel: everything we know about one actor on the chosen issue, and why.

import { citation } from "./cite.js";
import { badge, clear, el, fmtDate } from "./dom.js";

/**
 * Fill `node` for one actor. `entry` is the actor's map entry (may be missing when the actor has
 * no position by the as-of date), `history` its timeline rows on this issue, `picked` the row
 * clicked on the timeline (if any).
 */
export function showActor(node, { id, entry, history, picked, issueLabel, asOf, articles, onClose }) {
  clear(node);
  const name = (entry && entry.name) || (history[0] && history[0].actor_name) || id;
  node.append(el("div", { class: "ev-head" },
    el("h3", {}, name, el("span", { class: "code", text: ` ${id}` })),
    el("button", { type: "button", class: "close", text: "×", "aria-label": "Clear selection", on: { click: onClose } })));

  const stance = entry ? entry.stance : null;
  node.append(el("p", { class: "ev-stance" }, `On ${issueLabel}, as of ${fmtDate(asOf)}: `, badge(stance),
    stance === "contested" ? el("span", { class: "muted", text: ` reports disagree (${entry.stances.join(", ")})` }) : null));

  if (entry && entry.evidence.length) {
    node.append(el("h4", { text: "Why we say so" }));
    node.append(el("ol", { class: "cites" },
      entry.evidence.map((ev) => citation(ev, articles, entry.evidence.length > 1 ? ev.stance : null))));
  } else {
    node.append(el("p", { class: "muted", text: "No statement on this issue by this date." }));
  }

  if (history.length) {
    node.append(el("h4", { text: "History on this issue" }));
    const list = el("ol", { class: "history" });
    for (const row of history) {
      const item = el("li", { class: `${row === picked ? "picked" : ""} ${row.future ? "future" : ""}` },
        el("span", { class: "when", text: fmtDate(row.date) }), badge(row.contested ? "contested" : row.stance),
        row.change ? el("span", { class: "changed", text: `changed from ${row.before}` }) : null,
        el("ol", { class: "cites" }, citation(row, articles)));
      list.append(item);
    }
    node.append(list);
    const pickedItem = list.querySelector(".picked");
    if (pickedItem) pickedItem.scrollIntoView({ block: "nearest" });
  }

  const others = el("div", { class: "others" }, el("p", { class: "muted", text: "Loading its other positions…" }));
  const profile = el("div", { class: "profile-box" });
  node.append(el("h4", { text: "Elsewhere" }), others, profile);
  return { others, profile };
}

/** The actor's stances on other issues, filled in when the request returns. */
export function showOtherIssues(node, rows, issueId, issueLabels) {
  clear(node);
  const elsewhere = rows.filter((r) => r.issue !== issueId);
  if (!elsewhere.length) {
    node.append(el("p", { class: "muted", text: "No positions on other issues by this date." }));
    return;
  }
  const seen = new Map();
  for (const row of elsewhere) {
    const now = seen.get(row.issue);
    seen.set(row.issue, now && now !== row.stance ? "contested" : row.stance);
  }
  node.append(el("ul", { class: "chips" }, [...seen.entries()].map(([issue, stance]) =>
    el("li", { title: issue }, badge(stance), ` ${issueLabels.get(issue) || issue}`))));
}

function amountText(amount) {
  if (!amount || typeof amount.value !== "number") return "";
  return ` ${amount.value.toLocaleString("en-GB")} ${amount.unit || ""}`.trimEnd();
}

/** The actor's red lines, pledges and people (with their sentences), filled in when they arrive. */
export function showProfile(node, profile, articles, issueLabels) {
  clear(node);
  const section = (title, items, line) => {
    if (!items || !items.length) return;
    node.append(el("h4", { text: title }), el("ol", { class: "cites profile" }, items.map((item) => {
      const cite = item.evidence ? citation({ ...item.evidence, fact: item.fact, status: item.status,
        confidence: item.confidence }, articles) : el("li", {});
      cite.prepend(el("p", { class: "profile-line", text: line(item) }));
      return cite;
    })));
  };
  const label = (id) => issueLabels.get(id) || id || "no issue";
  section("Red lines", profile.red_lines, (r) => `Red line against ${label(r.against)}`);
  section("Pledges", profile.commitments, (c) => `${c.kind}${amountText(c.amount)} for ${label(c.issue)}`
    + `${c.places && c.places.length ? ` in ${c.places.join(", ")}` : ""}${c.hypothetical ? " (if asked)" : ""}`);
  section("People", profile.people, (p) => `${p.name}${p.role ? `, ${p.role}` : ""}`);
  section("Groups", profile.memberships, (m) => `${m.group}${m.role && m.role !== "member" ? ` (${m.role})` : ""}`);
  if (!node.childNodes.length) node.append(el("p", { class: "muted", text: "No red lines, pledges or people recorded." }));
}

const OVERVIEW_ORDER = ["support", "conditional", "undecided", "oppose", "contested", null];

/**
 * With no actor picked, the panel lists every actor by stance: the map's ISO codes and colours are
 * quick to scan but slow to read, and a list by name is what an analyst quotes from.
 */
export function showOverview(node, { map, issueLabel, asOf, onPick }) {
  clear(node);
  node.append(el("p", { class: "ev-stance", text: `On ${issueLabel}, as of ${fmtDate(asOf)}:` }));
  const actors = map ? map.actors : [];
  if (!actors.length) {
    node.append(el("p", { class: "muted", text: "No actor has a stated position on any issue by this date." }));
    return;
  }
  for (const stance of OVERVIEW_ORDER) {
    const group = actors.filter((a) => (a.stance || null) === stance);
    if (!group.length) continue;
    const title = stance === null ? "No stated position on this issue" : null;
    node.append(el("h4", { class: "overview-head" }, title || badge(stance), el("span", { class: "count", text: ` ${group.length}` })));
    node.append(el("ul", { class: "overview" }, group.map((actor) => {
      const latest = actor.evidence && actor.evidence[0];
      const note = stance === null
        ? `speaks on ${actor.issues} other issue${actor.issues === 1 ? "" : "s"}`
        : [latest && latest.date ? fmtDate(latest.date) : null,
          stance === "contested" ? actor.stances.join(" vs ") : null,
          latest && latest.condition ? `if ${latest.condition}` : null].filter(Boolean).join(" · ");
      return el("li", {},
        el("button", { type: "button", class: "link", text: actor.name, on: { click: () => onPick(actor.id) } }),
        note ? el("span", { class: "muted small", text: ` ${note}` }) : null);
    })));
  }
  node.append(el("p", { class: "hint small", text: "Click a name, a state on the map or a dot on the timeline to read the sentences behind a stance." }));
}
