import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderPaperFile, type RenderedPaper } from './render-paper.ts';
import { configureMacros } from '../lib/tex-macros.ts';

/** Below this many files, starting threads (each loads KaTeX and unified) costs more than it saves. */
const MIN_FOR_THREADS = 400;

/**
 * Read and render many paper files spread over the machine's cores: one worker thread per core
 * (4 at most), each fed one file at a time. Each result goes through `keep` as it arrives (which
 * may store its bulk elsewhere and return what is to be held); what `keep` returned comes back
 * in the order of `sources`, whatever order the threads finish in, so the output never depends
 * on timing. A few files are rendered here, on this thread. A file that fails rejects with an
 * error whose `index` names it.
 */
export async function renderAll<Kept>(sources: readonly string[], keep: (index: number, rendered: RenderedPaper) => Kept, progress: (done: number) => void = () => {}, macros: Readonly<Record<string, string>> = {}): Promise<Kept[]> {
  configureMacros(macros);
  const threads = Math.min(4, availableParallelism());
  if (sources.length < MIN_FOR_THREADS || threads < 2) {
    return sources.map((source, index) => {
      let rendered: RenderedPaper;
      try {
        rendered = renderPaperFile(source);
      } catch (error) {
        throw Object.assign(error as Error, { index });
      }
      const kept = keep(index, rendered);
      progress(index + 1);
      return kept;
    });
  }
  const results: Kept[] = new Array(sources.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./render-worker.ts', import.meta.url), { workerData: { macros } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= sources.length) return resolve();
              const id = next++;
              worker.postMessage({ id, source: sources[id] });
            };
            worker.on('message', (message: { id: number; result?: RenderedPaper; error?: string }) => {
              if (message.error !== undefined) return reject(Object.assign(new Error(message.error), { index: message.id }));
              try {
                results[message.id] = keep(message.id, message.result!);
              } catch (error) {
                return reject(error);
              }
              progress((done += 1));
              feed();
            });
            worker.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
