// Every choice the runner makes comes from here, so one --seed gives the same requests every run.

/** A 32-bit seed for one named stream, so adding requests to one operation leaves the others alone. */
export function seedFor(seed: number, ...parts: string[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of parts.join('/')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Mulberry32: small, fast and good enough for picking test values. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  digits(count: number, firstMax = 9): string {
    let s = String(this.int(1, firstMax));
    while (s.length < count) s += String(this.int(0, 9));
    return s;
  }

  letters(count: number): string {
    let s = '';
    while (s.length < count) s += String.fromCharCode(65 + this.int(0, 25));
    return s;
  }
}
