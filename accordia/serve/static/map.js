// The stance map: country outlines (Natural Earth, shipped with the package, served by /api/world)
// filled by stance, with a labelled marker at each actor's gazetteer coordinates to click. Labels are
// sized for the screen, not the drawing, so they stay readable on a phone. Organisations, which
// have no territory, are listed beside the map.

import { clear, el, svg } from "./dom.js";

const WIDTH = 960;
let RADIUS = 14;
let PAD = RADIUS + 6;

// Each view: its centre, how many degrees of longitude fit the width, its height in pixels, and
// whether longitudes shrink with latitude (worth it for Europe, distracting for the world).
export const VIEWS = {
  europe: { lon: 16, lat: 52, lonSpan: 83, height: 600, shrink: true, grid: 10, radius: 14 },
  world: { lon: 12, lat: 12, lonSpan: 345, height: 440, shrink: false, grid: 30, radius: 11 },
};

function projector(view) {
  const k = view.shrink ? Math.cos((view.lat * Math.PI) / 180) : 1;
  const scale = WIDTH / (view.lonSpan * k);
  return (lat, lon) => {
    let dLon = lon - view.lon;
    if (dLon > 180) dLon -= 360;
    if (dLon < -180) dLon += 360;
    return [WIDTH / 2 + dLon * k * scale, view.height / 2 - (lat - view.lat) * scale];
  };
}

/** Where a point off the map meets the map's edge, walking out from the centre. */
function pinToEdge(x, y, height) {
  const cx = WIDTH / 2;
  const cy = height / 2;
  const dx = x - cx;
  const dy = y - cy;
  const tx = dx === 0 ? Infinity : (dx > 0 ? WIDTH - PAD - cx : PAD - cx) / dx;
  const ty = dy === 0 ? Infinity : (dy > 0 ? height - PAD - cy : PAD - cy) / dy;
  const t = Math.min(tx, ty);
  return [cx + dx * t, cy + dy * t];
}

function inside(x, y, height) {
  return x >= PAD && x <= WIDTH - PAD && y >= PAD && y <= height - PAD;
}

/** Push overlapping circles apart while a weak spring keeps each near its true place. */
function relax(nodes, height) {
  const gap = RADIUS * 2 + 3;
  for (let round = 0; round < 80; round += 1) {
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const a = nodes[i];
        const b = nodes[j];
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let dist = Math.hypot(dx, dy);
        if (dist >= gap) continue;
        if (dist < 0.01) {
          dx = 1;
          dy = (i % 2) - 0.5;
          dist = Math.hypot(dx, dy);
        }
        const push = (gap - dist) / 2;
        a.x -= (dx / dist) * push;
        a.y -= (dy / dist) * push;
        b.x += (dx / dist) * push;
        b.y += (dy / dist) * push;
      }
    }
    for (const n of nodes) {
      n.x += (n.ax - n.x) * 0.04;
      n.y += (n.ay - n.y) * 0.04;
      n.x = Math.min(WIDTH - PAD, Math.max(PAD, n.x));
      n.y = Math.min(height - PAD, Math.max(PAD, n.y));
    }
  }
}

function graticule(project, view) {
  const group = svg("g", { class: "graticule" });
  for (let lon = -180; lon <= 180; lon += view.grid) {
    const [x1, y1] = project(80, lon);
    const [x2, y2] = project(-80, lon);
    if (Math.abs(x1 - x2) < 1 && x1 > -50 && x1 < WIDTH + 50) {
      group.append(svg("line", { x1, y1, x2, y2 }));
    }
  }
  for (let lat = -80; lat <= 80; lat += view.grid) {
    const [, y] = project(lat, view.lon);
    if (y > 0 && y < view.height) group.append(svg("line", { x1: 0, y1: y, x2: WIDTH, y2: y }));
  }
  return group;
}

/** SVG path data for a GeoJSON (Multi)Polygon, breaking a ring where it jumps across the map. */
function outlinePath(geometry, project) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const parts = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let previous = null;
      let path = "";
      for (const [lon, lat] of ring) {
        const [x, y] = project(lat, lon);
        const jump = previous && Math.abs(x - previous[0]) > WIDTH / 2;
        path += `${!previous || jump ? "M" : "L"}${x.toFixed(1)} ${y.toFixed(1)}`;
        previous = [x, y];
      }
      parts.push(`${path}Z`);
    }
  }
  return parts.join("");
}

