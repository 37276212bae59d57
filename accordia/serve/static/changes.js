// "What changed": reversals (a stance replaced by another) first, then first mentions ("new"), each
// with the sentences before and after. A first mention has no "before": it is news of a different kind.

import { citation } from "./cite.js";
import { badge, clear, el, fmtDate } from "./dom.js";
import { statusChip } from "./review.js";

function changeItem(row, ctx, onActor) {
  const name = row.actor_name || ctx.names.get(row.actor) || row.actor;
  const before = { sentence: row.before_sentence, article: row.article_before, date: row.before_date };
  const after = { sentence: row.after_sentence, article: row.article_after, date: row.after_date,
    start: row.after_start, end: row.after_end, fact: row.fact, status: row.status, confidence: row.confidence,
    title: row.title, source: row.source, url: row.url };
  return el("li", { class: `change ${row.kind}` },
    el("p", { class: "change-line" },
      el("button", { type: "button", class: "link actor-link", text: name, on: { click: () => onActor(row.actor) } }),
      row.issue ? el("span", { class: "muted", text: ` on ${ctx.issues.get(row.issue) || row.issue}: ` }) : " ",
      row.before_stance ? badge(row.before_stance) : null,
      row.before_stance ? el("span", { class: "arrow", text: " → " }) : el("span", { class: "muted", text: "now " }),
      badge(row.after_stance),
      el("span", { class: "when", text: ` ${fmtDate(row.after_date)} ` }), statusChip(row)),
    el("details", {}, el("summary", { text: row.before_sentence ? "before and after" : "the sentence" }),
      el("ol", { class: "cites" },
        row.before_sentence ? citation(before, ctx.articles, row.before_stance) : null,
        row.after_sentence ? citation(after, ctx.articles, row.after_stance) : null)));
}

export function renderChanges(node, rows, ctx, onActor) {
  clear(node);
  if (!rows.length) {
    node.append(el("li", { class: "muted", text: "No stance moved in this window." }));
    return;
  }
  const newest = (a, b) => String(b.after_date || "").localeCompare(String(a.after_date || ""));
  const reversals = rows.filter((r) => r.kind === "reversal" || (!r.kind && r.before_stance)).sort(newest);
  const fresh = rows.filter((r) => !reversals.includes(r)).sort(newest);
  node.append(el("li", { class: "change-group", id: "reversals" },
    el("h3", {}, "Reversals ", el("span", { class: "count", text: String(reversals.length) })),
    reversals.length ? el("ol", { class: "changes" }, reversals.map((r) => changeItem(r, ctx, onActor)))
      : el("p", { class: "muted", text: "No actor changed its stance in this window." })));
  node.append(el("li", { class: "change-group", id: "first-mentions" },
    el("h3", {}, "New positions ", el("span", { class: "count", text: String(fresh.length) })),
    el("p", { class: "muted small", text: "First stated in this window: no earlier stance to compare with." }),
    fresh.length ? el("ol", { class: "changes" }, fresh.map((r) => changeItem(r, ctx, onActor))) : null));
}
