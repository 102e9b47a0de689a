import type { Readable } from 'node:stream';

/**
 * Regroups a byte stream into consecutive buffers of exactly `size` bytes, each a new
 * allocation the caller may keep. Reading pauses while the caller is busy, so memory stays
 * at one buffer plus the pipe. Trailing bytes short of a full buffer are reported, not
 * returned.
 */
export async function* fixedChunks(
  stream: Readable,
  size: number,
  onLeftover?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(size - filled, chunk.length - offset);
      buffer.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) onLeftover?.(filled);
}
