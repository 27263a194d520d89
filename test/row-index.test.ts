// The tables' hash index of row numbers against a Map of the same keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowIndex } from '../src/store/row-index.js';

interface Row {
  kind: string;
  number: string;
}

describe('RowIndex', () => {
  it('finds every row by kind and number, as a Map of "kind:number" would, through growth and duplicates', () => {
    const rows: Row[] = [];
    const index = new RowIndex<Row>(rows, (r) => r.number, (r) => r.kind);
    const map = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      // Duplicates (every 7th number again) and the same number under two kinds.
      const row = { kind: i % 3 === 0 ? 'card' : 'account', number: String(i % 7 === 0 ? i / 7 : i) };
      index.set(rows.push(row) - 1);
      map.set(`${row.kind}:${row.number}`, rows.length - 1);
    }
    for (const kind of ['card', 'account', 'customer']) {
      for (let n = 0; n < 5200; n++) assert.equal(index.get(String(n), kind), map.get(`${kind}:${n}`), `${kind} ${n}`);
    }
  });

  it('answers nothing for an empty table', () => {
    assert.equal(new RowIndex<Row>([], (r) => r.number, (r) => r.kind).get('1', ''), undefined);
  });
});
