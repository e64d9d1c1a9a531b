/**
 * A unified diff (as `diff -u` / `git diff` print it) of two texts, for
 * `shipshape scan --fix-dry-run`. Lines are compared exactly (a CRLF line
 * ending is part of the line). Common leading and trailing lines are trimmed
 * first, so the LCS table only covers the changed middle (fixes are local).
 */

/** Lines with their endings; a last line without a newline is marked. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

type Op = { type: ' ' | '-' | '+'; line: string };

/** Above this many cells the middle is shown as removed-then-added instead of an LCS. */
const MAX_CELLS = 4_000_000;

function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops: Op[] = a.slice(0, pre).map((line) => ({ type: ' ', line }));
  if (am.length * bm.length > MAX_CELLS) {
    for (const line of am) ops.push({ type: '-', line });
    for (const line of bm) ops.push({ type: '+', line });
  } else {
    const n = am.length;
    const m = bm.length;
    // lcs[i][j] = LCS length of am[i..] and bm[j..]
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ type: ' ', line: am[i]! });
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
        ops.push({ type: '+', line: bm[j++]! });
      } else {
        ops.push({ type: '-', line: am[i++]! });
      }
    }
  }
  for (const line of a.slice(a.length - suf)) ops.push({ type: ' ', line });
  return ops;
}

function range(start: number, count: number): string {
  // diff -u: an empty range is given as the line before it, with count 0.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function body(op: Op): string {
  if (op.line.endsWith('\n')) return op.type + op.line;
  return `${op.type}${op.line}\n\\ No newline at end of file\n`;
}

/** Unified diff of `before` -> `after` with `context` lines around changes; '' when equal. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((o, i) => (o.type !== ' ' ? i : -1)).filter((i) => i >= 0);
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  let k = 0;
  while (k < changed.length) {
    const first = changed[k]!;
    let last = first;
    // Extend the hunk while the next change is within 2*context lines.
    while (k + 1 < changed.length && changed[k + 1]! - last <= 2 * context + 1) last = changed[++k]!;
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    let oldStart = 1;
    let newStart = 1;
    for (let i = 0; i < from; i++) {
      if (ops[i]!.type !== '+') oldStart++;
      if (ops[i]!.type !== '-') newStart++;
    }
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((o) => o.type !== '+').length;
    const newCount = slice.filter((o) => o.type !== '-').length;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const op of slice) out += body(op);
  }
  return out;
}
