/**
 * What a build step tells `npm run build` (scripts/build.ts), which runs each step as a child
 * process with an IPC channel: progress for its bar, the step's one status line, and the
 * messages it found, so that the build can group them by rule. Run on its own (`npm run
 * ingest`, `astro build`), a step has no channel and these do nothing; it prints as always.
 */

/** A message about the input: a rule, where, and what to do. */
export interface BuildMessage {
  severity: 'error' | 'warning' | 'notice';
  ruleId: string;
  /** `file:line:column` or another place, when there is one. */
  where?: string;
  reason: string;
}

/**
 * What a step did, as numbers and names (records read per file, pages rendered, how the search
 * index was built): the build report's `steps[].facts` (.cache/atlas/build-report.json), for
 * programs and tests to read instead of the wording of the log. A step may send several; they merge.
 */
export type BuildFacts = Record<string, unknown>;

export type BuildEvent =
  | { type: 'progress'; phase: string; done: number; total?: number }
  | { type: 'summary'; text: string }
  | { type: 'output-digest'; digest: string }
  | { type: 'facts'; facts: BuildFacts }
  | { type: 'messages'; messages: BuildMessage[] };

function send(event: BuildEvent): void {
  if (typeof process.send === 'function' && process.connected) process.send(event);
}

let lastProgress = 0;

/** Progress of a phase; sent at most every 100 ms, and always at its start and end. */
export function reportProgress(phase: string, done: number, total?: number): void {
  const now = performance.now();
  if (done !== 0 && done !== total && now - lastProgress < 100) return;
  lastProgress = now;
  send({ type: 'progress', phase, done, total });
}

/** The step's status line: what it did, in a sentence. */
export function reportSummary(text: string): void {
  send({ type: 'summary', text });
}

/** The digest of dist/ as the step left it (scripts/build/dist-digest.ts), from the last step, which lists every file anyway. */
export function reportOutputDigest(digest: string): void {
  send({ type: 'output-digest', digest });
}

/** What the step did, for the machine-readable report. */
export function reportFacts(facts: BuildFacts): void {
  send({ type: 'facts', facts });
}

/** Messages about the input, sent in batches. */
export function reportMessages(messages: readonly BuildMessage[]): void {
  for (let start = 0; start < messages.length; start += 1000) send({ type: 'messages', messages: messages.slice(start, start + 1000) });
}
