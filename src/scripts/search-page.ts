/**
 * The search page: Pagefind's JS API behind a plain GET form. The URL holds the whole state
 * (`?q=pruning&topic=…&year=…&listing=…&author=…&subject=…&sort=newest`), so a search can be linked, bookmarked
 * and restored with the back button. Result text comes from the index as escaped text with
 * `<mark>` around hits; it is turned into DOM text nodes, never parsed as markup.
 * The index may come in several parts, the main index (itself in parts past 10 MB of text) and
 * a recent one (scripts/index-search.ts), searched through one Pagefind runtime.
 */
import { SORTS, sortKey, type SortName } from '../lib/search-sort.ts';
import { MergedResults, type ResultData } from './search-results.ts';
import { loadPagefind, searchIndexes } from './pagefind-engine.ts';

/** The fields the URL carries, in the order they are written. */
const FIELDS = ['q', 'topic', 'year', 'listing', 'author', 'subject', 'sort'] as const;
type State = Record<(typeof FIELDS)[number], string>;
/** Results shown at first and added by "Show more". */
const PAGE = 20;

const form = document.querySelector<HTMLFormElement>('[data-search-form]')!;
const statusLine = document.querySelector<HTMLElement>('[data-search-status]')!;
const list = document.querySelector<HTMLOListElement>('[data-search-results]')!;
const more = document.querySelector<HTMLButtonElement>('[data-search-more]')!;
const bundle = form.dataset.bundle!;

function readForm(): State {
  const data = new FormData(form);
  return Object.fromEntries(FIELDS.map((field) => [field, String(data.get(field) ?? '').trim()])) as State;
}

function readUrl(): State {
  const params = new URLSearchParams(location.search);
  return Object.fromEntries(FIELDS.map((field) => [field, (params.get(field) ?? '').trim()])) as State;
}

function fillForm(state: State): void {
  for (const field of FIELDS) {
    const control = form.elements.namedItem(field) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) continue;
    // An unknown value in a link (a topic since renamed) falls back to "all".
    control.value = state[field];
    if (control instanceof HTMLSelectElement && control.value !== state[field]) control.value = '';
  }
}

function urlOf(state: State): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (state[field]) params.set(field, state[field]);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

/** `text <mark>hit</mark> text` from the index, as DOM: marks become <mark>, everything else text. */
function excerptNodes(excerpt: string): Node[] {
  // A <textarea> parses its content as text (RCDATA): entities decode, tags stay text, nothing runs.
  const decoder = document.createElement('textarea');
  const decode = (html: string) => {
    decoder.innerHTML = html;
    return decoder.value;
  };
  return excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).filter(Boolean).map((part) => {
    const hit = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
    if (!hit) return document.createTextNode(decode(part));
    const mark = document.createElement('mark');
    mark.textContent = decode(hit[1]);
    return mark;
  });
}

function renderResult(data: ResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement('p');
  meta.className = 'result-meta';
  const date = document.createElement(data.meta.published ? 'time' : 'span');
  if (data.meta.published) date.setAttribute('datetime', data.meta.published);
  date.textContent = data.meta.date ?? 'Undated';
  meta.append(date);
  if (data.meta.authors) meta.append(` · ${data.meta.authors}`);
  if (data.meta.topics) meta.append(` · ${data.meta.topics}`);
  const excerpt = document.createElement('p');
  excerpt.className = 'result-excerpt';
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

let generation = 0;
let pending: MergedResults | undefined;

async function showMore(): Promise<void> {
  if (!pending) return;
  const results = pending;
  const current = generation;
  const data = await results.take(PAGE);
  if (current !== generation) return;
  list.append(...data.map(renderResult));
  more.hidden = results.remaining === 0;
}

async function run(state: State): Promise<void> {
  const current = ++generation;
  const filters = Object.fromEntries((['topic', 'year', 'listing', 'author', 'subject'] as const).filter((field) => state[field]).map((field) => [field, state[field]]));
  if (!state.q && Object.keys(filters).length === 0) {
    pending = undefined;
    list.replaceChildren();
    more.hidden = true;
    statusLine.textContent = 'Type a word or choose a topic, year, listing, author or subject.';
    return;
  }
  statusLine.textContent = 'Searching…';
  try {
    const sort = state.sort in SORTS ? (state.sort as SortName) : undefined;
    // By relevance, the indexes' results are merged by score; by date, each index is asked in
    // turn and the sorted lists are merged by date.
    const lists = await searchIndexes(await loadPagefind(bundle), state.q || null, { filters, sort: sort ? { [sort]: SORTS[sort].direction } : undefined }, sort !== undefined);
    if (current !== generation) return;
    pending = new MergedResults(lists, sort ? { key: (data) => sortKey(sort, data.meta.published), direction: SORTS[sort].direction } : undefined);
    const count = pending.total;
    list.replaceChildren();
    await showMore();
    if (current !== generation) return;
    const what = state.q ? `for “${state.q}”` : 'in this selection';
    statusLine.textContent = count === 0 ? `No papers ${what}. Try fewer words or remove a filter.` : `${count} ${count === 1 ? 'paper' : 'papers'} ${what}.`;
  } catch (error) {
    if (current !== generation) return;
    statusLine.textContent = import.meta.env.DEV
      ? 'Search could not load: the dev server searches the index of the last `npm run build`. Run it once (again after adding papers), then search here.'
      : 'Search could not load. If you are offline, open this page once while online to keep it available.';
    console.error(error);
  }
}

let typing: ReturnType<typeof setTimeout> | undefined;
function update(mode: 'push' | 'replace'): void {
  const state = readForm();
  const url = urlOf(state);
  if (url !== `${location.pathname}${location.search}`) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
  void run(state);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  update('push');
});
form.addEventListener('input', (event) => {
  if ((event.target as HTMLElement).matches('input[type="search"]')) {
    clearTimeout(typing);
    typing = setTimeout(() => update('replace'), 250);
  }
});
form.addEventListener('change', (event) => {
  if ((event.target as HTMLElement).matches('select')) update('push');
});
more.addEventListener('click', () => void showMore());
window.addEventListener('popstate', () => {
  const state = readUrl();
  fillForm(state);
  void run(state);
});

const initial = readUrl();
fillForm(initial);
form.dataset.ready = 'true';
void run(initial);
