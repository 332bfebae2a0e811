import assert from 'node:assert/strict';
import { test } from 'node:test';
import { platformOf } from './complete-lockfile.ts';

test('should read the platform from binary package names', () => {
  assert.deepEqual(platformOf('@pagefind/darwin-arm64'), { os: ['darwin'], cpu: ['arm64'] });
  assert.deepEqual(platformOf('@pagefind/windows-x64'), { os: ['win32'], cpu: ['x64'] });
  assert.deepEqual(platformOf('@astrojs/compiler-binding-linux-arm64-musl'), { os: ['linux'], cpu: ['arm64'], libc: ['musl'] });
  assert.deepEqual(platformOf('@astrojs/compiler-binding-wasm32-wasi'), { cpu: ['wasm32'] });
  assert.equal(platformOf('katex'), undefined);
});
