/**
 * Keeps the k best items seen so far by a score, in memory proportional to k.
 * The pipeline uses it to remember each track's best few crops while frames stream past.
 */
export class TopK<T> {
  private readonly items: { score: number; item: T }[] = [];

  constructor(private readonly k: number) {}

  /** Offers an item; `make` is only called when the item will be kept (it may copy pixels). */
  offer(score: number, make: () => T): void {
    if (this.items.length >= this.k && score <= this.items[this.items.length - 1].score) return;
    this.items.push({ score, item: make() });
    this.items.sort((a, b) => b.score - a.score);
    if (this.items.length > this.k) this.items.pop();
  }

  /** Best first. */
  best(): { score: number; item: T }[] {
    return [...this.items];
  }

  get size(): number {
    return this.items.length;
  }
}
