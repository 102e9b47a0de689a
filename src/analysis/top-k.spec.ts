import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.ts';

describe(TopK.name, () => {
  it('should keep the k highest scores, best first', () => {
    const sut = new TopK<string>(2);
    for (const [score, name] of [
      [0.2, 'a'],
      [0.9, 'b'],
      [0.5, 'c'],
      [0.1, 'd'],
    ] as const) {
      sut.offer(score, () => name);
    }
    expect(sut.best().map((entry) => entry.item)).toEqual(['b', 'c']);
  });

  it('should not build items that would be dropped at once', () => {
    const sut = new TopK<number>(1);
    sut.offer(0.8, () => 1);
    let built = false;
    sut.offer(0.3, () => {
      built = true;
      return 2;
    });
    expect(built).toBe(false);
  });
});
