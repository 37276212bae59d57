// "What changed since": stances that moved in the chosen window, before and after side by side.

import { citation } from "./cite.js";
import { badge, clear, el, fmtDate } from "./dom.js";

export function renderChanges(node, rows, ctx, onActor) {
  clear(node);
  if (!rows.length) {
    node.append(el("li", { class: "muted", text: "No stance moved in this window." }));
    return;
  }
  const ordered = [...rows].sort((a, b) => String(b.after_date || "").localeCompare(String(a.after_date || "")));
  for (const row of ordered) {
    const name = row.actor_name || ctx.names.get(row.actor) || row.actor;
    const before = { sentence: row.before_sentence, article: row.article_before, date: row.before_date };
    const after = { sentence: row.after_sentence, article: row.article_after, date: row.after_date,
      start: row.after_start, end: row.after_end };
    node.append(el("li", { class: "change" },
      el("p", { class: "change-line" },
        el("button", { type: "button", class: "link actor-link", text: name, on: { click: () => onActor(row.actor) } }),
        row.issue ? el("span", { class: "muted", text: ` on ${ctx.issues.get(row.issue) || row.issue}: ` }) : " ",
        badge(row.before_stance), el("span", { class: "arrow", text: " → " }), badge(row.after_stance),
        el("span", { class: "when", text: ` ${fmtDate(row.after_date)}` })),
      el("details", {}, el("summary", { text: "before and after" }),
        el("ol", { class: "cites" },
          row.before_sentence ? citation(before, ctx.articles, row.before_stance) : null,
          row.after_sentence ? citation(after, ctx.articles, row.after_stance) : null))));
  }
}
