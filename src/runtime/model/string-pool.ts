/**
 * One string for each label value seen, per label name. A sender posts the same values again and
 * again (alertname, job, severity, a generator URL), and JSON.parse makes a new string for each:
 * pooled, 100,000 held alerts take a sixth less heap, and the garbage collector copies that much
 * less. A label with more distinct values than a pool holds (instance, pod) is not pooled at all:
 * its values rarely repeat, and a pool churning through them cost more than it saved.
 */
export class StringPool {
  /** By label name: its values, or null once it has had more than `limit` of them. */
  private readonly pools = new Map<string, Map<string, string> | null>();

  /**
   * @param limit Distinct values a label may have and still be pooled.
   * @param names Label names pooled at most: names without end must not grow it for ever.
   */
  constructor(
    private readonly limit = 1000,
    private readonly names = 1000,
  ) {}

  /** Whether values of this label are being pooled: seen, within `names`, and not past `limit`. */
  pooling(name: string): boolean {
    return this.pools.get(name) instanceof Map;
  }

  /** The pooled string equal to `value` of label `name`; `value` itself when there is none. */
  intern(name: string, value: string): string {
    let pool = this.pools.get(name);
    if (pool === null) return value;
    if (pool === undefined) {
      if (this.pools.size >= this.names) return value;
      pool = new Map();
      this.pools.set(name, pool);
    }
    const pooled = pool.get(value);
    if (pooled !== undefined) return pooled;
    if (pool.size >= this.limit) this.pools.set(name, null);
    else pool.set(value, value);
    return value;
  }

  /** Replaces each value of a label set just parsed, and so not shared, with the pooled one. */
  internValues(labels: Record<string, string>): void {
    for (const name in labels) labels[name] = this.intern(name, labels[name]!);
  }
}
