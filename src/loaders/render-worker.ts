/**
 * A worker thread of the render pool: renders paper bodies with renderAbstract and posts the
 * results back. Runs as plain Node (type stripping), outside Vite.
 */
import { parentPort } from 'node:worker_threads';
import { renderAbstract } from '../lib/render-abstract.ts';

parentPort?.on('message', (job: { id: number; body: string }) => {
  try {
    parentPort?.postMessage({ id: job.id, result: renderAbstract(job.body) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message });
  }
});
