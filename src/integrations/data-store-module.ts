import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DATA_STORE_FILE, DATA_STORE_MODULE, DATA_STORE_PREFIX as PREFIX, DATA_STORE_SUFFIX as SUFFIX } from './astro-internals.ts';

/** Characters per string literal, at least: V8 scans one of a megabyte in about a millisecond. */
const PIECE = 1 << 20;

/**
 * Astro bundles its content store as one module, `export default JSON.parse("…")`: the whole
 * store (77 MB at 100,000 papers) in one string literal, which Vite bundles and the build then
 * compiles. Both grow worse than the store: bundling it took the site step from 2.3 to 3.6 GB
 * for five seconds at 100,000 papers, and V8 compiles a string literal in time that grows with
 * the square of its length (0.2 s for the 7.7 MB of 10,000 papers, 16 s for 40 MB, 37–53 s
 * for 77 MB).
 *
 * - In a build, the module reads the same file Astro's module was made from, when it runs: the
 *   store is never in the bundle, and it is the same string, parsed the same way. The module
 *   stays marked as content data, so pages' code hashes (incremental builds) do not see it.
 * - In the dev server, where Astro reloads the module when the store changes, its literal is cut
 *   into literals of 1 MB joined when it runs, which V8 compiles in linear time.
 *
 * Should Astro write the module otherwise, it is left as Astro wrote it.
 */
export function dataStoreModule(): AstroIntegration {
  return {
    name: 'abstract-atlas:data-store-module',
    hooks: {
      'astro:config:setup': ({ updateConfig, command, config }) => {
        const storeFile = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'abstract-atlas:data-store-module',
                transform(code: string, id: string) {
                  if (id !== DATA_STORE_MODULE) return null;
                  const rewritten = command === 'build' ? readStoreAtRunTime(code, storeFile) : splitStoreModule(code);
                  return rewritten === undefined ? null : { code: rewritten, map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
    },
  };
}

/** Is this Astro's store module, one JSON string literal as JSON.stringify writes it (no unescaped quote inside)? */
function storeLiteral(code: string): string | undefined {
  if (!code.startsWith(`${PREFIX}"`) || !code.endsWith(`"${SUFFIX}`)) return undefined;
  const inner = code.slice(PREFIX.length + 1, -SUFFIX.length - 1);
  return /(^|[^\\])(\\\\)*"/.test(inner) ? undefined : inner;
}

/** The store module reading `storeFile` when it runs; undefined when the module is not of the expected form. */
export function readStoreAtRunTime(code: string, storeFile: string): string | undefined {
  if (storeLiteral(code) === undefined) return undefined;
  return `import { readFileSync } from 'node:fs';\n${PREFIX}readFileSync(${JSON.stringify(storeFile)}, 'utf8')${SUFFIX};\n`;
}

/**
 * The store module with its one string literal cut into pieces joined at run time; undefined when
 * the module is not of the expected form or small. The literal is cut as it stands, without
 * parsing it (a second copy of the store): only just before a comma, which no escape sequence of
 * a JSON string contains, so each piece is a whole literal.
 */
export function splitStoreModule(code: string): string | undefined {
  const inner = storeLiteral(code);
  if (inner === undefined || inner.length <= PIECE) return undefined;
  const pieces: string[] = [];
  let start = 0;
  while (start < inner.length) {
    const comma = inner.indexOf(',', start + PIECE);
    const end = comma === -1 ? inner.length : comma;
    pieces.push(`"${inner.slice(start, end)}"`);
    start = end;
  }
  return `${PREFIX}[\n${pieces.join(',\n')}\n].join(""))`;
}
