/** The parts of citation.js the readers use (its packages ship no type declarations). */
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** Parse input through the registered formats, e.g. `{ forceType: '@ris/file' }`, into CSL-JSON items. */
      chain(input: unknown, options?: { forceType?: string; generateGraph?: boolean }): unknown;
    };
  };
}

declare module '@citation-js/plugin-ris';

declare module '@citation-js/name' {
  /** Split a personal name ("Juan de la Fuente") into CSL name parts. */
  export function parse(name: string): Record<string, string | undefined>;
}
