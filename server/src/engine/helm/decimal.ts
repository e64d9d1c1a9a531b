/**
 * Sprig's float functions (addf, subf, mulf, divf) compute with shopspring/decimal: each float64 becomes its shortest
 * decimal, the arithmetic is exact (division rounds to 16 decimal places), and the result is read back as a float64.
 * So `mulf 1.2 2.4 10 4` is 115.2, not 115.19999999999999.
 */
interface Dec {
  /** value = n * 10^-scale */
  n: bigint;
  scale: number;
}

function fromFloat(x: number): Dec {
  if (!Number.isFinite(x)) return { n: 0n, scale: 0 };
  const [mant, expStr] = x.toExponential().split('e') as [string, string];
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const scale = digits.length - 1 - Number(expStr);
  const n = BigInt(digits) * (neg ? -1n : 1n);
  return scale >= 0 ? { n, scale } : { n: n * 10n ** BigInt(-scale), scale: 0 };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(s - a.scale), b.n * 10n ** BigInt(s - b.scale), s];
}

function toFloat(d: Dec): number {
  const neg = d.n < 0n;
  const abs = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, '0');
  const text = d.scale > 0 ? `${abs.slice(0, abs.length - d.scale)}.${abs.slice(abs.length - d.scale)}` : abs;
  return Number((neg ? '-' : '') + text);
}

export type DecOp = 'add' | 'sub' | 'mul' | 'div';

/** Folds the operands left to right with decimal arithmetic; division by zero is Go's panic message. */
export function decimalFold(op: DecOp, first: number, rest: number[]): number {
  let acc = fromFloat(first);
  for (const x of rest) {
    const b = fromFloat(x);
    if (op === 'mul') acc = { n: acc.n * b.n, scale: acc.scale + b.scale };
    else if (op === 'div') {
      if (b.n === 0n) throw new RangeError('decimal division by 0');
      // Scale the dividend so the quotient keeps 16 decimal places, rounding half away from zero.
      const shift = 16 + 1 + b.scale - acc.scale;
      const num = shift >= 0 ? acc.n * 10n ** BigInt(shift) : acc.n / 10n ** BigInt(-shift);
      let q = num / b.n;
      const neg = q < 0n;
      q = neg ? -q : q;
      q = (q + 5n) / 10n;
      acc = { n: neg ? -q : q, scale: 16 };
    } else {
      const [x1, x2, s] = align(acc, b);
      acc = { n: op === 'add' ? x1 + x2 : x1 - x2, scale: s };
    }
  }
  return toFloat(acc);
}
