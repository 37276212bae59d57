// Actor x issue: every actor's current stance on every issue at a glance; a cell opens that actor
// on that issue.

import { clear, el } from "./dom.js";
import { statusChip } from "./review.js";

export function renderMatrix(node, body, ctx, onPick) {
  clear(node);
  if (!body.actors.length) {
    node.append(el("p", { class: "muted", text: "No positions match the filters by this date." }));
    return;
  }
  const cells = new Map(body.cells.map((c) => [`${c.actor}|${c.issue}`, c]));
  const head = el("tr", {}, el("th", { text: "Actor" }), body.issues.map((issue) =>
    el("th", { title: ctx.issues.get(issue) || issue, text: ctx.issues.get(issue) || issue })));
  const rows = body.actors.map((actor) => el("tr", {}, el("th", { scope: "row", text: actor.name }),
    body.issues.map((issue) => {
      const cell = cells.get(`${actor.id}|${issue}`);
      if (!cell) return el("td", { class: "empty" });
      return el("td", {}, el("button", {
        type: "button", class: `cell stance-${cell.stance}`, title: `${actor.name} · ${issue}: ${cell.stance}\n${cell.sentence || ""}`,
        "aria-label": `${actor.name} on ${issue}: ${cell.stance}`, text: cell.stance.slice(0, 4),
        on: { click: () => onPick(actor.id, issue) } }), cell.status && cell.status !== "confirmed" ? statusChip(cell) : null);
    })));
  node.append(el("div", { class: "table-wrap" }, el("table", { class: "data matrix" }, el("thead", {}, head),
    el("tbody", {}, rows))));
}
