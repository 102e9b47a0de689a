import { request } from 'node:http';

/** Raw tus 1.0.0 requests, so a test controls exactly which bytes reach the server. */
const tusHeaders = { 'Tus-Resumable': '1.0.0' };

export async function createUpload(
  baseUrl: string,
  fileName: string,
  length: number,
  headers: Record<string, string> = {},
) {
  const metadata = `filename ${Buffer.from(fileName).toString('base64')}`;
  const response = await fetch(`${baseUrl}/api/uploads`, {
    method: 'POST',
    headers: {
      ...tusHeaders,
      ...headers,
      'Upload-Length': String(length),
      'Upload-Metadata': metadata,
    },
  });
  const location = response.headers.get('location');
  return { response, url: location ? new URL(location, baseUrl).toString() : undefined };
}

export async function uploadOffset(url: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD', headers: tusHeaders });
  if (response.status !== 200) throw new Error(`HEAD ${url} answered ${response.status}`);
  return Number(response.headers.get('upload-offset'));
}

export function patchUpload(url: string, offset: number, bytes: Uint8Array) {
  return fetch(url, {
    method: 'PATCH',
    headers: {
      ...tusHeaders,
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(bytes),
  });
}

/**
 * Starts a PATCH announcing every remaining byte, sends only `sent` of them, then drops the
 * connection: what a browser does when the network goes away mid-upload.
 */
export function patchThenDrop(url: string, offset: number, remaining: Uint8Array, sent: number) {
  return new Promise<void>((resolve) => {
    const req = request(url, {
      method: 'PATCH',
      headers: {
        ...tusHeaders,
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(remaining.length),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(remaining.subarray(0, sent), () => {
      setTimeout(() => req.destroy(), 200);
    });
  });
}

/** Sends a whole file in one creation + PATCH and returns the final answer. */
export async function uploadWhole(baseUrl: string, fileName: string, bytes: Uint8Array) {
  const created = await createUpload(baseUrl, fileName, bytes.length);
  if (!created.url) return created.response;
  return patchUpload(created.url, 0, bytes);
}
