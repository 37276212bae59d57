// Review controls: every fact shows its confidence and status, and (with a handle) can be accepted,
// rejected, corrected or undone. Decisions go to the server; the page then reloads its views, so
// the map, timeline, changes and analyses all show the reviewed view at once.

import { getJSON, postJSON } from "./api.js";
import { clear, el, STANCES } from "./dom.js";

const hooks = { onDecided: () => {}, issues: [], reviewer: () => "" };

/** app.js tells this module how to refresh after a decision and which issues exist. */
export function setReviewHooks(given) {
  Object.assign(hooks, given);
}

const STATUS_TEXT = {
  confirmed: "confirmed", unconfirmed: "unconfirmed: below the extractor's threshold",
  accepted: "accepted by an analyst", rejected: "rejected by an analyst", corrected: "corrected by an analyst",
  added: "added by an analyst",
};

/** "0.90 · confirmed", with the status as a coloured chip. */
export function statusChip(item) {
  if (!item || (!item.status && typeof item.confidence !== "number")) return null;
  const confidence = typeof item.confidence === "number" ? item.confidence.toFixed(2) : "";
  return el("span", { class: `status-chip st-${item.status || "confirmed"}`,
    title: `${STATUS_TEXT[item.status] || item.status || ""}; extractor confidence ${confidence}`,
    text: [confidence, item.status].filter(Boolean).join(" · ") });
}

async function decide(handle, action, body, node) {
  const message = node.querySelector(".review-msg") || node.appendChild(el("span", { class: "review-msg" }));
  message.textContent = "Saving…";
  try {
    await postJSON(`facts/${encodeURIComponent(handle)}/${action}`, {}, { reviewer: hooks.reviewer(), ...body });
    message.textContent = `${action === "undo" ? "Undone" : `${action[0].toUpperCase()}${action.slice(1)}ed`}.`;
    hooks.onDecided(handle, action);
  } catch (error) {
    message.textContent = error.message.startsWith("401") || error.message.startsWith("403")
      ? `${error.message} (paste the server's token under "Review")` : error.message;
    message.classList.add("error");
  }
}

function correctForm(item, node) {
  const stance = el("select", { name: "stance", "aria-label": "Corrected stance" },
    el("option", { value: "", text: "stance…" }), STANCES.filter((s) => s !== "contested").map((s) =>
      el("option", { value: s, text: s })));
  const actor = el("input", { name: "actor", placeholder: "actor (id or name)", size: 14, "aria-label": "Corrected actor" });
  const issue = el("select", { name: "issue", "aria-label": "Corrected issue" }, el("option", { value: "", text: "issue…" }),
    hooks.issues.map((i) => el("option", { value: i.id, text: i.label || i.id })));
  const comment = el("input", { name: "comment", placeholder: "why (optional)", size: 18, "aria-label": "Comment" });
  const form = el("form", { class: "correct-form" }, stance, actor, issue, comment,
    el("button", { type: "submit", text: "Save correction" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const changes = {};
    for (const field of [stance, actor, issue]) if (field.value.trim()) changes[field.name] = field.value.trim();
    decide(item.fact, "correct", { changes, comment: comment.value }, node);
  });
  return form;
}

async function showHistory(item, node) {
  const box = node.querySelector(".review-history") || node.appendChild(el("div", { class: "review-history" }));
  clear(box).append(el("span", { class: "muted", text: "Loading…" }));
  try {
    const detail = await getJSON(`facts/${encodeURIComponent(item.fact)}`);
    clear(box).append(
      el("ul", { class: "versions" }, detail.versions.map((v) => el("li", {},
        el("code", { text: v.fact }), ` ${v.summary}`))),
      detail.decisions.length ? el("ul", { class: "decisions" }, detail.decisions.map((d) => el("li", {},
        `${d.action} by ${d.reviewer || "someone"} on ${String(d.created_at).slice(0, 16).replace("T", " ")}`,
        d.comment ? ` — “${d.comment}”` : "", d.active ? "" : (d.undone_at ? " (undone)" : " (replaced)"))))
        : el("p", { class: "muted", text: "No decision yet." }));
  } catch (error) {
    clear(box).append(el("span", { class: "error", text: error.message }));
  }
}

/** The status chip plus accept / reject / correct / undo / history for one fact with a handle. */
export function reviewControls(item) {
  const chip = statusChip(item);
  if (!item || !item.fact) return chip ? el("span", { class: "review" }, chip) : null;
  const node = el("span", { class: "review", dataset: { fact: item.fact } }, chip);
  const button = (text, action, title) => el("button", { type: "button", class: `rv rv-${action}`, text, title,
    on: { click: () => decide(item.fact, action, {}, node) } });
  const decided = ["accepted", "rejected", "corrected", "added"].includes(item.status);
  const buttons = [
    decided ? null : button("✓", "accept", "Accept: the reading is right"),
    decided ? null : button("✗", "reject", "Reject: a misreading"),
    el("button", { type: "button", class: "rv rv-correct", text: "✎", title: "Correct actor, issue or stance",
      on: { click: () => { if (!node.querySelector("form")) node.append(correctForm(item, node)); } } }),
    decided ? button("undo", "undo", "Take the decision back") : null,
    el("button", { type: "button", class: "rv rv-history", text: "…", title: "Versions and decisions",
      on: { click: () => showHistory(item, node) } })];
  node.append(...buttons.filter(Boolean));
  return node;
}
