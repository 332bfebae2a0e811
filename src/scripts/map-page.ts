/**
 * The map page (`/map/`): every paper as a point on a canvas, its files as src/lib/map-format.ts
 * describes. Pan and zoom by drag, wheel, pinch, buttons and keys; hovering, focusing or tapping
 * a point shows its title, clicking or Enter opens the paper. The map is one tab stop: arrow
 * keys move to the nearest point in that direction and the title is announced. A search or a
 * topic highlights papers; the address keeps the state (`?paper=…`, `?topic=…`, `?q=…`, `zoom`,
 * `x`, `y`), so a view can be linked. Nothing animates (reduced motion holds). Titles are text
 * nodes: nothing from the data is parsed as markup.
 */
import { MAP_COLOURS, MAP_IDS_FILE, MAP_SIZE, TITLE_CHUNK, bucketOf, type MapMeta } from '../lib/map-format.ts';
import { loadPagefind, searchIndexes } from './pagefind-engine.ts';

const frame = document.querySelector<HTMLElement>('[data-map-frame]')!;
const canvas = frame.querySelector<HTMLCanvasElement>('[data-map-canvas]')!;
const labelLayer = frame.querySelector<HTMLElement>('[data-map-labels]')!;
const tip = frame.querySelector<HTMLElement>('[data-map-tip]')!;
const announce = document.querySelector<HTMLElement>('[data-map-announce]')!;
const statusLine = document.querySelector<HTMLElement>('[data-map-status]')!;
const searchForm = document.querySelector<HTMLFormElement>('[data-map-search]')!;
const clearButton = document.querySelector<HTMLButtonElement>('[data-map-clear]')!;
const zoomControls = frame.querySelector<HTMLElement>('[data-map-zoom]')!;
const meta = JSON.parse(document.querySelector('[data-map-meta]')!.textContent!) as MapMeta;
const context = canvas.getContext('2d')!;

/** Zoom limits: 1 shows the whole map. */
const [MIN_ZOOM, MAX_ZOOM] = [1, 256];
/** How near (CSS pixels) a pointer must be to a point to hit it: a finger needs more room than a mouse. */
const HIT = { mouse: 10, touch: 24 };

let xs = new Uint16Array(0);
let ys = new Uint16Array(0);
let topicOf = new Uint16Array(0);
/** The points of each colour. */
let byColour: Int32Array[] = [];
let ready = false;
/** The view: the data point at the frame's centre, and the zoom (1: the whole map fits). */
const view = { x: MAP_SIZE / 2, y: MAP_SIZE / 2, zoom: 1 };
let size = { width: 0, height: 0 };
/** The point the keyboard or a tap is on, and the point under the mouse. */
let selected = -1;
let hovered = -1;
/** Highlighted points (a search or a topic), related papers of a linked paper. */
let highlight: { kind: 'search' | 'topic'; value: string; points: Uint8Array; count: number } | undefined;
let related: number[] = [];
let inks: string[] = [];

// ---- the data ------------------------------------------------------------------------------

const titleChunks = new Map<number, Promise<[string, string][]>>();
/** `[slug, title]` of a point: its chunk is fetched the first time one of its points is shown. */
async function titleOf(point: number): Promise<[string, string]> {
  const chunk = Math.floor(point / TITLE_CHUNK);
  let titles = titleChunks.get(chunk);
  if (!titles) {
    titles = fetch(`${meta.files}titles/${chunk}.json`).then((response) => {
      if (!response.ok) throw new Error(`titles/${chunk}.json: HTTP ${response.status}`);
      return response.json() as Promise<[string, string][]>;
    });
    titles.catch(() => titleChunks.delete(chunk));
    titleChunks.set(chunk, titles);
  }
  return (await titles)[point - chunk * TITLE_CHUNK];
}

/** A paper's point and its related papers' points, or undefined when it is not on the map. */
async function findPaper(slug: string): Promise<number[] | undefined> {
  const response = await fetch(`${meta.files}find/${bucketOf(slug, meta.buckets)}.json`);
  if (!response.ok) return undefined;
  return ((await response.json()) as Record<string, number[]>)[slug];
}

