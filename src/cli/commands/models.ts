import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { modelCacheDir, modelStatuses, type ModelStatus } from '../../vision/models/locate.ts';
import { MODELS } from '../../vision/models/manifest.ts';
import { pullModels, type PullProgress, type PullResult } from '../../vision/models/pull.ts';

const PULL_HELP = `
Models are looked for in $GLIMPSE_MODELS first, then in the user cache. Set
GLIMPSE_MODELS_URL_BASE to download every file as <base>/<file name> from a mirror instead
of its source. Offline, put each file, named as \`glimpse models\` lists it, in one of those
directories.`;

export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('List the models Glimpse uses and whether each is on this machine.')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }) => {
      const statuses = await modelStatuses();
      process.stdout.write(options.json ? toJson(statuses) : statusTable(statuses));
    });

  models
    .command('pull')
    .description(`Download missing models into ${modelCacheDir()} and verify their checksums.`)
    .argument('[ids...]', 'models to download (default: the default model of every task)')
    .option('--all', 'download the alternative models too')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', PULL_HELP)
    .action(async (ids: string[], options: { all?: boolean; json?: boolean }) => {
      const chosen = options.all ? MODELS.map((model) => model.id) : ids;
      const results = await pullWithProgress(chosen);
      process.stdout.write(options.json ? toJson(results.map(pullJson)) : pullSummary(results));
      if (results.some((result) => result.status === 'failed')) process.exitCode = 1;
    });
}

function statusTable(statuses: ModelStatus[]): string {
  const rows = statuses.map((s) => [
    s.id,
    s.task,
    s.status,
    s.licence,
    s.isDefault ? 'default' : 'alternative',
  ]);
  const table = formatTable([['ID', 'TASK', 'STATUS', 'LICENCE', 'ROLE'], ...rows]);
  const absent = statuses.filter((s) => s.status !== 'present' && s.isDefault).length;
  const advice = absent
    ? `\n${absent} default model(s) not ready: run \`glimpse models pull\`.\n`
    : '';
  return table + advice;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

async function pullWithProgress(ids: string[]): Promise<PullResult[]> {
  const bars = new cliProgress.MultiBar(
    { format: '{id} [{bar}] {percentage}% {value}/{total} bytes', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = new Map<string, cliProgress.SingleBar>();
  const onProgress = ({ id, received, total }: PullProgress) => {
    const bar = started.get(id) ?? bars.create(total, 0, { id });
    started.set(id, bar);
    bar.update(received, { id });
  };

  try {
    return await pullModels({ ids, onProgress });
  } finally {
    bars.stop();
  }
}

function pullSummary(results: PullResult[]): string {
  const count = (status: PullResult['status']) => results.filter((r) => r.status === status);
  const failed = count('failed');
  const lines = [
    `${count('downloaded').length} downloaded, ${count('present').length} already present, ` +
      `${failed.length} failed.`,
    ...failed.map((result) => `\n${result.id}: ${result.error?.describe() ?? 'failed'}`),
  ];
  return `${lines.join('\n')}\n`;
}

function pullJson(result: PullResult): object {
  const { error, ...rest } = result;
  return error ? { ...rest, error: { message: error.message, hint: error.hint } } : rest;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
