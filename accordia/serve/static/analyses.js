// Analysis results as readable cards and tables. Results differ in shape from one analysis to the
// next, so this renders any rows generically: scalars as text, lists of records as small tables,
// every "...evidence" list folded behind a summary the reader can open.

import { evidenceDetails } from "./cite.js";
import { badge, clear, el, STANCES } from "./dom.js";

const MAX_ROWS = 200;
const MAX_DEPTH = 3;
// Nested tables longer than this fold behind a summary, so one long list does not bury the rest.
const FOLD_ROWS = 12;
// The first of these a result row holds names its card; the analysed issue comes last because every
// row of a one-issue analysis shares it.
const TITLE_KEYS = ["source_actor", "actor", "proposal", "label", "name", "id", "issue"];
const ACTOR_KEYS = new Set(["actor", "actors", "members", "member", "holder", "holders", "blocked_unless",
  "leads", "before", "after", "source_actor", "firm", "conditional", "hypothetical", "blocking_now",
  "tipping_actors", "support", "oppose", "undecided", "contested", "heaviest_without_stance"]);
// Keys whose values read on their own ("member of NATO on 2025-12-19 · gazetteer").
const SELF_DESCRIBING = new Set(["rule", "source", "reason", "label", "name", "what", "via"]);
const ISSUE_KEYS = new Set(["issue", "issues", "about", "proposal", "against", "source_actor"]);

function human(key) {
  return String(key).replace(/_/g, " ");
}

function isEvidenceKey(key) {
  return key === "evidence" || key.endsWith("_evidence");
}

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function scalar(value, key, ctx) {
  if (value === null || value === undefined || value === "") return el("span", { class: "muted", text: "–" });
  if (typeof value === "boolean") return el("span", { class: value ? "yes" : "no", text: value ? "yes" : "no" });
  if (typeof value === "number") {
    return el("span", { class: "num", text: Number.isInteger(value) ? value.toLocaleString("en") : value.toLocaleString("en", { maximumFractionDigits: 3 }) });
  }
  const text = String(value);
  if (STANCES.includes(text) && (key === "stance" || key.endsWith("stance") || key === "value")) return badge(text);
  if (ACTOR_KEYS.has(key) && ctx.names.has(text)) return el("span", { title: text, text: ctx.names.get(text) });
  if (ISSUE_KEYS.has(key) && ctx.issues.has(text)) return el("span", { title: text, text: ctx.issues.get(text) });
  return document.createTextNode(text);
}

