import type { Command } from 'commander';
import type { IngestSummary } from '../../library/ingest-events.ts';
import { Library } from '../../library/library.ts';
import { IngestProgress } from '../ingest-progress.ts';
import { parsePositiveInteger, parsePositiveNumber } from '../options.ts';

interface IngestOptions {
  jobs?: number;
  fps?: number;
  data?: string;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Analyse videos into the library, several at once (folders are searched).')
    .argument('[paths...]', 'video files or folders; none resumes the queued videos')
    .option(
      '-j, --jobs <n>',
      'videos analysed in parallel (default: what this machine can take)',
      parsePositiveInteger,
    )
    .option('--fps <n>', 'frames sampled per second of video (default: 5)', parsePositiveNumber)
    .option('--data <dir>', 'data directory (default: $GLIMPSE_DATA, then the user data directory)')
    .action(async (paths: string[], options: IngestOptions) => {
      const summary = await ingest(paths, options);
      process.stdout.write(describeSummary(summary));
      if (summary.failed > 0) process.exitCode = 1;
    });
}

async function ingest(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const { jobs, fps } = options;
  const library = await Library.open({ dataDir: options.data });
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  const progress = new IngestProgress(process.stdout);
  try {
    await library.enqueue(paths);
    progress.start((await library.jobs.counts()).queued);
    library.events.on('job', (event) => progress.update(event));
    const summary = await library.processQueue({
      jobs,
      fps,
      signal: stop.signal,
      workerLogLevel: progress.interactive ? 'warn' : undefined,
    });
    if (stop.signal.aborted) {
      const { queued } = await library.jobs.counts();
      process.stderr.write(
        `Stopped: ${queued} videos wait in the queue; \`glimpse ingest\` resumes.\n`,
      );
      process.exitCode = 130;
    }
    return summary;
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
    await library.close();
  }
}

function describeSummary(summary: IngestSummary): string {
  const lines = [
    `Analysed ${plural(summary.done, 'video')} (${summary.videoSeconds.toFixed(1)} s of video in ` +
      `${summary.wallSeconds.toFixed(1)} s), skipped ${summary.skipped} already analysed, ` +
      `${summary.failed} failed.`,
  ];
  for (const outcome of summary.outcomes.filter((o) => o.state === 'failed'))
    lines.push(`  failed: ${outcome.path}\n    ${(outcome.reason ?? '').replace(/\n/g, '\n    ')}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
