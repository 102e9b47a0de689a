import { Command } from 'commander';
import { isGlimpseError } from '../errors.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerDelete } from './commands/delete.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerModels } from './commands/models.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { registerVideos } from './commands/videos.ts';

const program = new Command('glimpse')
  .description('Find every moment a person appears across your videos, on this machine.')
  .showHelpAfterError();

for (const register of [
  registerModels,
  registerAnalyze,
  registerIngest,
  registerVideos,
  registerDelete,
  registerSearch,
  registerServe,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isGlimpseError(error)) {
    process.stderr.write(`glimpse: ${error.describe()}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
