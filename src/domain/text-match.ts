// Comparing names the way a person searching for them would: case, accents and spacing do not matter.

/**
 * Already folded: upper-case ASCII letters and digits, words one space apart, as most stored
 * values are. Tested first, as folding (Unicode normalisation) is the dearest part of indexing
 * a large tenant.
 */
const PLAIN = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

/** Upper case, accents removed, runs of spaces made one, ends trimmed. */
export function foldText(s: string): string {
  if (PLAIN.test(s)) return s;
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only the digits, for phone numbers written with dashes, spaces or brackets. */
export const digitsOnly = (s: string) => s.replace(/\D+/g, '');

/** Letters and digits only, for identifiers and postal codes written with separators. */
export const alnumOnly = (s: string) => foldText(s).replace(/[^A-Z0-9]+/g, '');

/** A name as compared in searches: folded, with spaces, dashes and apostrophes dropped ("De la Cruz" = "DELACRUZ"). */
export const nameKey = (s: string) => (PLAIN.test(s) ? s.replaceAll(' ', '') : foldText(s).replace(/[^\p{L}\p{N}]+/gu, ''));

/**
 * The words of a name, each written as nameKey writes it: "De la Peña-Núñez" is DE, LA, PENA,
 * NUNEZ, and "S.R.L." one word SRL. Joined, they give the name's nameKey.
 */
export const nameWords = (s: string) => (PLAIN.test(s) ? s.split(' ') : foldText(s).split(/[\s\p{Pd}/,;]+/u).map(nameKey).filter(Boolean));

export type MatchMode = 'equals' | 'prefix' | 'suffix' | 'contains';

export function matches(value: string, wanted: string, mode: MatchMode): boolean {
  switch (mode) {
    case 'equals':
      return value === wanted;
    case 'prefix':
      return value.startsWith(wanted);
    case 'suffix':
      return value.endsWith(wanted);
    case 'contains':
      return value.includes(wanted);
  }
}

/**
 * The platform's fuzzy switch plus the `*` wildcard: 0 tolerant equality, 1 begins with,
 * 2 drill down (narrowing, which within one search means begins with), 3 ends with.
 * A trailing `*` asks for begins-with and a leading one for ends-with, whatever the switch.
 */
export function modeFor(fuzzySwitch: number, pattern: string): { mode: MatchMode; text: string } {
  const lead = pattern.startsWith('*');
  const trail = pattern.endsWith('*') && pattern.length > 1;
  const text = pattern.replace(/^\*+|\*+$/g, '');
  if (lead && trail) return { mode: 'contains', text };
  if (trail) return { mode: 'prefix', text };
  if (lead) return { mode: 'suffix', text };
  return { mode: fuzzySwitch === 1 || fuzzySwitch === 2 ? 'prefix' : fuzzySwitch === 3 ? 'suffix' : 'equals', text };
}
