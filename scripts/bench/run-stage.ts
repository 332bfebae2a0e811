/**
 * Run one build step as a child process and measure it: wall time, the moments its output
 * names (so one process can be split into stages), and peak memory of the whole process tree
 * (Pagefind's Node API runs a native binary as a child; its memory counts too).
 */
import { spawn } from 'node:child_process';
import { treeRss } from '../build/tree-rss.ts';
import { stripVTControlCharacters } from 'node:util';

/** What a step took. */
export interface StepResult {
  /** Seconds from start to exit. */
  seconds: number;
  /** Seconds from start to the first output line matching each marker. */
  marks: Record<string, number>;
  /** Peak resident memory of the process and its descendants together, in bytes (sampled every 50 ms). */
  peakBytes: number;
  output: string;
}

/** Run `command args` in `cwd`; resolves when it exits, rejects with its output when it fails. */
export function runStep(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; markers?: Record<string, RegExp> }): Promise<StepResult> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const marks: Record<string, number> = {};
    let output = '';
    let peakBytes = 0;
    const sample = () => { if (child.pid) peakBytes = Math.max(peakBytes, treeRss(child.pid)); };
    const sampler = setInterval(sample, 50);
    let pending = '';
    const onData = (chunk: Buffer) => {
      const now = (performance.now() - started) / 1000;
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.map(stripVTControlCharacters)) { // colours are on where CI is set
        for (const [name, pattern] of Object.entries(options.markers ?? {})) if (!(name in marks) && pattern.test(line)) marks[name] = now;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => { clearInterval(sampler); reject(error); });
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${options.cwd}:\n${output}`));
      else resolvePromise({ seconds, marks, peakBytes, output });
    });
  });
}