async function loadPoints(): Promise<void> {
  const response = await fetch(`${meta.files}points.bin`);
  if (!response.ok) throw new Error(`points.bin: HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const count = meta.count;
  if (buffer.byteLength !== count * 6) throw new Error('points.bin does not match this page: reload it');
  const all = new Uint16Array(buffer); // little-endian, as every browser's typed arrays
  xs = all.subarray(0, count);
  ys = all.subarray(count, 2 * count);
  topicOf = all.subarray(2 * count, 3 * count);
  const lists: number[][] = Array.from({ length: MAP_COLOURS }, () => []);
  for (let point = 0; point < count; point += 1) lists[meta.topics[topicOf[point]]?.colour ?? 0].push(point);
  byColour = lists.map((list) => Int32Array.from(list));
  buildGrid();
}

// ---- where things are ------------------------------------------------------------------------

/** Points by cell of a GRID × GRID grid over the map, for hits and arrow keys. */
const GRID = 128;
const CELL = (MAP_SIZE + 1) / GRID;
let cells: Int32Array[] = [];
function buildGrid(): void {
  const lists: number[][] = Array.from({ length: GRID * GRID }, () => []);
  for (let point = 0; point < xs.length; point += 1) lists[cellOf(ys[point]) * GRID + cellOf(xs[point])].push(point);
  cells = lists.map((list) => Int32Array.from(list));
}
const cellOf = (value: number) => Math.min(GRID - 1, Math.floor(value / CELL));

/** Data units per CSS pixel at zoom 1 is `1 / baseScale`. */
function scale(): number {
  return (Math.min(size.width, size.height) / MAP_SIZE) * 0.96 * view.zoom;
}
const toScreen = (x: number, y: number): [number, number] => {
  const k = scale();
  return [(x - view.x) * k + size.width / 2, (y - view.y) * k + size.height / 2];
};
const toData = (sx: number, sy: number): [number, number] => {
  const k = scale();
  return [(sx - size.width / 2) / k + view.x, (sy - size.height / 2) / k + view.y];
};

/** The point nearest a spot of the data within `radius` data units, or -1. */
function nearestPoint(x: number, y: number, radius: number, accept: (point: number) => boolean = () => true): number {
  let best = -1;
  let bestDistance = radius * radius;
  const [x0, x1, y0, y1] = [cellOf(Math.max(0, x - radius)), cellOf(Math.min(MAP_SIZE, x + radius)), cellOf(Math.max(0, y - radius)), cellOf(Math.min(MAP_SIZE, y + radius))];
  for (let gy = y0; gy <= y1; gy += 1) {
    for (let gx = x0; gx <= x1; gx += 1) {
      for (const point of cells[gy * GRID + gx]) {
        const distance = (xs[point] - x) ** 2 + (ys[point] - y) ** 2;
        if (distance <= bestDistance && accept(point) && (distance < bestDistance || point < best)) [best, bestDistance] = [point, distance];
      }
    }
  }
  return best;
}

/**
 * The nearest point from `from` in a direction (within 45° of it), ranked by distance with a
 * penalty for straying sideways; -1 when there is none. Searched ring by ring of grid cells.
 */
function pointToward(from: number, dx: number, dy: number): number {
  const [x, y] = [xs[from], ys[from]];
  const [cx, cy] = [cellOf(x), cellOf(y)];
  let best = -1;
  let bestScore = Infinity;
  for (let ring = 0; ring < GRID; ring += 1) {
    if (best >= 0 && (ring - 1) * CELL > bestScore) break;
    for (let gy = cy - ring; gy <= cy + ring; gy += 1) {
      for (let gx = cx - ring; gx <= cx + ring; gx += 1) {
        if (gx < 0 || gy < 0 || gx >= GRID || gy >= GRID || (Math.abs(gx - cx) !== ring && Math.abs(gy - cy) !== ring)) continue;
        for (const point of cells[gy * GRID + gx]) {
          if (point === from) continue;
          const along = (xs[point] - x) * dx + (ys[point] - y) * dy;
          const across = Math.abs((xs[point] - x) * dy - (ys[point] - y) * dx);
          if (along <= 0 || across > along) continue;
          const score = along + 2 * across;
          if (score < bestScore || (score === bestScore && point < best)) [best, bestScore] = [point, score];
        }
      }
    }
  }
  return best;
}

// ---- drawing ---------------------------------------------------------------------------------

/** The theme's colours, read from hidden elements (the CSS holds both themes' sets). */
function readInks(): void {
  inks = [...frame.querySelectorAll<HTMLElement>('[data-map-ink]')].map((ink) => getComputedStyle(ink).color);
  const style = getComputedStyle(frame);
  inks.push(style.color, style.backgroundColor);
}

let frameRequest = 0;
function requestDraw(): void {
  if (frameRequest === 0) frameRequest = requestAnimationFrame(() => { frameRequest = 0; draw(); });
}

function resize(): void {
  const ratio = window.devicePixelRatio || 1;
  size = { width: frame.clientWidth, height: frame.clientHeight };
  canvas.width = Math.round(size.width * ratio);
  canvas.height = Math.round(size.height * ratio);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  draw();
}

/** Mark size in CSS pixels: larger when zoomed in and when there are few points. */
function markSize(): number {
  const base = meta.count > 20_000 ? 1.6 : meta.count > 3000 ? 2.4 : meta.count > 500 ? 3.6 : 5;
  return Math.min(10, base * Math.sqrt(view.zoom));
}

function draw(): void {
  if (!ready) return;
  const { width, height } = size;
  context.clearRect(0, 0, width, height);
  const k = scale();
  const half = size.width / 2;
  const halfHeight = size.height / 2;
  const mark = markSize();
  const offset = mark / 2;
  const dim = highlight !== undefined;
  // Faded first when something is highlighted, then the highlighted points on top.
  for (let pass = dim ? 0 : 1; pass < 2; pass += 1) {
    context.globalAlpha = pass === 0 ? 0.16 : 0.9;
    const side = pass === 0 ? mark : dim ? mark + 1.5 : mark;
    const shift = pass === 0 ? offset : side / 2;
    for (let colour = 0; colour < MAP_COLOURS; colour += 1) {
      context.fillStyle = inks[colour];
      context.beginPath();
      for (const point of byColour[colour]) {
        if (dim && (highlight!.points[point] === 1) !== (pass === 1)) continue;
        const sx = (xs[point] - view.x) * k + half;
        const sy = (ys[point] - view.y) * k + halfHeight;
        if (sx < -side || sy < -side || sx > width + side || sy > height + side) continue;
        context.rect(sx - shift, sy - shift, side, side);
      }
      context.fill();
    }
  }
  context.globalAlpha = 1;
  const text = inks[MAP_COLOURS];
  const ring = (point: number, radius: number, width: number) => {
    const [sx, sy] = toScreen(xs[point], ys[point]);
    context.beginPath();
    context.arc(sx, sy, radius, 0, 2 * Math.PI);
    context.lineWidth = width;
    context.strokeStyle = text;
    context.stroke();
  };
  for (const point of related) ring(point, mark + 4, 1.5);
  if (hovered >= 0) ring(hovered, mark + 5, 2);
  if (selected >= 0) {
    ring(selected, mark + 7, 3);
    ring(selected, mark + 3, 1);
  }
  placeLabels();
  placeTip();
}

/** Topic labels on their regions, the largest topics first; a label that would overlap a placed one is left out. */
let labels: { element: HTMLElement; width: number; height: number; topic: number }[] = [];
function placeLabels(): void {
  if (labels.length === 0) {
    const order = meta.topics.map((topic, index) => ({ topic, index })).filter(({ topic }) => topic.size > 0).sort((a, b) => b.topic.size - a.topic.size || a.index - b.index);
    labels = order.map(({ topic, index }) => {
      const element = document.createElement('span');
      element.textContent = topic.name;
      labelLayer.append(element);
      return { element, width: 0, height: 0, topic: index };
    });
    for (const label of labels) [label.width, label.height] = [label.element.offsetWidth, label.element.offsetHeight];
  }
  // The zoom buttons take their corner: no label under them.
  const frameBox = frame.getBoundingClientRect();
  const buttons = zoomControls.getBoundingClientRect();
  const placed: [number, number, number, number][] = zoomControls.hidden ? [] : [[buttons.left - frameBox.left, buttons.top - frameBox.top, buttons.right - frameBox.left, buttons.bottom - frameBox.top]];
  for (const label of labels) {
    const topic = meta.topics[label.topic];
    const [sx, sy] = toScreen(topic.x, topic.y);
    const box: [number, number, number, number] = [sx - label.width / 2, sy - label.height / 2, sx + label.width / 2, sy + label.height / 2];
    const inside = box[0] >= 2 && box[1] >= 2 && box[2] <= size.width - 2 && box[3] <= size.height - 2;
    const free = inside && placed.length < 41 && !placed.some((other) => box[0] < other[2] + 4 && other[0] < box[2] + 4 && box[1] < other[3] + 2 && other[1] < box[3] + 2);
    const faded = highlight?.kind === 'topic' && highlight.value !== topic.slug;
    label.element.hidden = !free || faded;
    if (!free || faded) continue;
    placed.push(box);
    label.element.style.transform = `translate(${Math.round(box[0])}px, ${Math.round(box[1])}px)`;
  }
}

// ---- titles: the tip and the announcement ----------------------------------------------------

let tipPoint = -1;
let tipTouch = false;
/** Show the title of a point next to it (with a link to open it after a tap), and announce it when the keyboard got there. */
async function showTitle(point: number, how: 'hover' | 'key' | 'tap'): Promise<void> {
  tipPoint = point;
  tipTouch = how === 'tap';
  if (point < 0) {
    tip.hidden = true;
    return;
  }
  let entry: [string, string];
  try {
    entry = await titleOf(point);
  } catch {
    if (tipPoint === point) statusLine.textContent = 'Titles could not be loaded: you may be offline.';
    return;
  }
  if (tipPoint !== point) return;
  const [slug, title] = entry;
  const topic = meta.topics[topicOf[point]];
  tip.replaceChildren();
  const heading = document.createElement('strong');
  heading.textContent = title;
  const topicLine = document.createElement('span');
  topicLine.className = 'topic';
  topicLine.textContent = topic?.name ?? '';
  tip.append(heading, topicLine);
  if (tipTouch) {
    const open = document.createElement('a');
    open.href = `${meta.papers}${slug}/`;
    open.textContent = 'Open this paper';
    tip.append(open);
  }
  tip.hidden = false;
  placeTip();
  if (how === 'key') announce.textContent = `${title}. ${topic?.name ?? ''}.`;
}

function placeTip(): void {
  if (tip.hidden || tipPoint < 0) return;
  const [sx, sy] = toScreen(xs[tipPoint], ys[tipPoint]);
  const [width, height] = [tip.offsetWidth, tip.offsetHeight];
  const left = Math.min(Math.max(4, sx + 12), size.width - width - 4);
  const top = sy + 16 + height < size.height ? sy + 16 : Math.max(4, sy - height - 16);
  tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}

async function openPoint(point: number): Promise<void> {
  const [slug] = await titleOf(point);
  location.href = `${meta.papers}${slug}/`;
}

// ---- the view and the address -----------------------------------------------------------------

function setView(x: number, y: number, zoom: number): void {
  view.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  view.x = Math.min(MAP_SIZE, Math.max(0, x));
  view.y = Math.min(MAP_SIZE, Math.max(0, y));
  requestDraw();
  saveState();
}

/** Zoom by `factor` keeping the data under screen spot (sx, sy) where it is. */
function zoomAt(factor: number, sx = size.width / 2, sy = size.height / 2): void {
  const [dx, dy] = toData(sx, sy);
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const k = (Math.min(size.width, size.height) / MAP_SIZE) * 0.96 * zoom;
  setView(dx - (sx - size.width / 2) / k, dy - (sy - size.height / 2) / k, zoom);
}

/** Centre the view on the first of `points` and zoom in as far as `most` while all of them stay in view. */
function fitView(points: readonly number[], most: number): void {
  const [x, y] = [xs[points[0]], ys[points[0]]];
  let reach = 0;
  for (const point of points) reach = Math.max(reach, Math.abs(xs[point] - x), Math.abs(ys[point] - y));
  // At zoom z, half the frame's shorter side spans MAP_SIZE / 2 / (0.96 z) data units; keep 15% spare.
  const fit = reach > 0 ? (MAP_SIZE / 2 / 0.96 / reach) * 0.85 : most;
  setView(x, y, Math.min(most, Math.max(MIN_ZOOM, fit)));
}

/** Show the region where most of the marked points are (all but the farthest twentieth each way). */
function fitPoints(marked: Uint8Array): void {
  const [xsIn, ysIn] = [[] as number[], [] as number[]];
  marked.forEach((on, point) => { if (on) { xsIn.push(xs[point]); ysIn.push(ys[point]); } });
  if (xsIn.length === 0) return;
  const cut = (values: number[]) => {
    values.sort((a, b) => a - b);
    const skip = Math.floor(values.length * 0.05);
    return [values[skip], values[values.length - 1 - skip]];
  };
  const [[x0, x1], [y0, y1]] = [cut(xsIn), cut(ysIn)];
  // At zoom z the frame shows width / (k1 z) by height / (k1 z) data units, k1 the zoom-1 scale.
  const k1 = (Math.min(size.width, size.height) / MAP_SIZE) * 0.96;
  const zoom = Math.min(size.width / k1 / Math.max(x1 - x0, 1), size.height / k1 / Math.max(y1 - y0, 1)) * 0.85;
  setView((x0 + x1) / 2, (y0 + y1) / 2, Math.min(16, zoom));
}

/** Keep a point in view, moving the view as little as needed. */
function reveal(point: number): void {
  const [sx, sy] = toScreen(xs[point], ys[point]);
  const margin = 40;
  if (sx >= margin && sy >= margin && sx <= size.width - margin && sy <= size.height - margin) return;
  setView(xs[point], ys[point], view.zoom);
}

let paperSlug = '';
let saveTimer = 0;
function saveState(): void {
  clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    const params = new URLSearchParams();
    if (paperSlug) params.set('paper', paperSlug);
    if (highlight?.kind === 'topic') params.set('topic', highlight.value);
    if (highlight?.kind === 'search') params.set('q', highlight.value);
    if (view.zoom > 1.001) {
      params.set('zoom', view.zoom.toFixed(2).replace(/\.?0+$/, ''));
      params.set('x', String(Math.round(view.x)));
      params.set('y', String(Math.round(view.y)));
    }
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}`);
    frame.dataset.address = query; // for tests: the address holds the view
  }, 150);
}

