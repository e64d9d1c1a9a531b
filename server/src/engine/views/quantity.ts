/**
 * Kubernetes resource quantities (`500m`, `1`, `512Mi`, `1G`, `1e3`), parsed the
 * way apimachinery's `resource.ParseQuantity` parses them and compared exactly.
 *
 * A quantity is held as a BigInt count of nano-units (10^-9), which is exact:
 * Kubernetes itself rounds every non-zero value up to the nearest nano-unit and caps
 * the magnitude at 2^63-1, and so does this parser, so two quantities compare here
 * as they compare in the API server's validation. No floating point is involved;
 * a YAML number is compared through its source text when that is a valid quantity.
 *
 * Grammar (apimachinery `quantity.go`):
 *   quantity ::= [+-] number suffix
 *   number   ::= digits | digits "." digits | digits "." | "." digits
 *   suffix   ::= binarySI (Ki Mi Gi Ti Pi Ei) | decimalSI (n u m "" k M G T P E)
 *              | ("e" | "E") [+-] digits
 * Surrounding whitespace is ignored (the JSON decoder trims it).
 */

export interface Quantity {
  /** The quantity as written (trimmed). */
  readonly text: string;
  /** Value in nano-units: rounded up (away from zero) to 10^-9, magnitude capped at 2^63-1 units. */
  readonly nanos: bigint;
}

const DECIMAL_SI: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Sign, integer digits, optional fraction, then the rest (the suffix). Linear: no nested quantifiers. */
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([\s\S]*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

const NANO_EXP = 9n;
/** apimachinery's maxAllowed: 2^63-1 units, here in nano-units. */
const MAX_NANOS = (2n ** 63n - 1n) * 10n ** NANO_EXP;
const MAX_NANOS_DIGITS = MAX_NANOS.toString().length;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
/** Longer inputs are not quantities anyone writes; refusing them bounds the BigInt work. */
const MAX_LENGTH = 4096;

/** Parse a quantity string; undefined when Kubernetes would reject it. */
export function parseQuantity(input: string): Quantity | undefined {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_LENGTH) return undefined;
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', fraction, suffix = ''] = m;
  const frac = fraction ?? '';
  if (whole.length === 0 && frac.length === 0) return undefined;

  let exp10: bigint;
  let exp2 = 0;
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SI, suffix)) {
    exp10 = BigInt(DECIMAL_SI[suffix]!);
  } else if (Object.prototype.hasOwnProperty.call(BINARY_SI, suffix)) {
    exp10 = 0n;
    exp2 = BINARY_SI[suffix]!;
  } else {
    const e = EXPONENT.exec(suffix);
    if (!e) return undefined;
    exp10 = BigInt(e[1]!);
    // Go's strconv.ParseInt(..., 64) rejects exponents outside int64.
    if (exp10 > INT64_MAX || exp10 < INT64_MIN) return undefined;
  }

  let coefficient = BigInt(whole + frac); // leading zeros are fine for BigInt
  if (exp2 > 0) coefficient <<= BigInt(exp2);
  const nanos = scaleToNanos(coefficient, exp10 - BigInt(frac.length) + NANO_EXP);
  return { text, nanos: sign === '-' ? -nanos : nanos };
}

/** coefficient * 10^scale, rounded up to an integer, capped at MAX_NANOS. coefficient >= 0. */
function scaleToNanos(coefficient: bigint, scale: bigint): bigint {
  if (coefficient === 0n) return 0n;
  const digits = BigInt(coefficient.toString().length);
  if (scale >= 0n) {
    // coefficient has `digits` digits, so the product has at least digits + scale digits.
    if (digits + scale > BigInt(MAX_NANOS_DIGITS)) return MAX_NANOS;
    const v = coefficient * 10n ** scale;
    return v > MAX_NANOS ? MAX_NANOS : v;
  }
  const shift = -scale;
  // Smaller than one nano-unit: rounds up to one.
  if (shift > digits) return 1n;
  const divisor = 10n ** shift;
  const q = coefficient / divisor;
  const v = q * divisor === coefficient ? q : q + 1n;
  return v > MAX_NANOS ? MAX_NANOS : v;
}

/**
 * The quantity of a YAML scalar value: a string, or a number (through `source`,
 * its text in the file, when that is a valid quantity, else its shortest decimal
 * form). Anything else (null, booleans, maps) is not a quantity.
 */
export function quantityOf(value: unknown, source?: string): Quantity | undefined {
  if (typeof value === 'string') return parseQuantity(value);
  if (typeof value === 'bigint') return parseQuantity(value.toString());
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const fromSource = source === undefined ? undefined : parseQuantity(source);
    return fromSource ?? parseQuantity(String(value));
  }
  return undefined;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function isZero(q: Quantity): boolean {
  return q.nanos === 0n;
}
