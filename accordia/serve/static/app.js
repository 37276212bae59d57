// Dashboard wiring: page state (kept in the URL hash so a view can be shared), data loading, and
// handing each panel its part. Panels live in their own modules and only draw.

import { renderAnalysis, whatIfForm } from "./analyses.js";
import { apiHref, getJSON, postJSON, setToken, token } from "./api.js";
import { openArticle } from "./article.js";
import { renderChanges } from "./changes.js";
import { citation } from "./cite.js";
import { badge, clear, el, fmtDate, fromDay, toDay } from "./dom.js";
import { showActor, showOtherIssues, showOverview, showProfile } from "./evidence.js";
import { drawMap } from "./map.js";
import { renderMatrix } from "./matrix.js";
import { setReviewHooks } from "./review.js";
import { drawTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);

const FILTER_KEYS = ["q", "actor", "stance", "source", "min_confidence", "from", "to"];
const state = { issue: null, asOf: null, since: "30", tab: "collisions", view: "europe", actor: null, overrides: [],
  filters: {}, raw: false, unconfirmed: false, allIssues: false, review: false };
const data = { issues: [], kinds: [], geo: [], first: null, last: null, map: null, timeline: [], world: null };
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

/** Filters and view options as query parameters: the same for every endpoint, so all views agree. */
function filterParams() {
  const params = {};
  for (const key of FILTER_KEYS) if (state.filters[key]) params[key] = state.filters[key];
  if (state.raw) params.raw = "true";
  if (state.unconfirmed) params.include_unconfirmed = "true";
  return params;
}

// What-if overrides travel in the URL as actor:issue:stance, comma-separated.
function overridesText() {
  return state.overrides.map((o) => `${o.actor}:${o.issue}:${o.stance}`).join(",");
}

function parseOverrides(text) {
  return String(text || "").split(",").map((part) => part.split(":"))
    .filter((bits) => bits.length === 3 && bits.every(Boolean))
    .map(([actor, issue, stance]) => ({ actor, issue, stance }));
}

function writeHash(extra) {
  const params = new URLSearchParams();
  if (state.issue) params.set("issue", state.issue);
  if (state.asOf) params.set("as_of", state.asOf);
  params.set("tab", state.tab);
  if (state.actor) params.set("actor", state.actor);
  if (state.view !== "europe") params.set("view", state.view);
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(`f_${key}`, state.filters[key]);
  if (state.raw) params.set("raw", "1");
  if (state.unconfirmed) params.set("unconfirmed", "1");
  if (state.overrides.length) params.set("whatif", overridesText());
  const open = readHash();
  if (!(extra && extra.article) && open.article && document.getElementById("article-view").open) {
    params.set("article", open.article); // reloads behind an open article keep it in the address
    if (open.span) params.set("span", open.span);
  }
  for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
  history.replaceState(null, "", `#${params.toString()}`);
  updateLinks();
}

