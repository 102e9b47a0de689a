/** Inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting. */
export function invertMatrix(a: number[][]): number[][] {
  const n = a.length;
  const left = a.map((row) => [...row]);
  const right = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));

  for (let column = 0; column < n; column++) {
    const pivot = pivotRow(left, column);
    if (Math.abs(left[pivot][column]) < 1e-12) throw new Error('Cannot invert a singular matrix');
    [left[column], left[pivot]] = [left[pivot], left[column]];
    [right[column], right[pivot]] = [right[pivot], right[column]];

    const scale = 1 / left[column][column];
    for (let j = 0; j < n; j++) {
      left[column][j] *= scale;
      right[column][j] *= scale;
    }

    for (let row = 0; row < n; row++) {
      const factor = left[row][column];
      if (row === column || factor === 0) continue;
      for (let j = 0; j < n; j++) {
        left[row][j] -= factor * left[column][j];
        right[row][j] -= factor * right[column][j];
      }
    }
  }
  return right;
}

function pivotRow(a: number[][], column: number): number {
  let best = column;
  for (let row = column + 1; row < a.length; row++) {
    if (Math.abs(a[row][column]) > Math.abs(a[best][column])) best = row;
  }
  return best;
}
