/** Scores of face pairs, split by whether both faces show the same person. */
export interface PairScores {
  same: number[];
  different: number[];
}

export interface ScoreSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  p1: number;
  p5: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface OperatingPoint {
  falseAcceptRate: number;
  /** Lowest score accepted: at most falseAcceptRate of different-person pairs reach it. */
  threshold: number;
  trueAcceptRate: number;
}

export function summarise(scores: readonly number[]): ScoreSummary {
  const sorted = [...scores].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, s) => sum + s, 0) / sorted.length;
  return {
    count: sorted.length,
    mean,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    p1: percentile(sorted, 0.01),
    p5: percentile(sorted, 0.05),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

/** Linear-interpolated percentile of ascending scores, q in 0..1. */
export function percentile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** The threshold for a false-accept rate and the share of same-person pairs it accepts. */
export function operatingPoint(pairs: PairScores, falseAcceptRate: number): OperatingPoint {
  const different = [...pairs.different].sort((a, b) => b - a);
  const allowed = Math.floor(falseAcceptRate * different.length);
  const threshold = allowed < different.length ? nextUp(different[allowed]) : -Infinity;
  const accepted = pairs.same.filter((score) => score >= threshold).length;
  return { falseAcceptRate, threshold, trueAcceptRate: accepted / pairs.same.length };
}

/** Area under the ROC curve: the chance a same-person pair outscores a different-person pair. */
export function areaUnderCurve(pairs: PairScores): number {
  const labelled = [
    ...pairs.same.map((score) => ({ score, same: true })),
    ...pairs.different.map((score) => ({ score, same: false })),
  ].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < labelled.length;) {
    let j = i;
    while (j < labelled.length && labelled[j].score === labelled[i].score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (labelled[k].same) rankSum += averageRank;
    i = j;
  }
  const n = pairs.same.length;
  return (rankSum - (n * (n + 1)) / 2) / (n * pairs.different.length);
}

function nextUp(score: number): number {
  return score + Math.max(Math.abs(score), 1) * 1e-9;
}
