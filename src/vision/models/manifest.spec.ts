import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModel, MODEL_TASKS, MODELS, selectModel } from './manifest.ts';

async function sharedManifestRows(): Promise<Map<string, Record<string, string>>> {
  const text = await readFile(join(process.env.GLIMPSE_MODELS!, 'MANIFEST.tsv'), 'utf8');
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const rows = lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
  return new Map(rows.map((row) => [row.file, row]));
}

describe('model manifest', () => {
  it('should record the same files, sizes and checksums as the shared MANIFEST.tsv', async () => {
    const rows = await sharedManifestRows();

    expect(MODELS.map((model) => model.file).sort()).toEqual([...rows.keys()].sort());
    for (const model of MODELS) {
      expect(model.sha256).toBe(rows.get(model.file)?.sha256);
      expect(model.sizeBytes).toBe(Number(rows.get(model.file)?.size_bytes));
    }
  });

  it('should download each file from its source repository at the recorded commit', async () => {
    const rows = await sharedManifestRows();

    for (const model of MODELS.filter((m) => m.download.kind === 'url')) {
      const row = rows.get(model.file)!;
      expect(model.download).toEqual({
        kind: 'url',
        url: expect.stringContaining(`https://github.com/${row.source_repo}/raw/${row.commit}/`),
      });
    }
  });

  it('should have exactly one default model per task', () => {
    const defaults = MODEL_TASKS.map((task) => defaultModel(task).file);

    expect(defaults).toEqual([
      'yolox_nano.onnx',
      'yunet_s_dynamic.onnx',
      'mobilefacenet_128d.onnx',
      'osnet_x0_25_msmt17.onnx',
    ]);
    expect(MODELS.filter((model) => model.isDefault)).toHaveLength(MODEL_TASKS.length);
  });

  it('should refuse a model id that does not belong to the task', () => {
    expect(() => selectModel('face-detector', 'yolox_nano')).toThrow(
      /no face-detector model named "yolox_nano"/,
    );
  });
});
