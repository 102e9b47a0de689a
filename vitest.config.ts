import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests read models and footage from the team's shared folder beside the checkout.
const shared = resolve(import.meta.dirname, '..', 'shared');

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    env: {
      GLIMPSE_MODELS: process.env.GLIMPSE_MODELS ?? resolve(shared, 'models'),
      GLIMPSE_SHARED_DATA: process.env.GLIMPSE_SHARED_DATA ?? resolve(shared, 'data'),
      GLIMPSE_LOG_LEVEL: process.env.GLIMPSE_LOG_LEVEL ?? 'warn',
    },
  },
});
