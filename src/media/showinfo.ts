const SHOWINFO_FRAME = /^\[Parsed_showinfo_\d+ @ [^\]]+\] n:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+)/;

export interface ShowinfoFrame {
  /** Position of the frame among those the filter saw, from 0. */
  n: number;
  /** Presentation time in seconds, NaN when the frame had none. */
  t: number;
}

/** The frame a showinfo log line describes, or undefined for any other line. */
export function parseShowinfoLine(line: string): ShowinfoFrame | undefined {
  const match = SHOWINFO_FRAME.exec(line);
  if (!match) return undefined;
  return { n: Number(match[1]), t: Number(match[2]) };
}