function updateLinks() {
  const view = { issue: state.issue, as_of: state.asOf, ...filterParams() };
  document.getElementById("dl-csv").href = apiHref("download", { format: "csv", ...view });
  document.getElementById("dl-json").href = apiHref("download", { format: "json", ...view });
  const brief = { since: sinceDate(), as_of: state.asOf };
  if (state.raw) brief.raw = "true";
  if (state.unconfirmed) brief.include_unconfirmed = "true";
  document.getElementById("brief-link").href = apiHref("brief", brief);
  document.getElementById("brief-pdf").href = apiHref("brief", { ...brief, format: "pdf" });
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

/** The map with the what-if overrides for this issue applied, so their effect shows where it happens. */
function mapWithOverrides() {
  const wanted = state.overrides.filter((o) => o.issue === state.issue);
  if (!wanted.length) return data.map;
  const actors = data.map.actors.map((a) => {
    const o = wanted.find((w) => w.actor === a.id);
    return o ? { ...a, stance: o.stance, stances: [o.stance], whatIf: true } : a;
  });
  for (const o of wanted) {
    if (actors.some((a) => a.id === o.actor)) continue;
    const place = data.geo.find((g) => g.id === o.actor) || {};
    actors.push({ id: o.actor, name: ctx.names.get(o.actor) || o.actor, lat: place.lat ?? null, lon: place.lon ?? null,
      stance: o.stance, stances: [o.stance], issues: 0, evidence: [], whatIf: true });
  }
  const counts = { support: 0, conditional: 0, undecided: 0, oppose: 0, contested: 0, silent: 0 };
  for (const a of actors) counts[a.stance || "silent"] += 1;
  return { ...data.map, actors, counts };
}

function drawMapPanel() {
  if (!data.map) return;
  const shown = mapWithOverrides();
  drawMap($("map"), $("orgs"), shown, data.geo, state.view, state.actor, selectActor, data.world);
  const legend = clear($("legend"));
  const labels = { support: "support", conditional: "conditional", undecided: "undecided", oppose: "oppose",
    contested: "contested (reports disagree)", silent: "no stated position" };
  for (const [stance, label] of Object.entries(labels)) {
    legend.append(el("li", {}, el("span", { class: `swatch stance-${stance}` }), `${label} `,
      el("span", { class: "count", text: String(shown.counts[stance] || 0) })));
  }
  const whatIf = shown === data.map ? "" : " What-if overrides are drawn with a blue ring.";
  $("map-caption").textContent = `${issueLabel()}, as of ${fmtDate(state.asOf)}. Click a country for the sentences `
    + `behind it; a dashed ring marks a state beyond the map's edge, drawn on the edge in its direction.${whatIf}`;
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
  const { others, profile } = showActor(node, { id: state.actor, entry, history, picked: pickedRow, issueLabel: issueLabel(),
    asOf: state.asOf, articles: ctx.articles, onClose: () => selectActor(null) });
  const actor = state.actor;
  const view = state.raw || state.unconfirmed ? { raw: state.raw || null, include_unconfirmed: state.unconfirmed || null } : {};
  getJSON("positions", { actor, as_of: state.asOf, ...view })
    .then((body) => { if (state.actor === actor) showOtherIssues(others, body.rows, state.issue, ctx.issues); })
    .catch((error) => { clear(others).append(el("p", { class: "error", text: error.message })); });
  getJSON(`actors/${encodeURIComponent(actor)}`, { as_of: state.asOf, ...view })
    .then((body) => { if (state.actor === actor) showProfile(profile, body, ctx.articles, ctx.issues); })
    .catch(() => { clear(profile); });
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
    onChange: (next) => { state.overrides = next; writeHash(); drawMapPanel(); loadAnalysis(); } });
  const mine = ++generation;
  const params = { issue: state.issue, as_of: state.asOf };
  if (state.raw) params.raw = "true";
  if (state.unconfirmed) params.include_unconfirmed = "true";
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
  const scope = state.allIssues ? "on every issue" : `on ${issueLabel()}`;
  $("changes-caption").textContent = `Stances that moved ${scope} between ${fmtDate(since)} and ${fmtDate(state.asOf)}: `
    + "reversals first, then first mentions; newest first in each.";
  const mine = ++changesGeneration;
  try {
    const body = await getJSON("changes", { since, as_of: state.asOf, issue: state.allIssues ? null : state.issue,
      ...filterParams() });
    if (mine !== changesGeneration) return;
    remember(body.rows);
    renderChanges(list, body.rows, ctx, (actor) => selectActor(actor));
  } catch (error) {
    if (mine !== changesGeneration) return;
    clear(list).append(el("li", { class: "error", text: error.message }));
  }
}

async function loadMatrix() {
  const node = $("matrix");
  try {
    const body = await getJSON("matrix", { as_of: state.asOf, ...filterParams() });
    renderMatrix(node, body, ctx, (actor, issue) => {
      if (issue !== state.issue) {
        state.issue = issue;
        $("issue").value = issue;
        state.actor = actor;
        loadIssue();
      } else {
        selectActor(actor);
      }
      $("map").scrollIntoView({ block: "start" });
    });
  } catch (error) {
    clear(node).append(el("p", { class: "error", text: error.message }));
  }
}

async function loadSearch() {
  const card = $("search-card");
  if (!state.filters.q) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const list = clear($("search"));
  try {
    const body = await getJSON("search", filterParams());
    $("search-caption").textContent = `${body.total} report${body.total === 1 ? "" : "s"} whose sentence holds “${body.q}”`
      + `${body.total > body.rows.length ? `; the newest ${body.rows.length} shown` : ""}.`;
    for (const row of body.rows) {
      const item = citation(row, ctx.articles);
      item.prepend(el("p", { class: "profile-line" }, `${row.actor_name || row.actor} `, badge(row.stance),
        ` ${ctx.issues.get(row.issue) || row.issue}`));
      list.append(item);
    }
    if ((body.sentences || []).length) {
      list.append(el("li", { class: "search-more" }, el("h3", { text: "Other sentences behind pledges, red lines and rules" })));
      for (const sentence of body.sentences) list.append(citation(sentence, ctx.articles));
    }
    if (!body.rows.length && !(body.sentences || []).length) list.append(el("li", { class: "muted", text: "Nothing matches." }));
  } catch (error) {
    list.append(el("li", { class: "error", text: error.message }));
  }
}

async function loadReview() {
  const card = $("review-card");
  card.hidden = !state.review;
  if (!state.review) return;
  const list = clear($("review-queue"));
  try {
    const body = await getJSON("review", { limit: 25 });
    const writes = { token: "Writes need the server's token (paste it above).", local: "This local server accepts writes.",
      off: "Writes are off on this server: start it with ACCORDIA_TOKEN set." }[body.writes] || "";
    $("review-caption").textContent = `Facts whose answer would change the analyses most come first. ${writes}`;
    for (const row of body.rows) {
      const item = citation({ ...row.evidence, fact: row.fact, status: row.status, confidence: row.confidence }, ctx.articles);
      item.prepend(el("p", { class: "profile-line" }, el("strong", { text: row.summary }),
        el("span", { class: "muted small", text: ` · ${row.why} · priority ${row.priority.toFixed(2)}` })));
      list.append(item);
    }
    if (!body.rows.length) list.append(el("li", { class: "muted", text: "Nothing left to review." }));
  } catch (error) {
    list.append(el("li", { class: "error", text: error.message }));
  }
}

