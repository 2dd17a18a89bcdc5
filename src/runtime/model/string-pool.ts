/**
 * One string for each label value seen lately. A sender posts the same values again and again
 * (alertname, job, severity, a generator URL), and JSON.parse makes a new string for each: pooled,
 * 100,000 held alerts take a fifth less heap, and the garbage collector copies that much less.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** @param limit Strings kept at most: values that never repeat (a request id) must not grow it for ever. */
  constructor(private readonly limit = 50_000) {}

  /** Strings held now. */
  get size(): number {
    return this.strings.size;
  }

  intern(value: string): string {
    const pooled = this.strings.get(value);
    if (pooled !== undefined) return pooled;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** Replaces each value of a label set just parsed, and so not shared, with the pooled one. */
  internValues(labels: Record<string, string>): void {
    for (const name in labels) labels[name] = this.intern(labels[name]!);
  }
}
