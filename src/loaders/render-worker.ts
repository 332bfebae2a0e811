/**
 * A worker thread of the render pool: reads paper files with renderPaperFile and posts the
 * results back. Runs as plain Node (type stripping), outside Vite.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { configureMacros } from '../lib/tex-macros.ts';
import { renderPaperFile } from './render-paper.ts';

configureMacros((workerData as { macros?: Record<string, string> } | null)?.macros ?? {}); // katexMacros in atlas({ … })

parentPort?.on('message', (job: { id: number; source: string }) => {
  try {
    parentPort?.postMessage({ id: job.id, result: renderPaperFile(job.source) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: (error as Error).message });
  }
});
