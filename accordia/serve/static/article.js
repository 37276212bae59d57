// The article view: full text with every evidence sentence marked, the chosen one in focus.
// The server has already cut the text into segments, so marking up is only text nodes and <mark>.

import { getJSON } from "./api.js";
import { badge, clear, el, fmtDate, safeUrl } from "./dom.js";

function factLine(fact, ctx) {
  return el("span", { class: "fact" },
    el("span", { text: fact.actor_name || ctx.names.get(fact.actor) || fact.actor || "?" }), " ",
    fact.stance ? badge(fact.stance) : null,
    fact.issue ? el("span", { class: "muted", text: ` ${ctx.issues.get(fact.issue) || fact.issue}` }) : null);
}

// "stance-subject-sentence" -> "stance (subject, sentence)": the rule family first, then how it applied.
function ruleName(rule) {
  const [family, ...how] = String(rule || "").split("-");
  const known = { group: "group", provision: "provision", decision: "decision rule", red: "red line" };
  const head = known[family] || family;
  const rest = family === "decision" || family === "red" ? how.slice(1) : how;
  return rest.length ? `${head} (${rest.join(", ")})` : head;
}

function readingLine(reading) {
  const conf = typeof reading.confidence === "number" ? ` · ${reading.confidence.toFixed(2)}` : "";
  return el("span", { class: "reading", title: "extractor rule · cue · confidence" },
    ruleName(reading.rule), reading.cue ? ` · “${reading.cue}”` : "", conf);
}

function describeSpan(span, ctx) {
  return span.facts.map((f) => `${f.actor_name || ctx.names.get(f.actor) || f.actor || "?"}: ${f.stance || ""} ${ctx.issues.get(f.issue) || f.issue || ""}`.trim()).join("\n");
}

/** Load article `id` into `dialog` and show it; `start`/`end` pick the span to focus. */
export async function openArticle(dialog, id, start, end, ctx) {
  const title = dialog.querySelector("#article-title");
  const meta = dialog.querySelector("#article-meta");
  const text = dialog.querySelector("#article-text");
  const facts = dialog.querySelector("#article-facts");
  clear(meta);
  clear(text);
  clear(facts);
  title.textContent = "Loading…";
  if (!dialog.open) dialog.showModal();
  let data;
  try {
    data = await getJSON(`articles/${encodeURIComponent(id)}`, Number.isInteger(start) ? { start, end } : {});
  } catch (error) {
    title.textContent = "Could not open the article";
    text.append(el("p", { class: "error", text: error.message }));
    return;
  }
  title.textContent = data.label || data.title || data.id;
  meta.append([data.source, fmtDate(data.published)].filter(Boolean).join(" · "));
  const link = safeUrl(data.url);
  if (link) meta.append(" · ", el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: "original" }));

  const marks = data.spans.map(() => []);
  for (const piece of data.segments) {
    if (!piece.spans.length) {
      text.append(document.createTextNode(piece.text));
      continue;
    }
    const focus = data.focus !== null && piece.spans.includes(data.focus);
    const mark = el("mark", {
      class: `${focus ? "focus" : ""} ${piece.spans.length > 1 ? "overlap" : ""}`,
      title: piece.spans.map((i) => describeSpan(data.spans[i], ctx)).filter(Boolean).join("\n"),
      text: piece.text,
    });
    for (const i of piece.spans) marks[i].push(mark);
    text.append(mark);
  }
  data.spans.forEach((span, i) => {
    const item = el("li", { class: i === data.focus ? "focus" : "" },
      el("button", { type: "button", class: "link", text: `“${span.sentence.slice(0, 90)}${span.sentence.length > 90 ? "…" : ""}”`,
        on: { click: () => marks[i][0] && marks[i][0].scrollIntoView({ block: "center", behavior: "smooth" }) } }),
      span.facts.length ? el("div", {}, span.facts.map((f) => factLine(f, ctx))) : null,
      (span.readings || []).length ? el("div", { class: "readings" }, span.readings.map(readingLine)) : null);
    facts.append(item);
  });
  if (!data.spans.length) facts.append(el("li", { class: "muted", text: "No facts were read from this article." }));
  const focused = text.querySelector("mark.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
  else text.scrollTop = 0;
}
