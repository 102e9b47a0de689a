import { describe, expect, it } from 'vitest';
import { HttpError } from './error-body.ts';
import { checkVideoName, safeFileName } from './upload-intake.ts';

describe(safeFileName.name, () => {
  it('should keep an ordinary name as it is', () => {
    expect(safeFileName('Garden party 2024 (1).MP4')).toBe('Garden party 2024 (1).MP4');
  });

  it('should drop folders, so a name cannot leave the video folder', () => {
    expect(safeFileName('../../etc/passwd.mp4')).toBe('passwd.mp4');
    expect(safeFileName('C:\\Users\\ana\\beach.mov')).toBe('beach.mov');
  });

  it('should replace characters that are unsafe in file names and drop control characters', () => {
    expect(safeFileName('a<b>:c|d?.mp4')).toBe('a_b__c_d_.mp4');
    expect(safeFileName('tab\there.mp4')).toBe('tabhere.mp4');
  });

  it('should name a file with nothing left "video"', () => {
    expect(safeFileName('..')).toBe('video');
    expect(safeFileName('')).toBe('video');
  });
});

describe(checkVideoName.name, () => {
  it('should accept video extensions in any case', () => {
    expect(() => checkVideoName('clip.MOV')).not.toThrow();
    expect(() => checkVideoName('walk.webm')).not.toThrow();
  });

  it('should refuse other files with a 415 naming the file and the accepted extensions', () => {
    try {
      checkVideoName('notes.txt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).statusCode).toBe(415);
      expect((error as HttpError).message).toContain('notes.txt');
      expect((error as HttpError).hint).toContain('.mp4');
    }
  });
});
