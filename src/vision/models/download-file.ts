import { createHash, randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

export type DownloadOptions = {
  url: string;
  /** Final path; written only once the whole file is here and verified. */
  dest: string;
  sizeBytes: number;
  sha256: string;
  /** Give up when no data arrived for this long (connecting included). */
  stallTimeoutMs: number;
  onProgress?: (received: number, total: number) => void;
};

/** Why a download failed, in words, with the low-level cause kept for logs. */
export class DownloadFailure extends Error {
  override name = 'DownloadFailure';
}

/**
 * Streams a URL to a temporary file beside `dest`, checks its size and sha256, then renames
 * it into place. On any failure the temporary file is removed and a DownloadFailure thrown.
 */
export async function downloadVerified(options: DownloadOptions): Promise<void> {
  const temp = `${options.dest}.${process.pid}-${randomUUID().slice(0, 8)}.part`;
  try {
    const sha256 = await streamToFile(options, temp);
    if (sha256 !== options.sha256) {
      throw new DownloadFailure(
        `the downloaded bytes do not match the checksum (expected sha256 ${options.sha256}, ` +
          `got ${sha256})`,
      );
    }
    await rename(temp, options.dest);
  } catch (error) {
    await rm(temp, { force: true });
    throw error instanceof DownloadFailure ? error : describeFetchError(error, options);
  }
}

async function streamToFile(options: DownloadOptions, temp: string): Promise<string> {
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), options.stallTimeoutMs);
  const file = await open(temp, 'wx');
  try {
    const response = await fetch(options.url, { signal: abort.signal });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DownloadFailure(
        `the server answered HTTP ${response.status} ${response.statusText}`,
      );
    }

    const total = Number(response.headers.get('content-length')) || options.sizeBytes;
    const hash = createHash('sha256');
    const reader = response.body.getReader();
    let received = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), options.stallTimeoutMs);
      received += read.value.byteLength;
      if (received > options.sizeBytes) break;
      hash.update(read.value);
      await file.write(read.value);
      options.onProgress?.(received, total);
    }

    if (received !== options.sizeBytes) {
      await reader.cancel();
      throw new DownloadFailure(`received ${received} bytes, expected ${options.sizeBytes}`);
    }
    return hash.digest('hex');
  } finally {
    clearTimeout(timer);
    await file.close();
  }
}

function describeFetchError(error: unknown, options: DownloadOptions): DownloadFailure {
  if (error instanceof Error && error.name === 'AbortError') {
    const seconds = options.stallTimeoutMs / 1000;
    return new DownloadFailure(`no data arrived for ${seconds} s`, { cause: error });
  }

  const ownCode = (error as { code?: string })?.code;
  if (ownCode && error instanceof Error) {
    return new DownloadFailure(`writing the file failed (${error.message})`, { cause: error });
  }

  const code = networkErrorCode(error);
  const reasons: Record<string, string> = {
    ENOTFOUND: 'the host name could not be resolved (offline?)',
    EAI_AGAIN: 'the host name could not be resolved (offline?)',
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    ENETUNREACH: 'the network is unreachable (offline?)',
  };
  const reason = (code && reasons[code]) ?? 'the request failed';
  return new DownloadFailure(`${reason} (${code ?? causeMessage(error)})`, { cause: error });
}

type FetchCause = { code?: string; message?: string; errors?: { code?: string }[] };

/** fetch hides the socket error in `cause`, sometimes one per address tried. */
function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: FetchCause })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

function causeMessage(error: unknown): string {
  const cause = (error as { cause?: FetchCause })?.cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
