import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { listFiles } from './files.ts';

/** The frontmatter of every `content/papers/<slug>.mdx` of a project folder, by slug. */
export function readPapers<T>(projectDir: string): Map<string, T> {
  const dir = join(projectDir, 'content', 'papers');
  return new Map(
    listFiles(dir).map((file) => [
      file.replace(/\.mdx$/, ''),
      parseYaml(readFileSync(join(dir, file), 'utf8').split('\n---\n')[0].replace(/^---\n/, '')) as T,
    ]),
  );
}
