import { describe, expect, it } from 'vitest';
import { assign as assignProblem } from './linear-assignment.ts';

function assign(cost: number[][], maxCost: number, columns = cost[0]?.length ?? 0) {
  return assignProblem({ rows: cost.length, columns, cost: (r, c) => cost[r][c], maxCost });
}

/** The objective `assign` minimises: each pair made costs its cost minus maxCost. */
function objective(cost: number[][], pairs: [number, number][], maxCost: number): number {
  return pairs.reduce((sum, [r, c]) => sum + cost[r][c] - maxCost, 0);
}

/** Every partial matching of a small matrix, to check `assign` against. */
function bestByBruteForce(cost: number[][], maxCost: number): number {
  const columns = cost[0]?.length ?? 0;
  const search = (row: number, used: Set<number>): number => {
    if (row === cost.length) return 0;
    let best = search(row + 1, used);
    for (let c = 0; c < columns; c++) {
      if (used.has(c) || cost[row][c] > maxCost) continue;
      used.add(c);
      best = Math.min(best, cost[row][c] - maxCost + search(row + 1, used));
      used.delete(c);
    }
    return best;
  };
  return search(0, new Set());
}

function randomMatrix(rows: number, columns: number, random: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => random()));
}

describe('assign', () => {
  it('should pair each row with its cheapest column when they do not compete', () => {
    const cost = [
      [0.9, 0.1, 0.8],
      [0.2, 0.9, 0.9],
      [0.9, 0.9, 0.3],
    ];
    expect(assign(cost, 1).matches).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
  });

  it('should minimise the total cost where greedy picking would not', () => {
    // Greedy takes (0,0) at 0.1 and is left with (1,1) at 0.9: 1.0 in all; best is 0.2 + 0.3.
    const cost = [
      [0.1, 0.2],
      [0.3, 0.9],
    ];
    expect(assign(cost, 1).matches).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('should never make a pair costing more than maxCost', () => {
    const result = assign(
      [
        [0.5, 0.95],
        [0.97, 0.99],
      ],
      0.8,
    );
    expect(result).toEqual({ matches: [[0, 0]], unmatchedRows: [1], unmatchedColumns: [1] });
  });

  it('should prefer one confident pair to two doubtful ones', () => {
    // Two pairs cost 0.7 + 0.7 = 1.4, each 0.1 under the limit; one pair at 0.1 is 0.7 under it.
    const cost = [
      [0.7, 0.1],
      [Infinity, 0.7],
    ];
    expect(assign(cost, 0.8).matches).toEqual([[0, 1]]);
  });

  it('should handle more columns than rows, more rows than columns, and nothing at all', () => {
    expect(assign([[0.4, 0.1, 0.3]], 1).matches).toEqual([[0, 1]]);
    expect(assign([[0.4], [0.1], [0.3]], 1)).toEqual({
      matches: [[1, 0]],
      unmatchedRows: [0, 2],
      unmatchedColumns: [],
    });
    expect(assign([], 1, 2)).toEqual({ matches: [], unmatchedRows: [], unmatchedColumns: [0, 1] });
    expect(assign([[], []], 1).unmatchedRows).toEqual([0, 1]);
  });

  it('should find the optimum a brute-force search finds on random matrices', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let trial = 0; trial < 300; trial++) {
      const cost = randomMatrix(1 + (trial % 5), 1 + ((trial * 7) % 5), random);
      const maxCost = 0.3 + 0.7 * random();
      const { matches, unmatchedRows, unmatchedColumns } = assign(cost, maxCost);

      expect(objective(cost, matches, maxCost)).toBeCloseTo(bestByBruteForce(cost, maxCost), 9);
      expect(matches.length + unmatchedRows.length).toBe(cost.length);
      expect(matches.length + unmatchedColumns.length).toBe(cost[0].length);
      expect(new Set(matches.map(([, c]) => c)).size).toBe(matches.length);
    }
  });
});