// ---- highlighting ------------------------------------------------------------------------------

const toggles = [...document.querySelectorAll<HTMLButtonElement>('.legend-toggle')];

function setHighlight(next: typeof highlight): void {
  highlight = next;
  for (const toggle of toggles) toggle.setAttribute('aria-pressed', String(next?.kind === 'topic' && next.value === toggle.dataset.topic));
  clearButton.hidden = next === undefined;
  if (next?.kind !== 'search') (searchForm.elements.namedItem('q') as HTMLInputElement).value = '';
  requestDraw();
  saveState();
}

function highlightTopic(slug: string): boolean {
  const index = meta.topics.findIndex((topic) => topic.slug === slug);
  if (index < 0) return false;
  const points = new Uint8Array(xs.length);
  let count = 0;
  for (let point = 0; point < xs.length; point += 1) if (topicOf[point] === index) { points[point] = 1; count += 1; }
  setHighlight({ kind: 'topic', value: slug, points, count });
  statusLine.textContent = `${meta.topics[index].name}: ${count.toLocaleString('en-US')} ${count === 1 ? 'paper' : 'papers'} highlighted.`;
  return true;
}

let searchIds: Promise<Record<string, number>> | undefined;
async function highlightSearch(query: string): Promise<void> {
  statusLine.textContent = `Searching for “${query}”…`;
  try {
    searchIds ??= fetch(`${meta.bundle}${MAP_IDS_FILE}`, { cache: 'no-cache' }).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json() as Promise<Record<string, number>>;
    });
    const [ids, engine] = await Promise.all([searchIds, loadPagefind(meta.bundle)]);
    const found = (await searchIndexes(engine, query, {}, false)).flat();
    const points = new Uint8Array(xs.length);
    let count = 0;
    for (const result of found) {
      const point = ids[result.id];
      if (point === undefined || points[point] === 1) continue;
      points[point] = 1;
      count += 1;
    }
    setHighlight({ kind: 'search', value: query, points, count });
    (searchForm.elements.namedItem('q') as HTMLInputElement).value = query;
    statusLine.textContent = count === 0 ? `No paper matches “${query}”.` : `${count.toLocaleString('en-US')} ${count === 1 ? 'paper matches' : 'papers match'} “${query}”, highlighted.`;
  } catch {
    searchIds = undefined;
    statusLine.textContent = 'The search index could not be loaded: you may be offline. Try again.';
  }
}

