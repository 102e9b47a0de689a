/** Pairs of a minimal-cost assignment, and what was left alone on each side. */
export interface Assignment {
  /** [row, column] pairs, sorted by row. */
  matches: [number, number][];
  unmatchedRows: number[];
  unmatchedColumns: number[];
}

export interface AssignmentProblem {
  rows: number;
  columns: number;
  /** Cost of pairing a row with a column; Infinity forbids the pair. */
  cost: (row: number, column: number) => number;
  /** Pairs costing this or more are never made. */
  maxCost: number;
}

/**
 * Pairs rows with columns so that the summed cost of the pairs is minimal, where a pair costing
 * `maxCost` or more is never made and leaving a row or a column unpaired costs `maxCost / 2`.
 * So a pair is made only where it is cheaper than leaving both sides alone: one confident pair
 * beats two doubtful ones, as in the padded Jonker-Volgenant problem that ByteTrack solves.
 */
export function assign(problem: AssignmentProblem): Assignment {
  const { rows, columns, maxCost } = problem;
  const matches: [number, number][] = [];
  if (rows > 0 && columns > 0) {
    const columnOfRow = solveSquare(savings(problem));
    for (let row = 0; row < rows; row++) {
      const column = columnOfRow[row];
      if (column < columns && problem.cost(row, column) < maxCost) matches.push([row, column]);
    }
  }

  const matchedRows = new Set(matches.map(([row]) => row));
  const matchedColumns = new Set(matches.map(([, column]) => column));
  return {
    matches,
    unmatchedRows: range(rows).filter((row) => !matchedRows.has(row)),
    unmatchedColumns: range(columns).filter((column) => !matchedColumns.has(column)),
  };
}

/**
 * The square problem whose full assignments are the partial ones above: a pair costs what it
 * saves against leaving both sides alone (cost − maxCost, when negative), any other pair and any
 * padding costs 0. An optimal full assignment's saving pairs are an optimal partial one.
 */
function savings({ rows, columns, cost, maxCost }: AssignmentProblem): number[][] {
  const size = Math.max(rows, columns);
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) =>
      i < rows && j < columns ? Math.min(cost(i, j) - maxCost, 0) : 0,
    ),
  );
}

/**
 * Hungarian method with row and column potentials, O(n³): rows are added one at a time, each
 * by a shortest augmenting path over reduced costs. Returns the column of each row.
 */
function solveSquare(cost: number[][]): number[] {
  const n = cost.length;
  // Index 0 is a virtual column that holds the row being added; real columns are 1..n.
  const rowPotential = new Float64Array(n + 1);
  const columnPotential = new Float64Array(n + 1);
  const rowOfColumn = new Int32Array(n + 1);
  const previousColumn = new Int32Array(n + 1);

  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    const slack = new Float64Array(n + 1).fill(Infinity);
    const visited = new Uint8Array(n + 1);
    let column = 0;

    do {
      visited[column] = 1;
      const from = rowOfColumn[column];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= n; j++) {
        if (visited[j]) continue;
        const reduced = cost[from - 1][j - 1] - rowPotential[from] - columnPotential[j];
        if (reduced < slack[j]) {
          slack[j] = reduced;
          previousColumn[j] = column;
        }
        if (slack[j] < delta) {
          delta = slack[j];
          next = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (visited[j]) {
          rowPotential[rowOfColumn[j]] += delta;
          columnPotential[j] -= delta;
        } else {
          slack[j] -= delta;
        }
      }
      column = next;
    } while (rowOfColumn[column] !== 0);

    while (column !== 0) {
      const previous = previousColumn[column];
      rowOfColumn[column] = rowOfColumn[previous];
      column = previous;
    }
  }

  const columnOfRow = new Array<number>(n);
  for (let j = 1; j <= n; j++) columnOfRow[rowOfColumn[j] - 1] = j - 1;
  return columnOfRow;
}

function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
