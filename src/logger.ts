import { pino, type Logger } from 'pino';

/**
 * One logger for the whole program. Logs go to standard error so that `--json` output on
 * standard output stays clean. GLIMPSE_LOG_LEVEL picks the level (info by default).
 */
const root = pino(
  { level: process.env.GLIMPSE_LOG_LEVEL ?? 'info', base: undefined },
  pino.destination({ fd: 2, sync: true }),
);

/** A logger whose every line carries the name of the module or class that wrote it. */
export function createLogger(context: string): Logger {
  return root.child({ context });
}

export type { Logger };
