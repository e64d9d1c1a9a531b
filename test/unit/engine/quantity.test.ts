// Kubernetes quantities: the grammar of apimachinery's ParseQuantity, exact comparisons
// across suffixes, nano rounding and the 2^63-1 cap, and YAML numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareQuantities, isZero, parseQuantity, quantityOf, type Quantity } from '../../../server/src/engine/views/quantity';

const q = (s: string): Quantity => {
  const v = parseQuantity(s);
  assert.ok(v, `${JSON.stringify(s)} should parse`);
  return v;
};
const cmp = (a: string, b: string): number => compareQuantities(q(a), q(b));

test('plain, decimal SI and binary SI values in nano-units', () => {
  const cases: Array<[string, bigint]> = [
    ['0', 0n],
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['250u', 250_000n],
    ['7n', 7n],
    ['2k', 2_000n * 10n ** 9n],
    ['1M', 10n ** 15n],
    ['1G', 10n ** 18n],
    ['1T', 10n ** 21n],
    ['1P', 10n ** 24n],
    ['1E', 10n ** 27n],
    ['1Ki', 1024n * 10n ** 9n],
    ['512Mi', 512n * 2n ** 20n * 10n ** 9n],
    ['1Gi', 2n ** 30n * 10n ** 9n],
    ['1Ti', 2n ** 40n * 10n ** 9n],
    ['1Pi', 2n ** 50n * 10n ** 9n],
    ['1.5Gi', 3n * 2n ** 29n * 10n ** 9n],
    ['007', 7_000_000_000n],
  ];
  for (const [text, nanos] of cases) assert.equal(q(text).nanos, nanos, text);
});

test('number forms: fractions, a trailing or leading dot, signs, surrounding space', () => {
  assert.equal(q('0.5').nanos, 500_000_000n);
  assert.equal(q('.5').nanos, 500_000_000n);
  assert.equal(q('1.').nanos, 1_000_000_000n);
  assert.equal(q('+1').nanos, 1_000_000_000n);
  assert.equal(q('-1').nanos, -1_000_000_000n);
  assert.equal(q('  2Gi  ').text, '2Gi');
  assert.equal(q('2.5m').nanos, 2_500_000n);
});

test('decimal exponents, with and without a sign, upper and lower case', () => {
  assert.equal(cmp('1e3', '1k'), 0);
  assert.equal(cmp('1E3', '1000'), 0);
  assert.equal(cmp('1e+3', '1k'), 0);
  assert.equal(cmp('1e-3', '1m'), 0);
  assert.equal(cmp('1E-3', '1m'), 0);
  assert.equal(cmp('2.5e2', '250'), 0);
  assert.equal(cmp('1e18', '1E'), 0, '1E alone is exa, 1e18 is an exponent: the same value');
  assert.equal(cmp('12e-1', '1200m'), 0);
});

test('comparisons across units', () => {
  assert.equal(cmp('500m', '1'), -1);
  assert.equal(cmp('1', '500m'), 1);
  assert.equal(cmp('1000m', '1'), 0);
  assert.equal(cmp('512Mi', '1G'), -1);
  assert.equal(cmp('1Gi', '1G'), 1);
  assert.equal(cmp('1000Mi', '1G'), 1, '1000Mi = 1048576000 bytes');
  assert.equal(cmp('953Mi', '1G'), -1, '953Mi = 999292928 bytes');
  assert.equal(cmp('1024Ki', '1Mi'), 0);
  assert.equal(cmp('0.1', '100m'), 0);
  assert.equal(cmp('-1', '0'), -1);
});

test('exact beyond double precision', () => {
  assert.equal(cmp('9007199254740993', '9007199254740992'), 1, '2^53 + 1 vs 2^53');
  assert.equal(cmp('1.000000001', '1'), 1);
  assert.equal(cmp('123456789.123456789', '123456789.123456788'), 1);
  assert.equal(cmp('0.3', '300m'), 0);
});

test('values below one nano-unit round up to it, like Kubernetes', () => {
  assert.equal(q('0.1n').nanos, 1n);
  assert.equal(q('1.0000000001').nanos, 1_000_000_001n);
  assert.equal(q('1e-10').nanos, 1n);
  assert.equal(q('1e-100000').nanos, 1n);
  assert.equal(q('-0.1n').nanos, -1n, 'rounded away from zero');
  assert.equal(q('0e-100000').nanos, 0n);
  assert.equal(q('0.0000000000').nanos, 0n);
});

test('magnitudes are capped at 2^63-1, like Kubernetes', () => {
  const max = (2n ** 63n - 1n) * 10n ** 9n;
  assert.equal(q('9223372036854775807').nanos, max);
  assert.equal(q('9223372036854775806').nanos, max - 10n ** 9n);
  assert.equal(q('1e100').nanos, max);
  assert.equal(q('1e100000').nanos, max);
  assert.equal(q('8Ei').nanos, max, '8Ei = 2^63');
  assert.equal(q('-1e100').nanos, -max);
  assert.equal(cmp('1e30', '1e31'), 0, 'both capped');
});

test('invalid quantities are rejected', () => {
  const invalid = [
    '', ' ', '.', '+', '-', 'abc', 'm', 'Gi',
    '1K', '1mi', '1gi', '1MB', '1 Gi', '1e', '1e+', '1E+', '1ee3', '1e3m', '1e1.5', '1.5.5', '1,5', '0x10', '1_000',
    '1e9223372036854775808', '--1', '+-1', 'Infinity', 'NaN', '1\n2',
  ];
  for (const s of invalid) assert.equal(parseQuantity(s), undefined, JSON.stringify(s));
  assert.equal(parseQuantity('1'.repeat(5000)), undefined, 'overlong input');
});

test('long hostile inputs are answered (no backtracking blow-up)', () => {
  for (const s of ['1'.repeat(4000) + 'x', '1'.repeat(2000) + '.' + '1'.repeat(2000) + 'Q', '.'.repeat(4000), 'e'.repeat(4000)]) {
    assert.equal(parseQuantity(s), undefined);
  }
  assert.ok(q('9'.repeat(4000)).nanos > 0n);
});

test('quantityOf: strings, YAML numbers through their source text, other values', () => {
  assert.equal(quantityOf('250m')?.nanos, 250_000_000n);
  assert.equal(quantityOf(0.5)?.nanos, 500_000_000n);
  assert.equal(quantityOf(0.3)?.nanos, 300_000_000n, 'the shortest decimal form, not the binary double');
  assert.equal(quantityOf(2)?.nanos, 2_000_000_000n);
  assert.equal(quantityOf(1000, '1e3')?.nanos, 1_000_000_000_000n);
  assert.equal(quantityOf(9007199254740992, '9007199254740993')?.nanos, 9007199254740993n * 10n ** 9n, 'the source digits win');
  assert.equal(quantityOf(16, '0x10')?.nanos, 16_000_000_000n, 'an invalid source falls back to the number');
  assert.equal(quantityOf(1e21)?.nanos, (2n ** 63n - 1n) * 10n ** 9n);
  assert.equal(quantityOf(10n)?.nanos, 10_000_000_000n);
  for (const v of [null, undefined, true, false, Infinity, NaN, {}, []]) assert.equal(quantityOf(v), undefined, String(v));
});

test('isZero', () => {
  assert.equal(isZero(q('0')), true);
  assert.equal(isZero(q('0Gi')), true);
  assert.equal(isZero(q('0.0m')), true);
  assert.equal(isZero(q('1n')), false);
  assert.equal(isZero(q('0.1n')), false, 'rounds up to 1n');
});