// ---- input ---------------------------------------------------------------------------------------

function select(point: number, how: 'key' | 'tap'): void {
  selected = point;
  if (point >= 0) reveal(point);
  requestDraw();
  void showTitle(point, how);
}

frame.addEventListener('focus', () => {
  // From the keyboard only: a click focuses the map too, and picks its own point.
  if (!ready || selected >= 0 || !frame.matches(':focus-visible')) return;
  // The paper nearest the middle of the view: where the keyboard starts.
  const point = nearestPoint(view.x, view.y, MAP_SIZE * 2);
  if (point >= 0) select(point, 'key');
});

const DIRECTIONS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
frame.addEventListener('keydown', (event) => {
  if (!ready || event.altKey || event.ctrlKey || event.metaKey) return;
  const direction = DIRECTIONS[event.key];
  if (direction && event.shiftKey) {
    const step = (Math.min(size.width, size.height) * 0.2) / scale();
    setView(view.x + direction[0] * step, view.y + direction[1] * step, view.zoom);
  } else if (direction) {
    const from = selected >= 0 ? selected : nearestPoint(view.x, view.y, MAP_SIZE * 2);
    const next = selected >= 0 ? pointToward(from, direction[0], direction[1]) : from;
    if (next >= 0) select(next, 'key');
    else announce.textContent = 'No paper further that way.';
  } else if (event.key === 'Enter' && selected >= 0) {
    void openPoint(selected);
  } else if (event.key === '+' || event.key === '=') {
    zoomAt(1.5, ...(selected >= 0 ? toScreen(xs[selected], ys[selected]) : [size.width / 2, size.height / 2]));
  } else if (event.key === '-' || event.key === '_') {
    zoomAt(1 / 1.5);
  } else if (event.key === '0' || event.key === 'Home') {
    setView(MAP_SIZE / 2, MAP_SIZE / 2, 1);
  } else if (event.key === 'Escape') {
    select(-1, 'key');
  } else {
    return;
  }
  event.preventDefault();
});

