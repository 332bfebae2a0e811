import { makeSharedBuilds, removeSharedBuilds } from './shared-builds.ts';

/** `npm test`'s global setup: the builds several test files start from, once (tests/helpers/shared-builds.ts). */
let folders: Record<string, string[]> = {};

export async function globalSetup(): Promise<void> {
  folders = await makeSharedBuilds();
}

export function globalTeardown(): void {
  removeSharedBuilds(folders);
}
