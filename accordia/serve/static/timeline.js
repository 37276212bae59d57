// One row per actor, one dot per report, so a U-turn or a drift shows at a glance.

import { clear, fmtDate, fmtMonth, fromDay, svg, toDay } from "./dom.js";

const ROW = 26;
const LEFT = 150;
const RIGHT = 24;
const TOP = 30;

function monthTicks(firstDay, lastDay) {
  const ticks = [];
  const start = new Date(firstDay * 86400000);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  const months = Math.max(1, (lastDay - firstDay) / 30);
  const step = months > 18 ? 3 : months > 9 ? 2 : 1;
  for (;;) {
    if (m > 11) {
      y += Math.floor(m / 12);
      m %= 12;
    }
    const day = Date.UTC(y, m, 1) / 86400000;
    if (day > lastDay) break;
    ticks.push(day);
    m += step;
  }
  return ticks;
}

/**
 * Draw `rows` (timeline entries for one issue) into `node`. `range` is [firstDay, lastDay] in
 * day numbers, `asOf` an ISO date (dots after it are faded), `selected` an actor id.
 */
export function drawTimeline(node, rows, range, asOf, selected, onPick) {
  clear(node);
  if (!rows.length) {
    node.append(document.createTextNode("No stance evidence on this issue yet."));
    return;
  }
  const actors = new Map();
  for (const row of rows) {
    if (!actors.has(row.actor)) actors.set(row.actor, row.actor_name || row.actor);
  }
  const order = [...actors.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const width = Math.max(640, node.clientWidth || 900);
  const height = TOP + order.length * ROW + 10;
  let [first, last] = range;
  if (first === null || last === null) {
    const days = rows.map((r) => toDay(r.date)).filter((d) => d !== null);
    first = Math.min(...days);
    last = Math.max(...days);
  }
  if (last - first < 14) {
    first -= 7;
    last += 7;
  }
  const pad = Math.max(2, (last - first) * 0.02);
  first -= pad;
  last += pad;
  const x = (day) => LEFT + ((day - first) / (last - first)) * (width - LEFT - RIGHT);
  const rowOf = new Map(order.map(([id], i) => [id, i]));
  const yOf = (id) => TOP + rowOf.get(id) * ROW + ROW / 2;
  const asOfDay = toDay(asOf);

  const chart = svg("svg", { class: "timeline-svg", viewBox: `0 0 ${width} ${height}`, width, height,
    role: "img", "aria-label": "Stance evidence over time" });

  const axis = svg("g", { class: "axis" });
  for (const tick of monthTicks(first, last)) {
    axis.append(svg("line", { x1: x(tick), x2: x(tick), y1: TOP - 6, y2: height - 6 }));
    axis.append(svg("text", { x: x(tick) + 3, y: TOP - 12, text: fmtMonth(fromDay(tick)) }));
  }
  chart.append(axis);

  order.forEach(([id, name], i) => {
    const y = TOP + i * ROW;
    chart.append(svg("rect", { class: `row ${i % 2 ? "odd" : ""} ${id === selected ? "selected" : ""}`,
      x: 0, y, width, height: ROW }));
    chart.append(svg("text", {
      class: "row-label", x: LEFT - 10, y: y + ROW / 2, dy: "0.35em", "text-anchor": "end", text: name,
      tabindex: 0, role: "button",
      on: {
        click: () => onPick(id, null),
        keydown: (e) => { if (e.key === "Enter") onPick(id, null); },
      },
    }));
  });

  const spans = new Map();
  for (const row of rows) {
    const day = toDay(row.date);
    if (day === null) continue;
    const s = spans.get(row.actor) || [day, day];
    spans.set(row.actor, [Math.min(s[0], day), Math.max(s[1], day)]);
  }
  for (const [id, [a, b]] of spans) {
    chart.append(svg("line", { class: "track", x1: x(a), x2: x(b), y1: yOf(id), y2: yOf(id) }));
  }

  if (asOfDay !== null) {
    chart.append(svg("line", { class: "asof-line", x1: x(asOfDay), x2: x(asOfDay), y1: TOP - 4, y2: height }));
  }

  // Reports of one actor on one day stack vertically, each in its own stance colour: a striped
  // dot would hide which stances disagree, and shifting dots sideways would misplace them in time.
  const perSpot = new Map();
  for (const row of rows) {
    const spot = `${row.actor}|${toDay(row.date)}`;
    perSpot.set(spot, (perSpot.get(spot) || 0) + 1);
  }
  const sameSpot = new Map();
  rows.forEach((row, index) => {
    const day = toDay(row.date);
    if (day === null) return;
    const spot = `${row.actor}|${day}`;
    const count = perSpot.get(spot) || 1;
    const nth = sameSpot.get(spot) || 0;
    sameSpot.set(spot, nth + 1);
    const step = Math.min(8, (ROW - 8) / Math.max(1, count - 1));
    const cx = x(day);
    const cy = yOf(row.actor) + (count > 1 ? (nth - (count - 1) / 2) * step : 0);
    const future = asOfDay !== null && day > asOfDay;
    const change = row.change ? `, changed from ${row.before}` : "";
    const split = row.contested ? ", reports that day disagree" : "";
    const radius = row.change ? 7 : count > 1 ? 4 : 5;
    const dot = svg("circle", {
      class: `tl-dot stance-${row.stance} ${row.contested ? "contested" : ""} ${row.change ? "change" : ""} ${future ? "future" : ""} ${row.status ? `st-${row.status}` : ""}`,
      cx, cy, r: radius, tabindex: 0, role: "button",
      on: {
        click: () => onPick(row.actor, index),
        keydown: (e) => { if (e.key === "Enter") onPick(row.actor, index); },
      },
    }, svg("title", { text: `${row.actor_name || row.actor}: ${row.stance}${change}${split} (${fmtDate(row.date)})`
      + `${typeof row.confidence === "number" ? ` · confidence ${row.confidence.toFixed(2)}` : ""}`
      + `${row.status ? ` · ${row.status}` : ""}\n${row.sentence || ""}` }));
    chart.append(dot);
  });
  node.append(chart);
}
