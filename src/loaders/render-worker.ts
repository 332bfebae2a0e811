/**
 * A worker thread of the render pool: renders paper files with renderPaperToFile, which writes
 * each abstract to its file, and posts back what the content store keeps. Runs as plain Node
 * (type stripping), outside Vite.
 */
import { parentPort } from 'node:worker_threads';
import { renderPaperToFile } from './render-paper.ts';

parentPort?.on('message', (job: { id: number; source: string; abstractFile: string }) => {
  try {
    parentPort?.postMessage({ id: job.id, result: renderPaperToFile(job.source, job.abstractFile) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message });
  }
});
