import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { Analyzer } from '../../analysis/analyzer.ts';
import { analysisToJson } from '../../analysis/result-json.ts';
import type { AnalysisResult } from '../../analysis/result.ts';
import { probeVideo } from '../../media/probe.ts';
import { parsePositiveNumber } from '../options.ts';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Analyse one video and print its people tracks (nothing is stored)')
    .argument('<video>', 'video file')
    .option('--json', 'print the video facts and every track as JSON')
    .option('--fps <n>', 'frames analysed per second of video', parsePositiveNumber)
    .action(async (video: string, options: { json?: boolean; fps?: number }) => {
      const path = resolve(video);
      // Fails fast on a file that is not a video, before the models are loaded.
      const { duration } = await probeVideo(path);
      const analyzer = await Analyzer.load({ fps: options.fps });
      try {
        const result = options.json
          ? await analyzer.analyze(path)
          : await analyzeWithProgressBar(analyzer, path, duration);
        process.stdout.write(
          options.json ? `${JSON.stringify(analysisToJson(result), null, 2)}\n` : summary(result),
        );
      } finally {
        await analyzer.close();
      }
    });
}

async function analyzeWithProgressBar(
  analyzer: Analyzer,
  path: string,
  duration: number,
): Promise<AnalysisResult> {
  const bar = new SingleBar(
    { format: '{bar} {percentage}% | {seconds}/{length} s of video | {stage}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(1, 0, { stage: 'probe', seconds: 0, length: Math.round(duration) });
  try {
    return await analyzer.analyze(path, {
      onProgress: (progress) => {
        const seconds = Math.round(progress.videoSeconds);
        bar.update(progress.fraction, { stage: progress.stage, seconds });
      },
    });
  } finally {
    bar.stop();
  }
}

function summary(result: AnalysisResult): string {
  const { facts } = result;
  const lines = [
    `${result.path}`,
    `  ${facts.width}x${facts.height}, ${facts.fps.toFixed(2)} fps, ${facts.duration.toFixed(1)} s` +
      (facts.rotation ? `, rotated ${facts.rotation}°` : ''),
    `  ${result.tracks.length} tracks (analysed at ${result.analysisFps} frames per second)`,
  ];
  for (const track of result.tracks) {
    const faces = track.faces.length ? `, ${track.faces.length} faces` : '';
    lines.push(
      `  track ${track.id}: ${track.start.toFixed(1)}–${track.end.toFixed(1)} s, ` +
        `${track.detections.length} detections${faces}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
