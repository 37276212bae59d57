// Small DOM helpers. Every string from the server goes in through textContent or an attribute,
// never through HTML parsing, so article text cannot inject markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: el("a", {href, class, text}, ...children). */
export function el(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, same calling convention as el(). */
export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-03-20" -> "20 Mar 2025"; anything unparseable is shown as given. */
export function fmtDate(iso) {
  if (!iso) return "undated";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

export function fmtMonth(iso) {
  const m = /^(\d{4})-(\d{2})/.exec(String(iso));
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(iso);
}

const DAY_MS = 86400000;

export function toDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null;
}

export function fromDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Only web links may become hrefs: a "javascript:" URL in a feed must stay inert text. */
export function safeUrl(url) {
  return /^https?:\/\//i.test(String(url || "")) ? String(url) : null;
}

export const STANCES = ["support", "conditional", "undecided", "oppose", "contested"];

/** A coloured stance label; unknown stances get a neutral look rather than none. */
export function badge(stance) {
  const name = stance || "silent";
  const known = STANCES.includes(name) || name === "silent";
  return el("span", { class: `badge ${known ? `b-${name}` : "b-other"}`, text: name });
}
