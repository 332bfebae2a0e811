import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AtlasConfigError, CONFIG_FILE, INTEGRATION_NAME, resolveOptions, writtenOptions } from '../lib/atlas-config.ts';
import type { AtlasConfig, AtlasOptions } from '../schemas/atlas-config.ts';

/** The module pages import the options from (src/virtual-modules.d.ts types it). */
const VIRTUAL = 'virtual:atlas/config';
const RESOLVED = `\0${VIRTUAL}`;

/**
 * The atlas's options, in one place: `atlas({ title, description, language, katexMacros, search,
 * offline })` in astro.config.mjs (src/schemas/atlas-config.ts says what each means). A wrong
 * option stops the build with where it is and how to fix it. Pages read the options from
 * `virtual:atlas/config`; the build's other processes read the same call (src/lib/atlas-config.ts).
 */
export function atlas(options: AtlasOptions = {}): AstroIntegration & { options: AtlasOptions } {
  let config: AtlasConfig | undefined;
  return {
    name: INTEGRATION_NAME,
    options,
    hooks: {
      'astro:config:setup': ({ config: astroConfig, updateConfig }) => {
        try {
          config = resolveOptions(options);
        } catch (error) {
          if (!(error instanceof AtlasConfigError)) throw error;
          // Say where: the same options as written, with their lines.
          let written: ReturnType<typeof writtenOptions>;
          try {
            written = writtenOptions(readFileSync(fileURLToPath(new URL(CONFIG_FILE, astroConfig.root)), 'utf8'));
          } catch {
            written = undefined;
          }
          if (!written) throw error;
          resolveOptions(written.options, written.lines, written.line);
          throw error;
        }
        const source = `export default ${JSON.stringify(config)};`;
        updateConfig({
          vite: {
            plugins: [{
              name: 'abstract-atlas:config',
              resolveId: (id: string) => (id === VIRTUAL ? RESOLVED : undefined),
              load: (id: string) => (id === RESOLVED ? source : undefined),
            }, katexWoff2Only()],
          },
        });
      },
    },
  };
}

/**
 * KaTeX's stylesheet offers each font as WOFF2, WOFF and TrueType; every browser the site supports
 * takes the first, so the other two are never fetched but were 40 files and 0.9 MB in every site.
 * Its @font-face rules keep WOFF2 alone.
 */
function katexWoff2Only() {
  return {
    name: 'abstract-atlas:katex-woff2',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(?:\.min)?\.css(?:\?|$)/.test(id)) return undefined;
      return code.replace(/,\s*url\([^)]+\.woff\)\s*format\("woff"\)|,\s*url\([^)]+\.ttf\)\s*format\("truetype"\)/g, '');
    },
  };
}
