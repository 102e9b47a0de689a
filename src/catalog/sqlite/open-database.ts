import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GlimpseError } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { migrations, type Migration } from './migrations.ts';

const log = createLogger('CatalogDatabase');

/** How long a writer waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/** Opens (creating if needed) the SQLite catalog file and brings its schema up to date. */
export function openDatabase(path: string): Database.Database {
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new GlimpseError(`Cannot open the catalog ${path}: ${(error as Error).message}`, {
      hint: 'Check that the data directory is a folder you can write to (--data <dir> or GLIMPSE_DATA).',
      cause: error,
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  applyMigrations(db, migrations);
  return db;
}

/** Applies the migrations this catalog has not seen yet, all in one transaction. */
export function applyMigrations(db: Database.Database, all: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const readApplied = db.prepare('SELECT version FROM schema_migrations').pluck();

  // IMMEDIATE, and the applied set read inside: two processes opening a fresh catalog at
  // once must not both migrate it.
  const pending = db
    .transaction(() => {
      const applied = new Set(readApplied.all() as number[]);
      const todo = [...all]
        .sort((a, b) => a.version - b.version)
        .filter((m) => !applied.has(m.version));
      for (const migration of todo) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
      }
      return todo;
    })
    .immediate();
  if (pending.length === 0) return [];
  log.info(`Applied catalog migrations ${pending.map((m) => m.version).join(', ')}.`);
  return pending.map((m) => m.version);
}
