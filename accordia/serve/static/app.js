// Dashboard wiring: page state (kept in the URL hash so a view can be shared), data loading, and
// handing each panel its part. Panels live in their own modules and only draw.

import { renderAnalysis, whatIfForm } from "./analyses.js";
import { getJSON, postJSON } from "./api.js";
import { openArticle } from "./article.js";
import { renderChanges } from "./changes.js";
import { clear, el, fmtDate, fromDay, toDay } from "./dom.js";
import { showActor, showOtherIssues, showOverview } from "./evidence.js";
import { drawMap } from "./map.js";
import { drawTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);

const state = { issue: null, asOf: null, since: "30", tab: "collisions", view: "europe", actor: null, overrides: [] };
const data = { issues: [], kinds: [], geo: [], first: null, last: null, map: null, timeline: [] };
const ctx = { names: new Map(), issues: new Map(), articles: new Map() };
let generation = 0;
let mapGeneration = 0;
let changesGeneration = 0;
let pickedRow = null;

function setStatus(message, isError) {
  const node = $("status");
  node.textContent = message || "";
  node.classList.toggle("error", Boolean(isError));
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return Object.fromEntries(params.entries());
}

function writeHash(extra) {
  const params = new URLSearchParams();
  if (state.issue) params.set("issue", state.issue);
  if (state.asOf) params.set("as_of", state.asOf);
  params.set("tab", state.tab);
  if (state.actor) params.set("actor", state.actor);
  if (state.view !== "europe") params.set("view", state.view);
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  history.replaceState(null, "", `#${params.toString()}`);
}

function issueLabel() {
  return ctx.issues.get(state.issue) || state.issue || "";
}

function sinceDate() {
  if (state.since === "all" || !state.asOf) return data.first;
  const day = toDay(state.asOf) - Number(state.since);
  return fromDay(day);
}

// ---- drawing -------------------------------------------------------------------------------

function drawMapPanel() {
  if (!data.map) return;
  drawMap($("map"), $("orgs"), data.map, data.geo, state.view, state.actor, selectActor);
  const legend = clear($("legend"));
  const labels = { support: "support", conditional: "conditional", undecided: "undecided", oppose: "oppose",
    contested: "contested (reports disagree)", silent: "no stated position" };
  for (const [stance, label] of Object.entries(labels)) {
    legend.append(el("li", {}, el("span", { class: `swatch stance-${stance}` }), `${label} `,
      el("span", { class: "count", text: String(data.map.counts[stance] || 0) })));
  }
  $("map-caption").textContent = `${issueLabel()}, as of ${fmtDate(state.asOf)}. Click a state for the sentences `
    + "behind it; a dashed ring marks a state beyond the map's edge, drawn on the edge in its direction.";
}

function drawTimelinePanel() {
  drawTimeline($("timeline"), data.timeline, [toDay(data.first), toDay(data.last)], state.asOf, state.actor,
    (actor, index) => selectActor(actor, index === null ? null : data.timeline[index]));
}

function drawEvidence() {
  const node = $("evidence");
  if (!state.actor) {
    showOverview(node, { map: data.map, issueLabel: issueLabel(), asOf: state.asOf, onPick: (actor) => selectActor(actor) });
    return;
  }
  const asOfDay = toDay(state.asOf);
  const history = data.timeline.filter((r) => r.actor === state.actor)
    .map((r) => Object.assign(r, { future: asOfDay !== null && toDay(r.date) > asOfDay }));
  const entry = data.map ? data.map.actors.find((a) => a.id === state.actor) : null;
  const others = showActor(node, { id: state.actor, entry, history, picked: pickedRow, issueLabel: issueLabel(),
    asOf: state.asOf, articles: ctx.articles, onClose: () => selectActor(null) });
  const actor = state.actor;
  getJSON("positions", { actor, as_of: state.asOf })
    .then((body) => { if (state.actor === actor) showOtherIssues(others, body.rows, state.issue, ctx.issues); })
    .catch((error) => { clear(others).append(el("p", { class: "error", text: error.message })); });
}

function selectActor(actor, row) {
  state.actor = actor || null;
  pickedRow = row || null;
  writeHash();
  drawMapPanel();
  drawTimelinePanel();
  drawEvidence();
  if (actor && window.matchMedia("(max-width: 1100px)").matches) $("evidence").scrollIntoView({ behavior: "smooth" });
}

function drawTabs() {
  const tabs = clear($("tabs"));
  for (const kind of data.kinds) {
    tabs.append(el("button", { type: "button", role: "tab", class: kind.kind === state.tab ? "on" : "",
      "aria-selected": kind.kind === state.tab ? "true" : "false", title: kind.description, text: kind.kind,
      on: { click: () => { state.tab = kind.kind; writeHash(); drawTabs(); loadAnalysis(); } } }));
  }
}

// ---- loading -------------------------------------------------------------------------------

function remember(rows) {
  for (const row of rows) if (row.actor && row.actor_name) ctx.names.set(row.actor, row.actor_name);
}

async function loadAnalysis() {
  const panel = clear($("analysis"));
  const form = el("div", { class: "whatif" });
  const results = el("div", { class: "results-wrap loading" }, el("p", { class: "muted", text: "Working…" }));
  panel.append(form, results);
  whatIfForm(form, { actors: data.map ? data.map.actors : [], issue: state.issue, overrides: state.overrides,
    onChange: (next) => { state.overrides = next; loadAnalysis(); } });
  const mine = ++generation;
  const params = { issue: state.issue, as_of: state.asOf };
  try {
    const result = state.overrides.length
      ? await postJSON(`analyse/${state.tab}`, params, state.overrides)
      : await getJSON(`analyse/${state.tab}`, params);
    if (mine !== generation) return;
    results.classList.remove("loading");
    renderAnalysis(results, result, ctx);
  } catch (error) {
    if (mine !== generation) return;
    results.classList.remove("loading");
    clear(results).append(el("p", { class: "error", text: error.message }));
  }
}

