import { execFileSync } from 'node:child_process';

export { copyProject, ROOT } from '../../scripts/project-copy.ts';

/** Run `npm run build [-- args]` in a folder; returns its output, throws with it on failure. */
export function buildIn(dir: string, env: Record<string, string> = {}, args: string[] = []): string {
  try {
    return execFileSync('npm', ['run', 'build', '--silent', ...(args.length > 0 ? ['--', ...args] : [])], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}
