import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every abstract an abstracts store holds (src/lib/abstract-files.ts), read straight from its index and data file. */
export function storedAbstracts(indexPath: string): Map<string, { html: string; text: string; excerpt: string }> {
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { data: string; entries: Record<string, [number, number]> };
  const data = readFileSync(join(dirname(indexPath), index.data));
  return new Map(Object.entries(index.entries).map(([digest, [offset, length]]) => {
    const [html, text, excerpt] = JSON.parse(data.subarray(offset, offset + length).toString('utf8')) as [string, string, string];
    return [digest, { html, text, excerpt }];
  }));
}
