import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import cliProgress from 'cli-progress';
import type { BuildFacts, BuildMessage } from './build-events.ts';

/** Messages shown per rule; the report file has them all. */
export const SHOWN_PER_RULE = 5;
/** How often a progress line is printed when the output is not a terminal (CI logs). */
const NOT_TTY_EVERY_MS = 10_000;

/** One step as the report records it. */
export interface StepRecord {
  name: string;
  seconds: number;
  ok: boolean;
  summary?: string;
  /** Peak resident memory of the step's processes together, sampled every 250 ms. */
  peakMB?: number;
  /** What the step did, as it reported it (scripts/build/build-events.ts: reportFacts). */
  facts?: BuildFacts;
}

/** `.cache/atlas/build-report.json`: the build for programs (the `.txt` beside it is for people). */
export interface BuildReport {
  /** Whether every step succeeded. */
  ok: boolean;
  /** True when nothing had changed since the last build, so no step ran. */
  upToDate: boolean;
  steps: StepRecord[];
  /** Seconds per stage, for the bench. */
  stages: Record<string, number>;
  /** Every message of every step, in the order they came. */
  messages: BuildMessage[];
}

const number = (value: number) => value.toLocaleString('en-US');

/**
 * What `npm run build` prints, and the report it leaves: per step a start line, a live progress
 * bar (cli-progress) on a terminal or a progress line every 10 s elsewhere, then one status line,
 * then that step's messages grouped by rule (a count and the first five). Everything the steps
 * printed, and every message, goes to the report file; `verbose` prints it as it comes.
 */
export class BuildLog {
  readonly #out: NodeJS.WriteStream;
  readonly #verbose: boolean;
  readonly #reportPath: string;
  readonly #tty: boolean;
  #bar: cliProgress.SingleBar | undefined;
  #state: { phase: string; done: number; total?: number } = { phase: '', done: 0 };
  #timer: NodeJS.Timeout | undefined;
  #stepStarted = 0;
  #stepMessages: BuildMessage[] = [];
  #stepOutput: string[] = [];
  readonly #messages: BuildMessage[] = [];
  readonly #output: string[] = [];
  readonly #steps: StepRecord[] = [];
  readonly #stages: Record<string, number> = {};
  #printed = 0;

  constructor(options: { reportPath: string; verbose?: boolean; out?: NodeJS.WriteStream }) {
    this.#out = options.out ?? process.stdout;
    this.#verbose = options.verbose ?? false;
    this.#reportPath = options.reportPath;
    this.#tty = this.#out.isTTY === true;
  }

  get verbose(): boolean {
    return this.#verbose;
  }

  /** Whether the running (or last) step reported an error message. */
  get stepHadErrors(): boolean {
    return this.#stepMessages.some((message) => message.severity === 'error');
  }

  /** What the running (or last) step printed. */
  get stepOutput(): readonly string[] {
    return this.#stepOutput;
  }

  /** Lines printed so far (progress lines included). */
  get printed(): number {
    return this.#printed;
  }

  /** Print a line (above the bar, when one is shown). */
  line(text = ''): void {
    const bar = this.#bar;
    if (bar && this.#tty) {
      // Clear the bar's line, print, draw the bar again below.
      this.#out.write('\r\x1b[2K');
      this.#write(`${text}\n`);
      bar.render();
      return;
    }
    this.#write(`${text}\n`);
  }

