import type { APIRoute } from 'astro';
import { buildId } from '../lib/build-id.ts';

/**
 * `/build.json`: the id of the build the server holds. The offline worker (sw.js) is written
 * for one build and keeps a page fetched after its install only while the server still holds
 * that build, so a reader never mixes pages of two builds. (Pages do not carry the id
 * themselves: a page whose content did not change is left as the previous build wrote it.)
 */
export const GET: APIRoute = () => {
  return new Response(`${JSON.stringify({ build: buildId() })}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
