import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinaryProblem } from './postgres.js';

// As root (CI, npm start here) the server runs as the unprivileged `postgres` user.
describe.runIf(process.getuid?.() === 0)('postgresBinaryProblem', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'tw-pgbin-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function fakeBinary(privateMode: number): { binary: string; privateDir: string } {
    const privateDir = mkdtempSync(path.join(base, 'checkout-'));
    const binDir = path.join(privateDir, 'node_modules', 'pg', 'bin');
    mkdirSync(binDir, { recursive: true });
    writeFileSync(path.join(binDir, 'postgres'), '');
    chmodSync(base, 0o755);
    chmodSync(privateDir, privateMode);
    return { binary: path.join(binDir, 'postgres'), privateDir };
  }

  it('names the folder others cannot traverse, and the fix', () => {
    const { binary, privateDir } = fakeBinary(0o700);
    const problem = postgresBinaryProblem(binary);
    expect(problem).toContain(`${privateDir} (mode 0700) is not traversable by other users`);
    expect(problem).toContain(`chmod o+x ${privateDir}`);
    expect(problem).toContain('DATABASE_URL');
  });

  it('is null when every folder above the binaries is traversable', () => {
    const { binary } = fakeBinary(0o711);
    expect(postgresBinaryProblem(binary)).toBeNull();
  });

  it('is null for the binaries this checkout uses (else npm test could not run here)', () => {
    expect(postgresBinaryProblem()).toBeNull();
  });
});
