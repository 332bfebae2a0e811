import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderPaperToFile, type StoredPaper } from './render-paper.ts';

/** Below this many files, starting threads (each loads KaTeX and unified) costs more than it saves. */
const MIN_FOR_THREADS = 400;

/** A paper file to render: its source, and the file its abstract goes to. */
export interface RenderJob {
  source: string;
  abstractFile: string;
}

/**
 * Render many paper files spread over the machine's cores: one worker thread per core
 * (4 at most), each fed one file at a time, each writing the abstracts it renders to their
 * files. Results come back in the order of `jobs`, whatever order the threads finish in, so
 * the output never depends on timing. A few files are rendered here, on this thread. A file
 * that fails rejects with an error whose `index` names it.
 */
export async function renderAll(jobs: readonly RenderJob[]): Promise<StoredPaper[]> {
  const threads = Math.min(4, availableParallelism());
  if (jobs.length < MIN_FOR_THREADS || threads < 2) {
    return jobs.map((job, index) => {
      try {
        return renderPaperToFile(job.source, job.abstractFile);
      } catch (error) {
        throw Object.assign(error as Error, { index });
      }
    });
  }
  const results: StoredPaper[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./render-worker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              worker.postMessage({ id, source: jobs[id].source, abstractFile: jobs[id].abstractFile });
            };
            worker.on('message', (message: { id: number; result?: StoredPaper; error?: string }) => {
              if (message.error !== undefined) return reject(Object.assign(new Error(message.error), { index: message.id }));
              results[message.id] = message.result!;
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
