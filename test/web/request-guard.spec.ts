import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request.ts';
import { startServer, type RunningServer } from './server-harness.ts';
import { createUpload } from './tus-requests.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ analyseUploads: false });
});

afterAll(async () => {
  await server?.close();
});

describe('a request for another host name (DNS rebinding)', () => {
  it('should be refused with a JSON error on the API', async () => {
    const response = await rawRequest(`${server.baseUrl}/api/videos`, {
      headers: { Host: 'evil.example:8080' },
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe('HOST_NOT_ALLOWED');
  });

  it('should be refused for the pages and for uploads too', async () => {
    const page = await rawRequest(`${server.baseUrl}/`, { headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);

    const upload = await rawRequest(`${server.baseUrl}/api/uploads`, {
      method: 'POST',
      headers: { Host: 'evil.example', 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' },
    });
    expect(upload.status).toBe(403);
  });

  it('should be answered for localhost', async () => {
    const port = new URL(server.baseUrl).port;
    const response = await rawRequest(`${server.baseUrl}/api/videos`, {
      headers: { Host: `localhost:${port}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('a change asked for by a page of another site', () => {
  it('should refuse a delete before it reaches the route', async () => {
    const videoId = 'a'.repeat(64);
    const response = await rawRequest(`${server.baseUrl}/api/videos/${videoId}`, {
      method: 'DELETE',
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe('CROSS_SITE_REQUEST');
  });

  it('should not start an upload', async () => {
    const response = await rawRequest(`${server.baseUrl}/api/uploads`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' },
    });
    expect(response.status).toBe(403);
  });

  it("should let the app's own pages upload", async () => {
    const created = await createUpload(server.baseUrl, 'own.mp4', 10, { Origin: server.baseUrl });
    expect(created.response.status).toBe(201);
  });
});
