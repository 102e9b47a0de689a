import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The team's shared footage and photos (../shared/data), as set by vitest.config.ts. */
export function sharedData(...parts: string[]): string {
  const root = process.env.GLIMPSE_SHARED_DATA;
  if (!root) throw new Error('GLIMPSE_SHARED_DATA is not set: run the tests through vitest');
  return join(root, ...parts);
}

/** Rows of a tab-separated file with a header line, skipping `#` comment lines. */
export function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines.map((line) => line.split('\t'));
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}
