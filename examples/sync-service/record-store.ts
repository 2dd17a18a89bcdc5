/** One record as a store holds it: `version` is the time of its last write, in ms. */
export interface StoredRecord {
  readonly id: string;
  readonly payload: string;
  readonly version: number;
}

/** An in-memory store of records: the two ends a connector syncs between. */
export class RecordStore {
  private readonly records = new Map<string, StoredRecord>();

  constructor(readonly name: string) {}

  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  put(record: StoredRecord): void {
    this.records.set(record.id, record);
  }

  get size(): number {
    return this.records.size;
  }
}
