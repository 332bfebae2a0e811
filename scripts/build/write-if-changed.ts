import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Write a file only when its content differs, so file times (and the caches and incremental
 * steps that trust them) stay valid; returns whether it wrote. Used by the ingest and by the
 * build's `.bib` writer.
 */
export function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return true;
}
