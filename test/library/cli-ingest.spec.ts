import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const glimpse = resolve('bin/glimpse.js');

describe('glimpse ingest options', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-cli-ingest-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['--jobs', '0', 'positive whole number'],
    ['--jobs', '1.5', 'positive whole number'],
    ['--fps', 'fast', 'positive number'],
  ])('should refuse %s %s before opening the library, naming the option', (option, value, want) => {
    const dataDir = join(dir, 'data');
    const result = spawnSync(
      process.execPath,
      [glimpse, 'ingest', option, value, '--data', dataDir, dir],
      { encoding: 'utf8' },
    );

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(option);
    expect(result.stderr).toContain(want);
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(dataDir)).toBe(false);
  });
});