  #write(text: string): void {
    this.#printed += text.split('\n').length - 1;
    this.#out.write(text);
  }

  /** A step starts: its line, then its bar. */
  startStep(index: number, count: number, name: string): void {
    this.line(`\n▶ ${index}/${count} ${name}`);
    this.#stepMessages = [];
    this.#stepOutput = [];
    this.#stepStarted = Date.now();
    this.#output.push(`\n== ${name} ==`);
    if (this.#verbose) return;
    this.#state = { phase: 'starting', done: 0 };
    // Not on a terminal, a step shorter than the progress interval prints no progress line.
    if (this.#tty) this.#startBar(name);
    else this.#timer = setTimeout(() => this.#startBar(name), NOT_TTY_EVERY_MS);
  }

  #startBar(name: string): void {
    this.#timer = undefined;
    const bar = new cliProgress.SingleBar({
      format: (_options, params, payload: { phase: string; known: boolean }) => {
        const elapsed = `${Math.round((Date.now() - this.#stepStarted) / 1000)} s`;
        if (!payload.known) return `  ${name}: ${payload.phase}${params.value > 0 ? ` ${number(params.value)}` : ''}… ${elapsed}`;
        const width = 24;
        const filled = Math.round(Math.min(1, params.progress) * width);
        const bar = this.#tty ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ` : '';
        return `  ${name}: ${payload.phase} ${bar}${number(params.value)}/${number(params.total)} ${elapsed}`;
      },
      hideCursor: this.#tty,
      clearOnComplete: true,
      noTTYOutput: true,
      notTTYSchedule: NOT_TTY_EVERY_MS,
      stream: this.#out,
      linewrap: false,
      gracefulExit: true,
    });
    // Count what cli-progress prints as whole lines (not on a terminal).
    if (!this.#tty) bar.on('redraw-post', () => { this.#printed += 1; });
    const { phase, done, total } = this.#state;
    this.#bar = bar;
    bar.start(total ?? 0, done, { phase, known: total !== undefined && total > 0 });
  }

  /** Progress of the running step. */
  progress(phase: string, done: number, total?: number): void {
    this.#state = { phase, done, total };
    const bar = this.#bar;
    if (!bar) return;
    if ((total ?? 0) !== bar.getTotal()) bar.setTotal(total ?? 0);
    bar.update(done, { phase, known: total !== undefined && total > 0 });
  }

  /** Raw output of a step: kept for the report, printed only with `--verbose`. */
  output(text: string): void {
    this.#output.push(text);
    this.#stepOutput.push(text);
    if (this.#verbose) this.line(text);
  }

  /** Messages a step found: grouped under its status line, all of them in the report. */
  messages(messages: readonly BuildMessage[]): void {
    this.#stepMessages.push(...messages);
    this.#messages.push(...messages);
  }

  /** How long a stage of the build took (for the bench: the report's `stages`). */
  stage(name: string, seconds: number): void {
    this.#stages[name] = Math.round(seconds * 1000) / 1000;
  }

  /** A step ends: its bar goes, its status line and its grouped messages are printed. */
  endStep(record: StepRecord): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#bar?.stop();
    this.#bar = undefined;
    this.#steps.push(record);
    const mark = record.ok ? '✓' : '✗';
    this.line(`${mark} ${record.name} in ${record.seconds.toFixed(1)} s${record.summary ? `: ${record.summary}` : ''}`);
    if (!this.#verbose) for (const text of groupMessages(this.#stepMessages)) this.line(text);
  }

  /** Write the report: every message and everything the steps printed; returns its path. */
  writeReport(header: string, upToDate = false): string {
    const lines = [header, '', ...this.#steps.map((step) => `${step.ok ? '✓' : '✗'} ${step.name} in ${step.seconds.toFixed(1)} s, peak ${step.peakMB ?? '?'} MB${step.summary ? `: ${step.summary}` : ''}`)];
    lines.push('', `Messages (${number(this.#messages.length)}):`, ...this.#messages.map(formatBuildMessage));
    lines.push('', 'Output of each step:', ...this.#output);
    mkdirSync(dirname(this.#reportPath), { recursive: true });
    writeFileSync(this.#reportPath, `${lines.join('\n')}\n`);
    const json: BuildReport = { ok: this.#steps.every((step) => step.ok), upToDate, steps: this.#steps, stages: this.#stages, messages: this.#messages };
    writeFileSync(this.#reportPath.replace(/\.txt$/, '.json'), `${JSON.stringify(json, null, 1)}\n`);
    return this.#reportPath;
  }
}

export function formatBuildMessage(message: BuildMessage): string {
  return `${message.where ? `${message.where}  ` : ''}${message.severity}  ${message.reason}  ${message.ruleId}`;
}

/**
 * Messages grouped by rule, errors first, then warnings, then notices (merges, moved
 * permalinks): per rule a count, then the first SHOWN_PER_RULE in reading order.
 */
export function groupMessages(messages: readonly BuildMessage[]): string[] {
  if (messages.length === 0) return [];
  const order = { error: 0, warning: 1, notice: 2 } as const;
  const groups = new Map<string, BuildMessage[]>();
  for (const message of messages) {
    const key = `${order[message.severity]}\t${message.ruleId}`;
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  }
  const lines: string[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const { severity, ruleId } = group[0];
    const noun = severity === 'notice' ? '' : ` ${severity}${group.length === 1 ? '' : 's'}`; // notices: merges, moved and removed papers
    lines.push(`  ${ruleId}: ${number(group.length)}${noun}`);
    for (const message of group.slice(0, SHOWN_PER_RULE)) lines.push(`    ${message.where ? `${message.where}  ` : ''}${message.reason}`);
    if (group.length > SHOWN_PER_RULE) lines.push(`    … and ${number(group.length - SHOWN_PER_RULE)} more in the report`);
  }
  return lines;
}