async function refresh() {
  writeHash();
  setStatus("Loading…");
  const mine = ++mapGeneration;
  try {
    const mapBody = await getJSON("map", { issue: state.issue, as_of: state.asOf, ...filterParams() });
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
  loadMatrix();
  loadSearch();
}

async function loadIssue() {
  try {
    const body = await getJSON("timeline", { issue: state.issue, ...filterParams() });
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
  openArticle($("article-view"), hash.article, start, end, ctx, () => reloadAll());
}

/** After a decision: every view is reloaded, so the reviewed view shows everywhere at once. */
function reloadAll() {
  loadIssue();
  loadReview();
  if ($("article-view").open) openFromHash(); // its marks and statuses follow the decision too
}

function actorId(text) {
  const wanted = String(text || "").trim();
  if (!wanted) return "";
  if (ctx.names.has(wanted)) return wanted;
  for (const [id, name] of ctx.names) if (name && name.toLowerCase() === wanted.toLowerCase()) return id;
  return wanted.toUpperCase();
}

function setupFilters(hash, articles) {
  const form = $("filters");
  const sources = [...new Set(articles.map((a) => a.source).filter(Boolean))].sort();
  $("f-source").append(...sources.map((source) => el("option", { value: source, text: source })));
  $("actor-list").append(...[...ctx.names.entries()].map(([id, name]) => el("option", { value: name || id })));
  const fields = { q: $("f-q"), actor: $("f-actor"), stance: $("f-stance"), source: $("f-source"),
    min_confidence: $("f-conf"), from: $("f-from"), to: $("f-to") };
  for (const key of FILTER_KEYS) {
    if (hash[`f_${key}`]) {
      fields[key].value = key === "actor" ? (ctx.names.get(hash.f_actor) || hash.f_actor) : hash[`f_${key}`];
      state.filters[key] = hash[`f_${key}`];
    }
  }
  state.raw = hash.raw === "1";
  state.unconfirmed = hash.unconfirmed === "1";
  $("f-raw").checked = state.raw;
  $("f-unconfirmed").checked = state.unconfirmed;
  $("f-conf-label").textContent = Number(fields.min_confidence.value).toFixed(2);
  let timer = null;
  const apply = () => {
    for (const key of FILTER_KEYS) {
      const value = fields[key].value.trim();
      state.filters[key] = key === "actor" ? actorId(value) : (key === "min_confidence" && Number(value) === 0 ? "" : value);
    }
    state.raw = $("f-raw").checked;
    state.unconfirmed = $("f-unconfirmed").checked;
    $("f-conf-label").textContent = Number(fields.min_confidence.value).toFixed(2);
    clearTimeout(timer);
    timer = setTimeout(loadIssue, 250);
  };
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  $("f-clear").addEventListener("click", () => {
    form.reset();
    apply();
  });
  const toggle = $("filters-toggle");
  toggle.addEventListener("click", () => {
    const open = !form.classList.contains("open");
    form.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
  });
  $("review-toggle").addEventListener("click", () => {
    state.review = !state.review;
    $("review-toggle").classList.toggle("on", state.review);
    loadReview();
    if (state.review) $("review-card").scrollIntoView({ block: "start" });
  });
  const tokenField = $("token");
  tokenField.value = token();
  tokenField.addEventListener("change", () => setToken(tokenField.value.trim()));
  $("changes-all-issues").addEventListener("change", (event) => { state.allIssues = event.target.checked; loadChanges(); });
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
  try {
    data.world = (await getJSON("world")).features;
  } catch (_) {
    data.world = null; // the dot map still works without outlines
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
  state.overrides = parseOverrides(hash.whatif);
  setReviewHooks({ onDecided: () => reloadAll(), issues: data.issues, reviewer: () => "dashboard" });
  setupFilters(hash, articles.rows);

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
  $("since").addEventListener("change", () => { state.since = $("since").value; updateLinks(); loadChanges(); });
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
  // The sticky evidence panel sits just below the sticky header, whatever height the header wraps to.
  const headerHeight = () => document.documentElement.style.setProperty("--header-h",
    `${document.querySelector("header.top").getBoundingClientRect().height}px`);
  headerHeight();
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { headerHeight(); drawTimelinePanel(); drawMapPanel(); }, 150);
  });

  setupSlider();
  if (!articles.rows.length) setStatus("No articles yet: ingest some with `accordia ingest`, then reload.");
  drawTabs();
  await loadIssue();
  openFromHash(hash);
}

boot();
