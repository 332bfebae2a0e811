import type { SlugResult } from './assign-slugs.ts';
import type { Merge } from './dedupe.ts';
import { clip, formatMessage, quote, sortMessages } from './messages.ts';
import type { Message, PaperDraft, ParsedFile } from './types.ts';
import type { WriteResult } from './write.ts';

/** Everything the summary reports on. */
export interface ReportInput {
  files: readonly ParsedFile[];
  papers: readonly PaperDraft[];
  merges: readonly Merge[];
  write: WriteResult;
  /** What happened to slugs: new, moved after a title correction, removed from every dump. */
  slugs: Pick<SlugResult, 'added' | 'moved' | 'removed' | 'newlyRemoved'>;
  /** Places each normalize repair changed, by rule id (counted per record read). */
  repairs: ReadonlyMap<string, number>;
  messages: readonly Message[];
}

/** Counts that must add up: every record read is on a page, merged or rejected. */
export function countRecords(input: Pick<ReportInput, 'files' | 'papers' | 'merges'>) {
  const read = input.files.reduce((sum, file) => sum + file.records.length + file.rejected, 0);
  const rejected = input.files.reduce((sum, file) => sum + file.rejected, 0);
  const onPages = input.papers.length;
  const merged = input.merges.length;
  return { read, rejected, onPages, merged, balanced: read === onPages + merged + rejected };
}

/**
 * The ingest as numbers and names, for programs (the build report's `steps[].facts`, and
 * `.cache/atlas/ingest-report.json`): what `formatReport` says in sentences, with every message.
 */
export function ingestFacts(input: ReportInput) {
  const counts = countRecords(input);
  return {
    records: { read: counts.read, onPages: counts.onPages, merged: counts.merged, rejected: counts.rejected },
    files: input.files.map((file) => ({ file: file.file, format: file.format, encoding: file.encoding ?? 'utf-8', records: file.records.length + file.rejected, rejected: file.rejected })),
    papers: { written: input.write.written.length, unchanged: input.write.unchanged, removed: input.write.removed.length },
    permalinks: { added: input.slugs.added, moved: input.slugs.moved.map(({ from, to }) => ({ from, to })), newlyRemoved: input.slugs.newlyRemoved, removed: input.slugs.removed.length },
    merges: input.merges.map(({ kept, merged }) => ({ merged: `${merged.raw.file}:${merged.raw.line}`, into: `${kept.raw.file}:${kept.raw.line}` })),
    repairs: Object.fromEntries([...input.repairs].sort(([a], [b]) => (a < b ? -1 : 1))),
    messages: sortMessages(input.messages).map(({ file, line, column, severity, ruleId, reason }) => ({ where: `${file}:${line}:${column}`, severity, ruleId, reason })),
  };
}

export type IngestFacts = ReturnType<typeof ingestFacts>;

/** The ingest summary as lines of text: per-file counts, totals, merges, then every message. */
export function formatReport(input: ReportInput): string[] {
  const counts = countRecords(input);
  const lines: string[] = [];
  lines.push(`Read ${counts.read} records from ${input.files.length} dumps:`);
  for (const file of input.files) {
    const rejected = file.rejected > 0 ? `, ${file.rejected} rejected` : '';
    const encoding = file.encoding && file.encoding !== 'utf-8' ? ` (${file.encoding})` : '';
    lines.push(`  ${file.file}  ${file.format}${encoding}  ${file.records.length + file.rejected} records${rejected}`);
  }
  lines.push(
    `Wrote ${counts.onPages} papers (${input.write.written.length} changed, ${input.write.unchanged} unchanged, ${input.write.removed.length} removed).`,
  );
  const { added, moved, removed, newlyRemoved } = input.slugs;
  lines.push(
    `Permalinks: ${added.length} new, ${moved.length} moved, ${newlyRemoved.length} newly removed; ${removed.length} removed papers keep a notice at their URL.`,
  );
  for (const move of moved) lines.push(`  moved    ${move.from} → ${move.to}  (title now ${quote(move.title)}; the old URL redirects)`);
  for (const slug of newlyRemoved) lines.push(`  removed  ${slug}  (no dump lists it any more; its URL now says so)`);
  lines.push(`Merged ${counts.merged} duplicates:`);
  for (const { paper, kept, merged } of input.merges) {
    lines.push(`  ${merged.raw.file}:${merged.raw.line} into ${kept.raw.file}:${kept.raw.line}  ${clip(paper.primary.title)}`);
  }
  lines.push(`Rejected ${counts.rejected} records.`);
  const repairs = [...input.repairs].sort(([a], [b]) => (a < b ? -1 : 1));
  const total = repairs.reduce((sum, [, count]) => sum + count, 0);
  lines.push(`Repaired ${total} places of LaTeX residue${repairs.length > 0 ? ':' : '.'}`);
  if (repairs.length > 0) lines.push(`  ${repairs.map(([id, count]) => `${id} ${count}`).join(', ')}`);
  const math = input.messages.filter((message) => message.ruleId === 'math-error');
  if (math.length > 0) {
    const byMacro = [...undefinedMacros(math)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    lines.push(`${math.length} formulas KaTeX cannot render (shown as their source)${byMacro.length > 0 ? `; unknown macros: ${byMacro.map(([name, count]) => `${name} ${count}`).join(', ')}. Declare them in atlas({ katexMacros: { '\\\\name': '…' } }) in astro.config.mjs` : ''}.`);
  }
  const sorted = sortMessages(input.messages);
  const errors = sorted.filter((message) => message.severity === 'error').length;
  lines.push(`${sorted.length - errors} warnings, ${errors} errors.`);
  for (const message of sorted) lines.push(formatMessage(message));
  return lines;
}

/** KaTeX's failures by the macro it did not know ("Undefined control sequence: \\Msun"), counted. */
export function undefinedMacros(messages: readonly Message[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const name = /Undefined control sequence: (\\(?:[A-Za-z]+|.))/.exec(message.reason)?.[1];
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