frame.addEventListener('wheel', (event) => {
  if (!ready) return;
  event.preventDefault();
  const box = frame.getBoundingClientRect();
  zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)), event.clientX - box.left, event.clientY - box.top);
}, { passive: false });

/** Pointers down on the map: one drags, two pinch. */
const pointers = new Map<number, { x: number; y: number; startX: number; startY: number; time: number }>();
let pinch: { distance: number; zoom: number } | undefined;
frame.addEventListener('pointerdown', (event) => {
  if (!ready || (event.target as HTMLElement).closest('button, a')) return;
  frame.setPointerCapture(event.pointerId);
  const box = frame.getBoundingClientRect();
  const [x, y] = [event.clientX - box.left, event.clientY - box.top];
  pointers.set(event.pointerId, { x, y, startX: x, startY: y, time: performance.now() });
  if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: view.zoom };
  }
});
frame.addEventListener('pointermove', (event) => {
  if (!ready) return;
  const box = frame.getBoundingClientRect();
  const [x, y] = [event.clientX - box.left, event.clientY - box.top];
  const pointer = pointers.get(event.pointerId);
  if (!pointer) {
    if (event.pointerType !== 'mouse') return;
    const [dx, dy] = toData(x, y);
    const point = nearestPoint(dx, dy, HIT.mouse / scale());
    if (point !== hovered) {
      hovered = point;
      frame.style.cursor = point >= 0 ? 'pointer' : '';
      requestDraw();
      if (point >= 0 || !tipTouch) void showTitle(point >= 0 ? point : selected, 'hover');
    }
    return;
  }
  const [lastX, lastY] = [pointer.x, pointer.y];
  pointer.x = x;
  pointer.y = y;
  if (pointers.size === 2 && pinch) {
    const [a, b] = [...pointers.values()];
    const distance = Math.hypot(a.x - b.x, a.y - b.y) || 1;
    zoomAt((pinch.zoom * distance) / pinch.distance / view.zoom, (a.x + b.x) / 2, (a.y + b.y) / 2);
  } else if (pointers.size === 1) {
    const k = scale();
    setView(view.x - (x - lastX) / k, view.y - (y - lastY) / k, view.zoom);
  }
});
function pointerEnd(event: PointerEvent): void {
  const pointer = pointers.get(event.pointerId);
  pointers.delete(event.pointerId);
  if (pointers.size < 2) pinch = undefined;
  if (!pointer || event.type === 'pointercancel') return;
  const moved = Math.hypot(pointer.x - pointer.startX, pointer.y - pointer.startY);
  if (moved > 6 || performance.now() - pointer.time > 600) return;
  // A click or a tap: a mouse opens the paper under it, a finger shows its title (and a link) first.
  const touch = event.pointerType !== 'mouse';
  const [dx, dy] = toData(pointer.x, pointer.y);
  const point = nearestPoint(dx, dy, (touch ? HIT.touch : HIT.mouse) / scale());
  if (point < 0) {
    select(-1, 'tap');
  } else if (touch) {
    select(point, 'tap');
  } else {
    void openPoint(point);
  }
}
frame.addEventListener('pointerup', pointerEnd);
frame.addEventListener('pointercancel', pointerEnd);
frame.addEventListener('pointerleave', (event) => {
  if (event.pointerType !== 'mouse' || hovered < 0) return;
  hovered = -1;
  requestDraw();
  if (!tipTouch) void showTitle(selected, 'hover');
});

