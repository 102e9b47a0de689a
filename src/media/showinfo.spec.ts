import { describe, expect, it } from 'vitest';
import { parseShowinfoLine } from './showinfo.ts';

// Lines captured from Debian's ffmpeg 5.1.
const FRAME_LINE =
  '[Parsed_showinfo_3 @ 0x55f895784c00] n:   0 pts:  19200 pts_time:1.5     pos:    13442 fmt:rgb24 sar:1/1 s:160x120 i:P iskey:1 type:I ';
const GIF_LINE =
  '[Parsed_showinfo_0 @ 0x564ff7d34f80] n:  12 pts:    117 pts_time:1.17    pos:   408823 fmt:bgra sar:0/1 s:480x270 i:P iskey:0 type:P ';

describe(parseShowinfoLine.name, () => {
  it('should read the frame number and presentation time', () => {
    expect(parseShowinfoLine(FRAME_LINE)).toEqual({ n: 0, t: 1.5 });
    expect(parseShowinfoLine(GIF_LINE)).toEqual({ n: 12, t: 1.17 });
  });

  it('should ignore the configuration and side data lines showinfo also writes', () => {
    const others = [
      '[Parsed_showinfo_3 @ 0x55f895784c00] config in time_base: 1/12800, frame_rate: 25/1',
      '[Parsed_showinfo_3 @ 0x55f895784c00]   side data - User Data Unregistered:',
      '[Parsed_showinfo_3 @ 0x55f895784c00] color_range:pc color_space:gbr color_primaries:unknown',
      '[h264 @ 0x55972c2b7bc0] Invalid NAL unit size (1098 > 26).',
    ];

    expect(others.map(parseShowinfoLine)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('should give NaN for a frame without a time', () => {
    const line = '[Parsed_showinfo_1 @ 0x5600] n:   3 pts:NOPTS pts_time:NOPTS pos: -1 fmt:rgb24';

    expect(parseShowinfoLine(line)?.t).toBeNaN();
  });
});
