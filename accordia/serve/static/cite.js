// A quoted sentence with where it came from, and a link that opens the article at that sentence.

import { badge, el, fmtDate, safeUrl } from "./dom.js";
import { reviewControls } from "./review.js";

/** Hash link understood by app.js: opens the article view with the span highlighted. */
export function articleHref(article, start, end) {
  const params = new URLSearchParams({ article });
  if (Number.isInteger(start) && Number.isInteger(end)) params.set("span", `${start}-${end}`);
  return `#${params.toString()}`;
}

/**
 * One piece of evidence: `item` has sentence, article, start, end and published (or date).
 * Evidence from reference data ({rule, source}) is shown as such, without a link.
 */
export function citation(item, articles, stance) {
  if (!item.sentence) {
    const what = [item.rule, item.source].filter(Boolean).join(" · ") || "reference data";
    return el("li", { class: "cite reference" }, el("span", { class: "meta", text: `Rule: ${what}` }));
  }
  const info = (item.article && articles.get(item.article)) || {};
  const when = item.published || item.date || info.published;
  const source = info.source || item.source;
  const meta = el("p", { class: "meta" },
    stance ? badge(stance) : null,
    item.rule === "what-if" ? el("span", { class: "badge b-whatif", text: "what-if" }) : null,
    el("span", { class: "title", text: info.label || info.title || item.title || item.article || "unknown article" }),
    source ? el("span", { text: ` · ${source}` }) : null,
    el("span", { text: ` · ${fmtDate(when)}` }));
  if (item.article) {
    meta.append(" · ", el("a", { href: articleHref(item.article, item.start, item.end), text: "read in article" }));
  }
  const link = safeUrl(info.url || item.url);
  if (link) meta.append(" · ", el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: "original" }));
  const review = reviewControls(item);
  return el("li", { class: `cite ${item.status ? `cite-${item.status}` : ""}` }, el("blockquote", { text: item.sentence }),
    item.condition ? el("p", { class: "condition", text: `Condition: ${item.condition}` }) : null, meta,
    review ? el("div", { class: "review-line" }, review) : null);
}

/** A list of evidence that stays folded until asked for, so tables stay readable. */
export function evidenceDetails(items, articles, label) {
  const list = Array.isArray(items) ? items.filter((i) => i && typeof i === "object") : [];
  if (!list.length) return el("span", { class: "muted", text: "no evidence" });
  const sentences = list.filter((i) => i.sentence).length;
  const summary = label || (sentences === list.length
    ? `${list.length} sentence${list.length === 1 ? "" : "s"}`
    : `${list.length} source${list.length === 1 ? "" : "s"}`);
  return el("details", { class: "evidence-details" }, el("summary", { text: summary }),
    el("ol", { class: "cites" }, list.map((item) => citation(item, articles))));
}
