/**
 * "Did you mean" suggestions: the closest candidate within a small edit
 * distance. Used for unknown CLI options and rule ids, config keys and (in
 * schema validation) misspelt Kubernetes fields.
 */

/** Levenshtein distance (insert, delete, substitute), O(|a|·|b|) time, O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input` (case-insensitive), when it is within a
 * third of the input's length (at least 1, at most 3 edits); else undefined.
 * Inputs longer than 200 characters get no suggestion (the cost is quadratic).
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > 200) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = input.toLowerCase();
  for (const c of candidates) {
    if (Math.abs(c.length - input.length) >= bestDistance) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
