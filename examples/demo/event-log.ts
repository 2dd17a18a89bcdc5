/** Events in arrival order, with bounded waits for one that has come or is still to come. */
export class EventLog<T> {
  readonly all: T[] = [];
  private readonly listeners = new Set<(event: T) => void>();

  constructor(private readonly describe: (event: T) => string) {}

  add(event: T): void {
    this.all.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` for every event from now on. */
  subscribe(listener: (event: T) => void): void {
    this.listeners.add(listener);
  }

  /** The first event, past or future, matching `predicate`; rejects after `timeoutMs`, saying what was awaited and what came. */
  waitFor(what: string, predicate: (event: T) => boolean, timeoutMs: number): Promise<T> {
    const found = this.all.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (event: T) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs / 1000}s; so far: ${this.all.length ? this.all.map(this.describe).join(', ') : 'nothing'}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}