function drawOutlines(node, world, project, byId, selected, onSelect) {
  const group = svg("g", { class: "countries" });
  for (const feature of world) {
    const id = feature.properties.id;
    const actor = byId.get(id);
    const cls = actor ? `country ${stanceClass(actor.stance)} ${actor.whatIf ? "whatif" : ""} ${id === selected ? "selected" : ""}`
      : "country other";
    const path = svg("path", { class: cls, d: outlinePath(feature.geometry, project), dataset: { id } },
      svg("title", { text: actor ? describe(actor) : feature.properties.name }));
    if (actor) path.addEventListener("click", () => onSelect(id));
    group.append(path);
  }
  node.append(group);
}

function stanceClass(stance) {
  return stance ? `stance-${stance}` : "stance-silent";
}

function describe(actor) {
  const stance = actor.stance ? actor.stance : "no stated position";
  const extra = actor.stance === "contested" ? ` (${actor.stances.join(" vs ")})` : "";
  const where = actor.offMap ? ", off this map" : "";
  const whatIf = actor.whatIf ? " (what-if)" : "";
  return `${actor.name}: ${stance}${extra}${whatIf}${where}`;
}

/**
 * Draw `data.actors` on `node` (an <svg>), with `geo` (every placed state) as background dots.
 * Organisations without coordinates go into `orgsNode` as buttons.
 */
export function drawMap(node, orgsNode, data, geo, viewName, selected, onSelect, world) {
  const view = VIEWS[viewName] || VIEWS.europe;
  const height = view.height;
  // One drawing unit is this many screen pixels; markers and labels keep a readable size on screen.
  const shown = node.getBoundingClientRect().width || WIDTH;
  const unit = Math.min(1, shown / WIDTH);
  const outlines = Array.isArray(world) && world.length;
  RADIUS = Math.max(outlines ? view.radius * 0.8 : view.radius, 12 / unit);
  PAD = RADIUS + 6;
  const project = projector(view);
  clear(node);
  clear(orgsNode);
  node.setAttribute("viewBox", `0 0 ${WIDTH} ${height}`);
  node.append(svg("rect", { class: "sea", x: 0, y: 0, width: WIDTH, height, rx: 8 }));
  node.append(graticule(project, view));

  if (outlines) {
    drawOutlines(node, world, project, new Map(data.actors.map((a) => [a.id, a])), selected, onSelect);
  } else {
    const background = svg("g", { class: "land" });
    for (const state of geo) {
      const [x, y] = project(state.lat, state.lon);
      if (inside(x, y, height)) background.append(svg("circle", { cx: x, cy: y, r: 3 }, svg("title", { text: state.name })));
    }
    node.append(background);
  }

  const nodes = [];
  for (const actor of data.actors) {
    if (actor.lat === null || actor.lon === null) {
      orgsNode.append(el("button", {
        type: "button",
        class: `org ${actor.id === selected ? "selected" : ""} ${actor.whatIf ? "whatif" : ""}`,
        title: describe(actor),
        on: { click: () => onSelect(actor.id) },
      }, el("span", { class: `swatch ${stanceClass(actor.stance)}` }), actor.name));
      continue;
    }
    let [x, y] = project(actor.lat, actor.lon);
    const offMap = !inside(x, y, height);
    if (offMap) [x, y] = pinToEdge(x, y, height);
    nodes.push({ actor: { ...actor, offMap }, x, y, ax: x, ay: y });
  }
  relax(nodes, height);

  const layer = svg("g", { class: "actors" });
  for (const n of nodes) {
    const a = n.actor;
    const group = svg("g", {
      class: `actor ${a.offMap ? "off-map" : ""} ${a.id === selected ? "selected" : ""} ${a.stance ? "" : "silent"} ${a.whatIf ? "whatif" : ""}`,
      transform: `translate(${n.x.toFixed(1)} ${n.y.toFixed(1)})`,
      tabindex: 0,
      role: "button",
      "aria-label": describe(a),
      on: {
        click: () => onSelect(a.id),
        keydown: (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            onSelect(a.id);
          }
        },
      },
    });
    if (Math.hypot(n.x - n.ax, n.y - n.ay) > RADIUS * 1.5 && !a.offMap) {
      layer.append(svg("line", { class: "leader", x1: n.ax, y1: n.ay, x2: n.x, y2: n.y }));
    }
    group.append(svg("title", { text: describe(a) }));
    group.append(svg("circle", { class: `dot ${stanceClass(a.stance)}`, r: RADIUS }));
    group.append(svg("text", { class: "code", "text-anchor": "middle", dy: "0.35em",
      "font-size": (RADIUS * (a.id.length > 3 ? 0.55 : 0.72)).toFixed(1), text: a.id }));
    layer.append(group);
  }
  node.append(layer);
  if (!data.actors.length) {
    node.append(svg("text", { class: "empty", x: WIDTH / 2, y: height / 2, "text-anchor": "middle",
      text: "No actor has a recorded position by this date." }));
  }
}