function isScalar(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function fmtNumber(value) {
  return Number.isInteger(value) ? value.toLocaleString("en") : value.toLocaleString("en", { maximumFractionDigits: 3 });
}

/**
 * Small records read better as one line than as a nested grid squeezed into a table cell:
 * {low, high} as a range, a tally of numbers without its zeros, anything else flat as "key value".
 * Returns null when the record is not small and flat.
 */
function compact(record) {
  // Evidence must stay openable, so a record that carries any is never flattened.
  if (Object.entries(record).some(([k, v]) => isEvidenceKey(k) && !isEmpty(v))) return null;
  const entries = Object.entries(record).filter(([k]) => !isEvidenceKey(k));
  if (!entries.length || entries.length > 4 || !entries.every(([, v]) => isScalar(v))) return null;
  if (entries.length === 2 && typeof record.low === "number" && typeof record.high === "number") {
    return record.low === record.high ? fmtNumber(record.low) : `${fmtNumber(record.low)}–${fmtNumber(record.high)}`;
  }
  if (entries.every(([, v]) => typeof v === "number")) {
    const nonzero = entries.filter(([, v]) => v !== 0);
    return nonzero.length ? nonzero.map(([k, v]) => `${human(k)} ${fmtNumber(v)}`).join(" · ") : "0";
  }
  const shown = entries.filter(([, v]) => v !== null && v !== "");
  if (shown.every(([k]) => SELF_DESCRIBING.has(k))) return shown.map(([, v]) => String(v)).join(" · ");
  return shown.map(([k, v]) => `${human(k)} ${typeof v === "number" ? fmtNumber(v) : v}`).join(" · ");
}

/** "stance_evidence" with two items reads "stance: 2 sentences"; plain "evidence" needs no prefix. */
function evidenceLabel(key, items) {
  if (key === "evidence" || !Array.isArray(items) || !items.length) return null;
  const n = items.length;
  return `${human(key.replace(/_?evidence$/, ""))}: ${n} ${items.every((i) => i && i.sentence) ? "sentence" : "source"}${n === 1 ? "" : "s"}`;
}

function isEmpty(value) {
  return value === null || value === undefined || value === ""
    || (Array.isArray(value) && !value.length) || (isRecord(value) && !Object.keys(value).length);
}

function table(records, ctx, depth) {
  const keys = [];
  let hasEvidence = false;
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (isEvidenceKey(key)) hasEvidence = true;
      else if (!keys.includes(key)) keys.push(key);
    }
  }
  // A column empty in every row only adds width; the notes above the table say what it would hold.
  const blank = new Set(keys.filter((key) => records.every((record) => isEmpty(record[key]))));
  if (blank.size < keys.length) for (const key of blank) keys.splice(keys.indexOf(key), 1);
  const shown = records.slice(0, MAX_ROWS);
  const body = shown.map((record) => el("tr", {},
    keys.map((key) => el("td", {}, render(record[key], key, ctx, depth + 1))),
    hasEvidence ? el("td", {}, Object.keys(record).filter(isEvidenceKey)
      .map((key) => evidenceDetails(record[key], ctx.articles, evidenceLabel(key, record[key])))) : null));
  const out = el("div", { class: "table-wrap" }, el("table", { class: "data" },
    el("thead", {}, el("tr", {}, keys.map((k) => el("th", { scope: "col", text: human(k) })),
      hasEvidence ? el("th", { scope: "col", text: "evidence" }) : null)),
    el("tbody", {}, body)));
  if (records.length > shown.length) {
    out.append(el("p", { class: "muted", text: `Showing ${shown.length} of ${records.length} rows.` }));
  }
  if (depth > 0 && records.length > FOLD_ROWS) {
    return el("details", { class: "fold" }, el("summary", { text: `${records.length} rows` }), out);
  }
  return out;
}

function definitions(record, ctx, depth) {
  const list = el("dl", { class: "facts" });
  for (const [key, value] of Object.entries(record)) {
    list.append(el("dt", { text: human(key) }),
      el("dd", {}, isEvidenceKey(key) ? evidenceDetails(value, ctx.articles) : render(value, key, ctx, depth + 1)));
  }
  return list;
}

/** Any JSON value, rendered for reading. */
export function render(value, key, ctx, depth = 0) {
  const line = isRecord(value) && depth > 1 ? compact(value) : null;
  if (line !== null) return el("span", { class: "compact", text: line });
  if (depth > MAX_DEPTH && (Array.isArray(value) || isRecord(value))) {
    return el("code", { class: "raw", text: JSON.stringify(value) });
  }
  if (Array.isArray(value)) {
    if (!value.length) return el("span", { class: "muted", text: "none" });
    if (depth > 0 && value.length === 2 && value.every((v) => typeof v === "number") && /range/.test(key)) {
      return el("span", { class: "num", text: `${fmtNumber(value[0])}–${fmtNumber(value[1])}` });
    }
    if (value.every(isRecord)) {
      const small = depth > 1 && value.every((r) => Object.keys(r).filter((k) => !isEvidenceKey(k)).length <= 2);
      const lines = small ? value.map(compact) : [];
      if (lines.length && lines.every((line) => line !== null)) {
        return el("span", { class: "lines" }, lines.map((line) => el("span", { text: line })));
      }
      return table(value, ctx, depth);
    }
    const parts = el("span", { class: "list" });
    value.forEach((item, i) => {
      if (i) parts.append(", ");
      parts.append(isRecord(item) || Array.isArray(item) ? render(item, key, ctx, depth + 1) : scalar(item, key, ctx));
    });
    return parts;
  }
  if (isRecord(value)) return definitions(value, ctx, depth);
  return scalar(value, key, ctx);
}