for (const button of frame.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
  button.addEventListener('click', () => {
    if (button.dataset.zoom === 'in') zoomAt(1.5);
    else if (button.dataset.zoom === 'out') zoomAt(1 / 1.5);
    else setView(MAP_SIZE / 2, MAP_SIZE / 2, 1);
  });
}
for (const toggle of toggles) {
  toggle.addEventListener('click', () => {
    if (toggle.getAttribute('aria-pressed') === 'true') {
      setHighlight(undefined);
      statusLine.textContent = '';
    } else {
      highlightTopic(toggle.dataset.topic!);
    }
  });
}
searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = String(new FormData(searchForm).get('q') ?? '').trim();
  if (query) void highlightSearch(query);
  else setHighlight(undefined);
});
clearButton.addEventListener('click', () => {
  setHighlight(undefined);
  statusLine.textContent = '';
});

// ---- start ---------------------------------------------------------------------------------------

async function start(): Promise<void> {
  readInks();
  new ResizeObserver(() => resize()).observe(frame);
  // The theme may change (the toggle, or the system's): read the colours again.
  new MutationObserver(() => { readInks(); requestDraw(); }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { readInks(); requestDraw(); });
  try {
    await loadPoints();
  } catch (error) {
    statusLine.textContent = `The map could not be loaded (${(error as Error).message}). The topics are listed below.`;
    return;
  }
  ready = true;
  frame.querySelector('[data-map-fallback]')?.remove();
  for (const hidden of [zoomControls, ...toggles]) hidden.hidden = false;
  const params = new URLSearchParams(location.search);
  const zoom = Number(params.get('zoom'));
  const [x, y] = [Number(params.get('x')), Number(params.get('y'))];
  if (zoom > 0 && Number.isFinite(x) && Number.isFinite(y) && params.has('x')) setView(x, y, zoom);
  resize();
  performance.mark('atlas-map-drawn'); // the first points are on the canvas (npm run bench -- --map-view)
  frame.dataset.drawn = String(meta.count); // for tests: the points are on the canvas
  const topic = params.get('topic');
  const query = params.get('q');
  if (topic && !highlightTopic(topic)) statusLine.textContent = 'That topic is not on the map any more.';
  else if (topic && !params.has('x') && !params.has('paper')) fitPoints(highlight!.points);
  else if (query) await highlightSearch(query);
  const paper = params.get('paper');
  if (paper) {
    const found = await findPaper(paper).catch(() => undefined);
    if (!found) {
      statusLine.textContent = 'That paper is not on the map.';
      return;
    }
    paperSlug = paper;
    const [point, ...others] = found;
    related = others;
    if (!params.has('x')) fitView([point, ...others], zoom > 0 ? zoom : 8);
    select(point, 'tap');
    tipTouch = false;
    statusLine.textContent = others.length > 0 ? 'The paper is ringed, its related papers circled.' : 'The paper is ringed.';
  }
}

void start();
