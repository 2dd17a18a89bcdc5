interface Node<T> {
  readonly at: number;
  /** Push order, which breaks ties between equal times. */
  readonly order: number;
  readonly item: T;
}

/**
 * Things due at a time, earliest first, and in the order they were pushed when due at the same
 * time: a binary min-heap. Finding what is due next costs O(log n), not a walk over everything
 * waiting, which matters when a receiver is down and tens of thousands of messages wait for it.
 */
export class DueQueue<T> {
  private readonly nodes: Node<T>[] = [];
  private pushed = 0;

  get size(): number {
    return this.nodes.length;
  }

  push(at: number, item: T): void {
    this.nodes.push({ at, order: this.pushed++, item });
    this.up(this.nodes.length - 1);
  }

  /** The item due earliest and its time; undefined when empty. */
  peek(): { readonly at: number; readonly item: T } | undefined {
    return this.nodes[0];
  }

  clear(): void {
    this.nodes.length = 0;
  }

  /** Removes the item due earliest. */
  pop(): void {
    const last = this.nodes.pop();
    if (last === undefined || this.nodes.length === 0) return;
    this.nodes[0] = last;
    this.down(0);
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    const n = this.nodes.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.before(left, least)) least = left;
      if (right < n && this.before(right, least)) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.nodes[a]!;
    const y = this.nodes[b]!;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const node = this.nodes[a]!;
    this.nodes[a] = this.nodes[b]!;
    this.nodes[b] = node;
  }
}
