import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ModelSpec } from './manifest.ts';

/** What a file on disk is, compared with the manifest's record of the model. */
export type FileCheck =
  | { kind: 'absent' }
  | { kind: 'verified' }
  | { kind: 'mismatch'; sizeBytes: number; sha256?: string };

// Hashing 4 MB takes a few milliseconds, but detectors locate their model on every start.
const verifiedHashes = new Map<string, string>();

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Compares a file with the model's size and sha256; a file unchanged since is not re-hashed. */
export async function checkModelFile(path: string, model: ModelSpec): Promise<FileCheck> {
  const facts = await stat(path).catch(() => undefined);
  if (!facts?.isFile()) return { kind: 'absent' };
  if (facts.size !== model.sizeBytes) return { kind: 'mismatch', sizeBytes: facts.size };

  const key = `${path}\0${facts.size}\0${facts.mtimeMs}`;
  let sha256 = verifiedHashes.get(key);
  if (sha256 === undefined) {
    sha256 = await sha256File(path);
    verifiedHashes.set(key, sha256);
  }

  if (sha256 !== model.sha256) return { kind: 'mismatch', sizeBytes: facts.size, sha256 };
  return { kind: 'verified' };
}
