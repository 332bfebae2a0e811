import type { AstroIntegration } from 'astro';

/** Astro's module holding the content store, once resolved (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
const PREFIX = 'export default JSON.parse(';
const SUFFIX = ')';
/** Characters per string literal: V8 scans one of a megabyte in about a millisecond. */
const PIECE = 1 << 20;

/**
 * Astro bundles its content store as one module, `export default JSON.parse("…")`, the whole
 * store in one string literal. V8 takes time that grows with the square of a literal's length to
 * compile it: 0.2 s for the 7.7 MB store of 10,000 papers, 16 s for 40 MB, 37–53 s for the 77 MB
 * of 100,000 papers, before the first page renders. The same string given as literals of 1 MB
 * joined at run time compiles in 2–4 s. So the module is rewritten to that; the store it
 * yields is the same string, parsed the same way. Should Astro write the module otherwise, it
 * is left as Astro wrote it.
 */
export function splitDataStore(): AstroIntegration {
  return {
    name: 'abstract-atlas:split-data-store',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'abstract-atlas:split-data-store',
                transform(code: string, id: string) {
                  if (id !== DATA_STORE_MODULE) return null;
                  const split = splitStoreModule(code);
                  return split === undefined ? null : { code: split, map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
    },
  };
}

/** The store module with its one string literal cut into pieces joined at run time; undefined when the module is not of the expected form. */
export function splitStoreModule(code: string): string | undefined {
  if (!code.startsWith(PREFIX) || !code.endsWith(SUFFIX)) return undefined;
  let text: unknown;
  try {
    text = JSON.parse(code.slice(PREFIX.length, -SUFFIX.length));
  } catch {
    return undefined;
  }
  if (typeof text !== 'string' || text.length <= PIECE) return undefined;
  // A cut may fall inside a surrogate pair: JSON.stringify writes each half as an escape, and
  // joining the pieces puts the pair back together.
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += PIECE) pieces.push(JSON.stringify(text.slice(start, start + PIECE)));
  return `${PREFIX}[\n${pieces.join(',\n')}\n].join(""))`;
}
