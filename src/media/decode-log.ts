import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseShowinfoLine } from './showinfo.ts';

/** Lines of ffmpeg's output, other than frame times, kept to explain a failure. */
const KEPT_LINES = 20;

const DAMAGE = /error|corrupt|partial file|invalid/i;

/**
 * What ffmpeg writes on stderr while decoding: the presentation time of each frame it
 * outputs (showinfo), handed out in frame order, and the rest kept for error messages.
 * ffmpeg logs a frame before it writes its pixels, but the two pipes are read
 * independently, so a time may still be on its way when its frame arrives.
 */
export class DecodeLog {
  /** Lines that reported damaged data, and the first of them. */
  damage = { count: 0, first: '' };

  private readonly times: number[] = [];
  private readonly lastLines: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  /** `path` is the decoded file, left out when looking for damage: its name may say "error". */
  constructor(
    stderr: Readable,
    private readonly path: string,
  ) {
    const lines = createInterface({ input: stderr, crlfDelay: Infinity });
    lines.on('line', (line) => this.add(line));
    lines.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** The time of frame `index`, or undefined when ffmpeg ended without logging it. */
  async timeOf(index: number): Promise<number | undefined> {
    while (this.times.length <= index && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.times[index];
  }

  /** The last lines ffmpeg wrote that were not frame times. */
  tail(): string {
    return this.lastLines.join('\n');
  }

  private add(line: string): void {
    const frame = parseShowinfoLine(line);
    if (frame) {
      this.times.push(frame.t);
      this.notify();
      return;
    }
    if (line.includes('Parsed_showinfo')) return;
    if (DAMAGE.test(line.replaceAll(this.path, ''))) {
      if (this.damage.count === 0) this.damage.first = line;
      this.damage.count += 1;
    }
    this.lastLines.push(line);
    if (this.lastLines.length > KEPT_LINES) this.lastLines.shift();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
