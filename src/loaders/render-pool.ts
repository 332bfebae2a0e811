import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderAbstract } from '../lib/render-abstract.ts';

type Rendered = ReturnType<typeof renderAbstract>;

/** Below this many bodies, starting threads (each loads KaTeX and unified) costs more than it saves. */
const MIN_FOR_THREADS = 400;

/**
 * Render many paper bodies spread over the machine's cores: one worker thread per core (4 at
 * most), each fed one body at a time. Results come back in the order of `bodies`, whatever
 * order the threads finish in, so the output never depends on timing. A few bodies are
 * rendered here, on this thread. A body that fails rejects with an error whose `index` names it.
 */
export async function renderAll(bodies: readonly string[]): Promise<Rendered[]> {
  const threads = Math.min(4, availableParallelism());
  if (bodies.length < MIN_FOR_THREADS || threads < 2) {
    return bodies.map((body, index) => {
      try {
        return renderAbstract(body);
      } catch (error) {
        throw Object.assign(error as Error, { index });
      }
    });
  }
  const results: Rendered[] = new Array(bodies.length);
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./render-worker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= bodies.length) return resolve();
              const id = next++;
              worker.postMessage({ id, body: bodies[id] });
            };
            worker.on('message', (message: { id: number; result?: Rendered; error?: string }) => {
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
