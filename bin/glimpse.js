#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step to forget.
import { register } from 'tsx/esm/api';

// A command's own output is for people; operational logs are for the server. Analysis
// workers inherit the environment, so this holds for them too.
if (process.env.GLIMPSE_LOG_LEVEL === undefined) {
  process.env.GLIMPSE_LOG_LEVEL = process.argv[2] === 'serve' ? 'info' : 'warn';
}

register();
await import('../src/cli/main.ts');
