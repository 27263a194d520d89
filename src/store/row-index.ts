// Where each row of a table is, by its key: an open-addressing hash table of row numbers, the
// keys read from the rows themselves. A Map would keep an entry per row (some 40 bytes); at
// 100 000 customers the tables hold a million rows (half of them number reservations).

/** FNV-1a over the group, a separator and the key, without joining them into a new string. */
function hashOf(group: string, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193);
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class RowIndex<T> {
  /** Row number + 1 in each slot; 0 is an empty slot. Kept at most half full. */
  private slots = new Int32Array(16);
  private size = 0;

  /** A row's key must not change while it is indexed (rows are replaced by rows of the same key). */
  constructor(
    private readonly rows: readonly T[],
    private readonly keyOf: (row: T) => string,
    private readonly groupOf: (row: T) => string,
  ) {}

  /** The row number of the row with this key, if any. */
  get(key: string, group: string): number | undefined {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let i = hashOf(group, key) & mask; ; i = (i + 1) & mask) {
      const slot = slots[i];
      if (slot === 0) return undefined;
      const row = this.rows[slot - 1];
      if (this.keyOf(row) === key && this.groupOf(row) === group) return slot - 1;
    }
  }

  /** Indexes row number `at`; an indexed row of the same key is no longer found (as Map.set would). */
  set(at: number): void {
    this.reserve(this.size + 1);
    if (this.place(this.slots, at, true)) this.size++;
  }

  /** Makes room for `count` rows at once, rather than growing step by step while a table fills. */
  reserve(count: number): void {
    if (2 * count <= this.slots.length) return;
    let length = this.slots.length;
    while (2 * count > length) length *= 2;
    const old = this.slots;
    this.slots = new Int32Array(length);
    for (const slot of old) if (slot !== 0) this.place(this.slots, slot - 1, false);
  }

  /** Puts row `at` in its slot; answers false when it took the slot of a row of the same key. */
  private place(slots: Int32Array, at: number, replace: boolean): boolean {
    const row = this.rows[at];
    const key = this.keyOf(row);
    const group = this.groupOf(row);
    const mask = slots.length - 1;
    let i = hashOf(group, key) & mask;
    for (; slots[i] !== 0; i = (i + 1) & mask) {
      if (!replace) continue;
      const other = this.rows[slots[i] - 1];
      if (this.keyOf(other) === key && this.groupOf(other) === group) {
        slots[i] = at + 1;
        return false;
      }
    }
    slots[i] = at + 1;
    return true;
  }
}
