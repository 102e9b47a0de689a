import type { Command } from 'commander';
import type { VideoRecord } from '../../catalog/catalog.ts';
import { Library } from '../../library/library.ts';

export function registerVideos(program: Command): void {
  program
    .command('videos')
    .description('List the videos of the library with their status, duration and tracks.')
    .option('--json', 'print the list as JSON')
    .option('--data <dir>', 'data directory (default: $GLIMPSE_DATA, then the user data directory)')
    .action(async (options: { json?: boolean; data?: string }) => {
      const library = await Library.open({ dataDir: options.data });
      try {
        const videos = await library.listVideos();
        process.stdout.write(options.json ? `${JSON.stringify(videos, null, 2)}\n` : table(videos));
      } finally {
        await library.close();
      }
    });
}

function table(videos: VideoRecord[]): string {
  if (videos.length === 0)
    return 'No videos yet: add some with `glimpse ingest <files or folders>`.\n';
  const rows = videos.map((video) => [
    video.id.slice(0, 12),
    video.status,
    video.facts ? `${video.facts.duration.toFixed(1)} s` : '-',
    String(video.trackCount),
    video.status === 'failed' ? `${video.path} (${firstLine(video.error)})` : video.path,
  ]);
  const all = [['ID', 'STATUS', 'DURATION', 'TRACKS', 'PATH'], ...rows];
  const widths = all[0].map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const lines = all.map((row) =>
    row
      .map((cell, column) =>
        column === 2 || column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

function firstLine(text: string | null): string {
  return (text ?? 'unknown error').split('\n')[0];
}