function isFlat(row) {
  return Object.entries(row).every(([k, v]) => isEvidenceKey(k) || !(Array.isArray(v) || isRecord(v))
    || (Array.isArray(v) && v.every((x) => !isRecord(x) && !Array.isArray(x))));
}

function card(row, ctx) {
  const titleKey = TITLE_KEYS.find((k) => typeof row[k] === "string" && row[k]);
  const tag = row.type || (typeof row.kind === "string" ? row.kind : null);
  const rest = Object.fromEntries(Object.entries(row).filter(([k]) =>
    k !== titleKey && k !== "explanation" && k !== "type" && !(k === "kind" && tag === row.kind) && !isEvidenceKey(k)));
  const heading = el("h4", {}, titleKey ? scalar(row[titleKey], titleKey, ctx) : "Result",
    tag ? el("span", { class: "tag", text: human(tag) }) : null);
  const evidence = Object.keys(row).filter(isEvidenceKey).map((k) =>
    el("div", { class: "card-evidence" }, el("span", { class: "muted", text: `${human(k)}: ` }),
      evidenceDetails(row[k], ctx.articles)));
  return el("article", { class: "result" }, heading,
    row.explanation ? el("p", { class: "explanation", text: row.explanation }) : null,
    definitions(rest, ctx, 1), evidence);
}

/** Render one analysis answer ({kind, rows, notes, description}) into `node`. */
export function renderAnalysis(node, result, ctx) {
  clear(node);
  if (result.description) node.append(el("p", { class: "caption", text: result.description }));
  const notes = (result.notes || []).filter(Boolean);
  if (notes.length) node.append(el("ul", { class: "notes" }, notes.map((n) => el("li", { text: typeof n === "string" ? n : JSON.stringify(n) }))));
  const rows = (result.rows || []).filter(isRecord);
  if (!rows.length) {
    node.append(el("p", { class: "muted", text: "Nothing to show for this issue and date." }));
    return;
  }
  if (rows.every(isFlat)) {
    node.append(table(rows, ctx, 0));
    return;
  }
  const shown = rows.slice(0, MAX_ROWS);
  node.append(el("div", { class: "results" }, shown.map((row) => card(row, ctx))));
  if (rows.length > shown.length) node.append(el("p", { class: "muted", text: `Showing ${shown.length} of ${rows.length}.` }));
}

/**
 * The what-if form: the analyst sets stances by hand and reruns the analysis. Overrides are sent
 * as a list of {actor, issue, stance}, the shape accordia.analyse.whatif applies to a snapshot.
 */
export function whatIfForm(node, { actors, issue, overrides, onChange }) {
  clear(node);
  if (!issue) return;
  const actorPick = el("select", { "aria-label": "Actor" },
    actors.map((a) => el("option", { value: a.id, text: `${a.name} (${a.stance || "silent"})` })));
  const stancePick = el("select", { "aria-label": "Stance" },
    ["support", "conditional", "undecided", "oppose"].map((s) => el("option", { value: s, text: s })));
  const add = el("button", { type: "button", text: "Apply", on: { click: () => {
    const next = overrides.filter((o) => o.actor !== actorPick.value || o.issue !== issue);
    next.push({ actor: actorPick.value, issue, stance: stancePick.value });
    onChange(next);
  } } });
  const chips = el("ul", { class: "chips" }, overrides.map((o) => el("li", { class: "override" },
    `${o.actor} → `, badge(o.stance),
    el("button", { type: "button", class: "x", "aria-label": `Drop what-if for ${o.actor}`, text: "×",
      on: { click: () => onChange(overrides.filter((x) => x !== o)) } }))));
  node.append(el("div", { class: "whatif-row" }, el("strong", { text: "What if " }), actorPick,
    el("span", { text: " took the stance " }), stancePick, add,
    overrides.length ? el("button", { type: "button", class: "link", text: "clear all", on: { click: () => onChange([]) } }) : null),
  overrides.length ? chips : el("p", { class: "muted small", text: "Pick an actor and a stance to see how this analysis would change." }));
}
