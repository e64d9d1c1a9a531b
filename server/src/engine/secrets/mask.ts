/**
 * What a message may say about a credential: its length, and for a known
 * format at most the first four characters of the format's public prefix
 * (`AKIA…(20 chars)`, `ghp_…(40 chars)`). Never more.
 */

/** Characters ever shown of a value, whatever the caller asks for. */
export const MAX_SHOWN = 4;

/** `(N chars)`, or `PREF…(N chars)` when `prefix` characters are a known public prefix (capped at four and at a quarter of the value). */
export function mask(value: string, prefix = 0): string {
  const chars = [...value];
  const shown = Math.max(0, Math.min(prefix, MAX_SHOWN, Math.floor(chars.length / 4)));
  const count = `(${chars.length} ${chars.length === 1 ? 'char' : 'chars'})`;
  return shown > 0 ? `${chars.slice(0, shown).join('')}…${count}` : count;
}