async function loadChanges() {
  const since = sinceDate();
  const list = $("changes");
  if (!since) {
    clear(list);
    return;
  }
  $("changes-caption").textContent = `Stances that moved between ${fmtDate(since)} and ${fmtDate(state.asOf)}, newest first.`;
  const mine = ++changesGeneration;
  try {
    const body = await getJSON("changes", { since, as_of: state.asOf });
    if (mine !== changesGeneration) return;
    remember(body.rows);
    renderChanges(list, body.rows, ctx, (actor) => selectActor(actor));
  } catch (error) {
    if (mine !== changesGeneration) return;
    clear(list).append(el("li", { class: "error", text: error.message }));
  }
}

async function refresh() {
  writeHash();
  setStatus("Loading…");
  const mine = ++mapGeneration;
  try {
    const mapBody = await getJSON("map", { issue: state.issue, as_of: state.asOf });
    if (mine !== mapGeneration) return;
    data.map = mapBody;
    remember(mapBody.actors.map((a) => ({ actor: a.id, actor_name: a.name })));
    drawMapPanel();
    drawTimelinePanel();
    drawEvidence();
    setStatus("");
  } catch (error) {
    if (mine !== mapGeneration) return;
    setStatus(error.message, true);
  }
  loadChanges();
  loadAnalysis();
}

async function loadIssue() {
  try {
    const body = await getJSON("timeline", { issue: state.issue });
    data.timeline = body.rows;
    remember(body.rows);
  } catch (error) {
    data.timeline = [];
    setStatus(error.message, true);
  }
  await refresh();
}

function setupSlider() {
  const slider = $("asof");
  const first = toDay(data.first);
  const last = toDay(data.last);
  if (first === null || last === null) {
    slider.disabled = true;
    $("asof-label").textContent = "no articles yet";
    return;
  }
  slider.max = String(last - first);
  const wanted = toDay(state.asOf);
  slider.value = String(wanted === null ? last - first : Math.min(last - first, Math.max(0, wanted - first)));
  const show = () => {
    state.asOf = fromDay(first + Number(slider.value));
    $("asof-label").textContent = fmtDate(state.asOf);
  };
  show();
  $("asof-first").textContent = fmtDate(data.first);
  $("asof-last").textContent = fmtDate(data.last);
  let timer = null;
  slider.addEventListener("input", () => {
    show();
    clearTimeout(timer);
    timer = setTimeout(refresh, 180);
  });
}

function openFromHash(given) {
  const hash = given && given.article ? given : readHash();
  if (!hash.article) return;
  const span = /^(\d+)-(\d+)$/.exec(hash.span || "");
  const start = span ? Number(span[1]) : null;
  const end = span ? Number(span[2]) : null;
  writeHash({ article: hash.article, ...(span ? { span: hash.span } : {}) });
  openArticle($("article-view"), hash.article, start, end, ctx);
}

async function boot() {
  const hash = readHash();
  let issues;
  let articles;
  let kinds;
  let geo;
  try {
    [issues, articles, kinds, geo] = await Promise.all([getJSON("issues"), getJSON("articles"),
      getJSON("analyses"), getJSON("geo")]);
  } catch (error) {
    setStatus(`Could not reach the knowledge base: ${error.message}`, true);
    return;
  }
  data.issues = issues.rows;
  data.kinds = kinds.rows;
  data.geo = geo.rows;
  data.first = articles.first;
  data.last = articles.last;
  for (const issue of issues.rows) ctx.issues.set(issue.id, issue.label);
  for (const article of articles.rows) ctx.articles.set(article.id, article);
  for (const point of geo.rows) ctx.names.set(point.id, point.name);

  if (!data.issues.length) {
    setStatus("The codebook has no issues: add some to the codebook and ingest articles.", true);
    return;
  }
  const busiest = [...data.issues].sort((a, b) => (b.positions || 0) - (a.positions || 0))[0];
  state.issue = ctx.issues.has(hash.issue) ? hash.issue : busiest.id;
  state.tab = data.kinds.some((k) => k.kind === hash.tab) ? hash.tab : (data.kinds[0] || {}).kind;
  state.actor = hash.actor || null;
  state.asOf = hash.as_of || null;

  const picker = $("issue");
  for (const issue of data.issues) {
    picker.append(el("option", { value: issue.id, text: `${issue.label} (${issue.positions || 0})` }));
  }
  picker.value = state.issue;
  picker.addEventListener("change", () => {
    state.issue = picker.value;
    pickedRow = null;
    loadIssue();
  });
  $("since").value = ["7", "30", "90", "all"].includes(hash.since) ? hash.since : state.since;
  $("since").addEventListener("change", () => { state.since = $("since").value; loadChanges(); });
  state.view = hash.view === "world" ? "world" : "europe";
  for (const button of document.querySelectorAll("[data-view]")) {
    button.classList.toggle("on", button.dataset.view === state.view);
    button.addEventListener("click", () => {
      state.view = button.dataset.view;
      for (const b of document.querySelectorAll("[data-view]")) b.classList.toggle("on", b === button);
      writeHash();
      drawMapPanel();
    });
  }
  const dialog = $("article-view");
  $("article-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => writeHash());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  window.addEventListener("hashchange", () => openFromHash());
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTimelinePanel, 150); });

  setupSlider();
  if (!articles.rows.length) setStatus("No articles yet: ingest some with `accordia ingest`, then reload.");
  drawTabs();
  await loadIssue();
  openFromHash(hash);
}

boot();
