// The article view: full text with every evidence sentence marked, the chosen one in focus.
// The server has already cut the text into segments, so marking up is only text nodes and <mark>.

import { getJSON, postJSON } from "./api.js";
import { badge, clear, el, fmtDate, safeUrl, STANCES } from "./dom.js";
import { reviewControls } from "./review.js";

const KINDS = ["troops", "money", "equipment", "air-policing", "training", "logistics", "intelligence"];

/** Scroll only the article text, never the dialog, so its title and close button stay in view. */
function scrollWithin(box, mark, smooth) {
  const top = mark.offsetTop - box.clientHeight / 2 + mark.offsetHeight / 2;
  box.scrollTo({ top: Math.max(0, top), behavior: smooth ? "smooth" : "auto" });
}

/** Character offsets of the current selection inside the article text (segments keep the text whole). */
function selectionOffsets(box) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.setStart(box, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : null;
}

/** "Add a fact": the analyst selects words in the text, says what they state, and saves. */
function addFactForm(box, articleId, ctx, onAdded) {
  const select = (name, label, options) => el("select", { name, "aria-label": label },
    el("option", { value: "", text: `${label}…` }), options.map(([value, text]) => el("option", { value, text })));
  const type = select("type", "fact type", [["positions", "position"], ["commitments", "pledge"], ["red_lines", "red line"]]);
  const actor = el("input", { name: "actor", placeholder: "actor (id or name)", "aria-label": "Actor" });
  const issue = select("issue", "issue", [...ctx.issues.entries()]);
  const stance = select("stance", "stance", STANCES.filter((s) => s !== "contested").map((s) => [s, s]));
  const kind = select("kind", "pledge kind", KINDS.map((k) => [k, k]));
  const message = el("p", { class: "small muted", text: "Select the sentence in the text first." });
  // Filling the form moves the browser's selection into its fields, so the span is kept as it is made.
  let chosen = null;
  document.onselectionchange = () => {
    const span = selectionOffsets(box);
    if (!span) return;
    chosen = span;
    const words = box.textContent.slice(span.start, span.end);
    message.textContent = `Evidence: “${words.length > 80 ? `${words.slice(0, 80)}…` : words}”`;
  };
  const form = el("form", { class: "add-fact" }, el("h3", { text: "Add a fact the extractor missed" }),
    type, actor, issue, stance, kind, el("button", { type: "submit", text: "Add from selection" }), message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const span = selectionOffsets(box) || chosen;
    if (!span) {
      message.textContent = "Select the words of the article that state the fact, then press again.";
      return;
    }
    const values = { actor: actor.value.trim() };
    if (type.value === "red_lines") values.against = issue.value;
    else values.issue = issue.value;
    if (type.value === "positions") values.stance = stance.value;
    if (type.value === "commitments") values.kind = kind.value;
    try {
      const done = await postJSON("facts", {}, { type: type.value || "positions", article: articleId, ...span, values });
      message.textContent = `Added ${done.fact}.`;
      onAdded();
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return form;
}

function factLine(fact, ctx) {
  if (fact.summary) return el("span", { class: "fact", text: fact.summary });
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
export async function openArticle(dialog, id, start, end, ctx, onChanged = () => {}) {
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
        on: { click: () => marks[i][0] && scrollWithin(text, marks[i][0], true) } }),
      span.facts.length ? el("div", {}, span.facts.map((f) => el("div", {}, factLine(f, ctx), reviewControls(f)))) : null,
      (span.readings || []).length ? el("div", { class: "readings" }, span.readings.map(readingLine)) : null);
    facts.append(item);
  });
  if (!data.spans.length) facts.append(el("li", { class: "muted", text: "No facts were read from this article." }));
  facts.append(el("li", { class: "add-item" }, addFactForm(text, data.id, ctx, onChanged)));
  const focused = text.querySelector("mark.focus");
  dialog.scrollTop = 0;
  if (focused) scrollWithin(text, focused, false);
  else text.scrollTop = 0;
}
