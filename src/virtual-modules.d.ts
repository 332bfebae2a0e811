declare module 'virtual:atlas/config' {
  /** The atlas's options as `atlas({ … })` in astro.config.mjs gave them, defaults filled in (src/integrations/atlas.ts). */
  const config: import('./schemas/atlas-config.ts').AtlasConfig;
  export default config;
}
