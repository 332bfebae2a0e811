/**
 * Add lockfile entries for platform binaries that the npm registry reachable here does not
 * serve (for example `@pagefind/darwin-arm64`). npm leaves such optional dependencies out of
 * package-lock.json, and `npm ci` then refuses the lockfile as out of sync. Each entry names
 * the package's platform, so npm skips it on every other platform and fetches it by name on
 * its own. Run after `npm install` changes the lockfile: node scripts/complete-lockfile.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  optional?: boolean;
  dev?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

/** Platform of a binary package, read from the usual `-<os>-<cpu>[-<libc>]` name suffix. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | undefined {
  const match = /[-/](android|darwin|freebsd|linux|win32|windows|wasm32)-?(arm64|x64|ia32|arm|wasi)?(?:-(gnu|musl|msvc|eabi))?$/.exec(name);
  if (!match) return undefined;
  const [, os, cpu, libc] = match;
  if (os === 'wasm32') return { cpu: ['wasm32'] };
  const platform: Pick<LockEntry, 'os' | 'cpu' | 'libc'> = { os: [os === 'windows' ? 'win32' : os], cpu: [cpu ?? 'x64'] };
  if (libc === 'gnu') platform.libc = ['glibc'];
  if (libc === 'musl') platform.libc = ['musl'];
  return platform;
}

function run(): number {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path}/node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      const platform = platformOf(name);
      if (lock.packages[hoisted] || lock.packages[nested] || !platform) continue;
      lock.packages[hoisted] = { version, ...platform, optional: true, ...(entry.dev ? { dev: true } : {}) };
      added.push(`${name}@${version}`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync('package-lock.json', `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
  console.log(added.length > 0 ? `Added ${added.length} platform entries: ${added.join(', ')}` : 'Lockfile already complete.');
  return 0;
}

if (import.meta.main) process.exitCode = run();
