import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { reportFacts } from '../../scripts/build/build-events.ts';
import { writeIfChanged } from '../../scripts/build/write-if-changed.ts';

/** The file src/pages/atlas-bibtex-files.json.ts renders: every `.bib` file of the site. */
const BUNDLE = 'atlas-bibtex-files.json';

/** The `.bib` files the last build wrote or found as they should be (absolute paths), for keep-dist. */
export const bibtexOutputs = new Set<string>();

/**
 * Writes `/papers/<slug>.bib` for every pair of /atlas-bibtex-files.json, then deletes that
 * file. One file rendered and split here instead of one endpoint per `.bib`: Astro's work per
 * route (request, response, logging, two file writes) took 8 s for 10,000 `.bib` files. A
 * file whose content is already right is left as it is, so an incremental build rewrites
 * only the entries that changed. Must come before keepDist() in the integrations.
 */
export function bibtexFiles(): AstroIntegration {
  return {
    name: 'abstract-atlas:bibtex-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const bundle = join(root, BUNDLE);
        bibtexOutputs.clear();
        if (!existsSync(bundle)) {
          logger.warn(`${BUNDLE} was not built (src/pages/${BUNDLE}.ts): no .bib files written`);
          return;
        }
        const files = JSON.parse(readFileSync(bundle, 'utf8')) as [slug: string, bibtex: string][];
        rmSync(bundle);
        let written = 0;
        for (const [slug, bibtex] of files) {
          const file = join(root, 'papers', `${slug}.bib`);
          bibtexOutputs.add(file);
          if (writeIfChanged(file, bibtex)) written += 1;
        }
        logger.info(`${files.length} .bib files in papers/: ${written} written, ${files.length - written} unchanged`);
        reportFacts({ bibFiles: files.length, bibWritten: written });
      },
    },
  };
}
