// What scripts/service-worker.ts writes above the worker's source (sw.js) for each build.

/** The id of the build this worker caches (dist/build.json). */
declare const BUILD: string;
/** The paths, from the site's base, the worker caches at install. */
declare const PRECACHE: readonly string[];
