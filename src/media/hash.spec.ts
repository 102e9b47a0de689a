import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/fixtures/videos.ts';
import { isGlimpseError } from '../errors.ts';
import { hashFile } from './hash.ts';

describe(hashFile.name, () => {
  it('should give the sha256 of the file bytes', async () => {
    // From the shared data manifest.
    const hash = await hashFile(sharedData('video', 'opencv_vtest.avi'));

    expect(hash).toBe('45cddc9490be69345cbdab64ca583be65987e864ca408038e648db99e10516cf');
  });

  it('should give the same hash every time', async () => {
    const path = sharedData('video', 'intel_classroom.gif');

    expect(await hashFile(path)).toBe(await hashFile(path));
  });

  it('should fail with an error naming a missing file', async () => {
    const path = sharedData('video', 'missing.mp4');

    const error = await hashFile(path).catch((caught) => caught);

    expect(isGlimpseError(error)).toBe(true);
    expect(error.message).toContain(path);
  });
});
