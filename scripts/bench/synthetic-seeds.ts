/**
 * Synthetic dumps for the benchmark: N papers made from the seed abstracts, written in the
 * seed formats (copied Daily Papers listings, and `Abstract:` lines every fourth dump).
 * Seeded, so the same N always gives the same dumps, byte for byte.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../seeded-random.ts';

/** Papers per dump: a month of a busy daily listing. */
export const PAPERS_PER_DUMP = 500;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Words for title prefixes: 24 × 24 × 24 = 13,824 distinct prefixes, so titles (and slugs) differ like real ones do.
const ADJECTIVES = ['Sparse', 'Robust', 'Scalable', 'Adaptive', 'Causal', 'Efficient', 'Hierarchical', 'Implicit', 'Latent', 'Modular', 'Neural', 'Probabilistic', 'Recurrent', 'Self-Supervised', 'Structured', 'Unified', 'Contrastive', 'Federated', 'Geometric', 'Multimodal', 'Online', 'Quantized', 'Stochastic', 'Variational'];
const NOUNS = ['Attention', 'Diffusion', 'Graphs', 'Kernels', 'Transformers', 'Embeddings', 'Priors', 'Flows', 'Agents', 'Experts', 'Tokens', 'Retrieval', 'Memory', 'Pruning', 'Distillation', 'Alignment', 'Sampling', 'Curricula', 'Ensembles', 'Features', 'Policies', 'Rewards', 'Sketches', 'Adapters'];
const QUALIFIERS = ['at Scale', 'Revisited', 'in the Wild', 'without Labels', 'for Long Contexts', 'under Shift', 'with Guarantees', 'on a Budget', 'from Scratch', 'in Practice', 'for Edge Devices', 'beyond Benchmarks', 'with Noisy Data', 'in Few Shots', 'across Domains', 'for Science', 'at Test Time', 'made Simple', 'by Design', 'in Theory', 'for Robotics', 'for Code', 'for Speech', 'for Vision'];

/** The seeds' titled papers and abstracts, read from a seeds folder. */
function readSeedText(seeds: string): { titles: string[]; abstracts: string[] } {
  const lines = readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort().flatMap((name) => readFileSync(join(seeds, name), 'utf8').split('\n'));
  const abstracts = lines.filter((line) => line.length >= 200).map((line) => line.replace(/^Abstract:/, ''));
  const titles = lines.filter((line, index) => line.length > 20 && line.length < 200 && (lines[index + 2] ?? '').length >= 200);
  return { titles, abstracts };
}

/** One synthetic paper's text: a fresh title and an abstract of shuffled seed sentences. */
interface SyntheticPaper {
  title: string;
  abstract: string;
  date: string;
  authors: number;
}

function makePapers(count: number, seeds: string): SyntheticPaper[] {
  const { titles, abstracts } = readSeedText(seeds);
  const next = seededRandom(count * 7919 + 17);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, index) => {
    const prefix = `${ADJECTIVES[index % 24]} ${NOUNS[Math.floor(index / 24) % 24]} ${QUALIFIERS[Math.floor(index / 576) % 24]}`;
    const round = Math.floor(index / 13_824); // past 13,824 papers prefixes repeat: number the round
    const title = `${prefix}${round > 0 ? ` ${round + 1}` : ''}: ${pick(titles).split(/[:?]/)[0].trim()}`;
    const sentences = `${pick(abstracts)} ${pick(abstracts)}`.split(/(?<=\.) (?=[A-Z])/);
    for (let i = sentences.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
    }
    const date = `${pick(MONTHS)} ${1 + Math.floor(next() * 28)}, ${2019 + Math.floor(next() * 7)}`;
    return { title, abstract: sentences.slice(0, 6 + Math.floor(next() * 5)).join(' '), date, authors: 1 + Math.floor(next() * 12) };
  });
}

/** A copied Daily Papers listing: chrome lines, then title / abstract / metadata blocks. */
function listingDump(papers: SyntheticPaper[]): string {
  const blocks = ['new', '', 'Get trending papers in your email inbox!', '', 'Subscribe', '', 'Daily Papers', '', 'byAK and the research community', ''];
  for (const paper of papers) blocks.push(paper.title, '', paper.abstract, '', `  • ${paper.authors} authors`, '·', paper.date, '');
  return blocks.join('\n');
}

/** A dump of `Abstract:` lines: no titles, no dates (titles are derived from the text). */
function abstractLinesDump(papers: SyntheticPaper[]): string {
  return papers.map((paper) => `Abstract:${paper.abstract}`).join('\n') + '\n';
}

/** The file name of synthetic dump number `index`. */
export function dumpName(index: number): string {
  return `synthetic-${String(index).padStart(3, '0')}.txt`;
}

/**
 * Write `count` synthetic papers into `dir` as dumps of PAPERS_PER_DUMP papers each, made
 * from the seeds in `seeds`. Returns the dump file names.
 */
export function writeSyntheticSeeds(dir: string, count: number, seeds = 'seeds'): string[] {
  const papers = makePapers(count, seeds);
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let file = 0; file * PAPERS_PER_DUMP < count; file += 1) {
    const slice = papers.slice(file * PAPERS_PER_DUMP, (file + 1) * PAPERS_PER_DUMP);
    names.push(dumpName(file));
    writeFileSync(join(dir, dumpName(file)), file % 4 === 3 ? abstractLinesDump(slice) : listingDump(slice));
  }
  return names;
}

/**
 * Change one copied-listing dump the way a day's work does: correct one abstract and append
 * a new paper. Returns the changed dump's name.
 */
export function changeOneDump(dir: string, name: string): string {
  const path = join(dir, name);
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.length >= 200);
  lines[at] = lines[at].replace(/\.$/, ' (corrected).');
  const extra: SyntheticPaper = { title: 'A Paper Added to One Dump: Incremental Builds', abstract: 'We add one paper to one dump and rebuild. Only what changed should be done again, while every other page comes from the cache.', date: 'Nov 22, 2026', authors: 3 };
  writeFileSync(path, `${lines.join('\n').replace(/\n*$/, '\n')}\n${listingDump([extra]).split('\n').slice(10).join('\n')}`);
  return name;
}

/**
 * Write one day's listing: `count` new papers (titles none of the first `existing` papers
 * has), dated `date`, as a new copied-listing dump. Returns its name.
 */
export function writeDayDump(dir: string, existing: number, count: number, seeds = 'seeds', date = 'Dec 2, 2026'): string {
  const papers = makePapers(existing + count, seeds).slice(existing).map((paper) => ({ ...paper, date }));
  const name = `day-${date.replace(/\W+/g, '-').toLowerCase()}.txt`;
  writeFileSync(join(dir, name), listingDump(papers));
  return name;
}
