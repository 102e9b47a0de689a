import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { GlimpseError } from '../errors.ts';

export type FfmpegTool = 'ffmpeg' | 'ffprobe';

export type ToolProcess = ChildProcessByStdio<null, Readable, Readable>;

export interface ToolResult {
  /** Exit code, or null when the process was ended by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Starts ffmpeg or ffprobe with stdin closed; the caller reads stdout and stderr. */
export function spawnTool(tool: FfmpegTool, args: string[]): ToolProcess {
  return spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the exit code when the process has ended and its pipes are closed. */
export function waitForExit(child: ToolProcess, tool: FfmpegTool): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(toolStartError(tool, error)));
    child.once('close', (code) => resolve(code));
  });
}

/** Runs ffmpeg or ffprobe to the end and collects what it wrote. */
export async function runTool(
  tool: FfmpegTool,
  args: string[],
  options: { signal?: AbortSignal } = {},
): Promise<ToolResult> {
  options.signal?.throwIfAborted();
  const child = spawnTool(tool, args);
  const exited = waitForExit(child, tool);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

  const kill = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', kill, { once: true });
  try {
    const code = await exited;
    options.signal?.throwIfAborted();
    return { code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString() };
  } finally {
    options.signal?.removeEventListener('abort', kill);
  }
}

/**
 * The last few meaningful lines ffmpeg wrote, to quote in an error message, without the
 * "[demuxer @ 0x…]" and "path:" prefixes that mean nothing to a user.
 */
export function stderrTail(
  stderr: string,
  options: { lines?: number; path?: string } = {},
): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('[Parsed_showinfo'))
    .map((line) => line.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, ''))
    .map((line) =>
      options.path && line.startsWith(`${options.path}: `)
        ? line.slice(options.path.length + 2)
        : line,
    )
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(-(options.lines ?? 3))
    .join('; ');
}

function toolStartError(tool: FfmpegTool, error: Error): Error {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  return new GlimpseError(`${tool} was not found on this machine.`, {
    code: 'FFMPEG_MISSING',
    hint: 'Install ffmpeg (it provides ffprobe too), e.g. `apt install ffmpeg`, and try again.',
    cause: error,
  });
}
