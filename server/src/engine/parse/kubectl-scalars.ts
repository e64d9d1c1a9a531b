/**
 * Plain scalars read the way kubectl reads them. kubectl converts YAML to
 * JSON with sigs.k8s.io/yaml, whose YAML library is a fork of go-yaml v2:
 * YAML 1.1 scalar resolution, not the YAML 1.2 core schema the `yaml`
 * library applies. A Kubernetes document is read with these rules (see
 * `readAsKubectl`), so every rule, fix and schema check sees what the API
 * server will get. Only plain (unquoted), untagged scalars are resolved:
 * quoted strings stay strings. The rules (checked against kubectl, see
 * scripts/kubectl-scalars.mjs and test/fixtures/kubectl/scalars.json):
 *
 * - booleans: y Y yes Yes YES true True TRUE on On ON, and
 *   n N no No NO false False FALSE off Off OFF;
 * - null: empty, ~ null Null NULL;
 * - integers as Go's strconv.ParseInt with base 0 after removing every `_`:
 *   an optional sign, then decimal, `0x`/`0X` hex, `0o`/`0O` or a leading `0`
 *   octal (`0755` is 493), `0b`/`0B` binary; too large for 64 bits, a float;
 * - floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (after
 *   removing `_`; `08` is 8, `0019` is 19), .inf +.inf -.inf .nan in the three spellings
 *   (kubectl then refuses the file: JSON has no infinity);
 * - anything else, timestamps included, is a string.
 *
 * Map keys become the strings sigs.k8s.io/yaml writes for them: a key `y`
 * or `on` is "true", `0755` is "493".
 */
import { isMap, isPair, isScalar, isSeq, type Scalar } from 'yaml';

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL = ['', '~', 'null', 'Null', 'NULL'];
const SPECIAL = new Map<string, unknown>([
  ...TRUE.map((s) => [s, true] as const),
  ...FALSE.map((s) => [s, false] as const),
  ...NULL.map((s) => [s, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** go-yaml's first-character hints: only these can start a non-string plain scalar. */
const HINTS = new Set('+-0123456789yYnNtTfFoO~.'.split(''));
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const FLOAT_DOT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;

type Resolved = { tag: 'bool' | 'null' | 'int' | 'uint' | 'float' | 'str'; value: unknown };

/** strconv.ParseInt(s, 0, 64), else ParseUint(s, 0, 64) (no sign): the integer, or undefined. */
function goInt(s: string): Resolved | undefined {
  const m = GO_INT.exec(s);
  if (!m) return undefined;
  const [, sign, hex, oct, bin, leadingZero, dec] = m;
  let n: bigint;
  if (hex !== undefined) n = BigInt(`0x${hex}`);
  else if (oct !== undefined) n = BigInt(`0o${oct}`);
  else if (bin !== undefined) n = BigInt(`0b${bin}`);
  else if (leadingZero !== undefined) n = leadingZero.length > 1 ? BigInt(`0o${leadingZero.slice(1)}`) : 0n;
  else n = BigInt(dec!);
  if (sign === '-') n = -n;
  if (n >= -(2n ** 63n) && n < 2n ** 63n) return { tag: 'int', value: n === 0n ? 0 : Number(n) };
  if (sign === '' && n >= 0n && n < 2n ** 64n) return { tag: 'uint', value: Number(n) };
  return undefined;
}

/** go-yaml v2's resolve() for an untagged plain scalar. */
function resolve(source: string): Resolved {
  if (source !== '' && !HINTS.has(source[0]!)) return { tag: 'str', value: source };
  if (SPECIAL.has(source)) {
    const value = SPECIAL.get(source);
    return { tag: typeof value === 'boolean' ? 'bool' : value === null ? 'null' : 'float', value };
  }
  const hint = source[0]!;
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  if (hint === '.') return FLOAT_DOT.test(plain) ? { tag: 'float', value: Number(plain) } : { tag: 'str', value: source };
  if (hint === '+' || hint === '-' || (hint >= '0' && hint <= '9')) {
    const int = goInt(plain);
    if (int) return int;
    if (GO_FLOAT.test(plain)) {
      const f = Number(plain);
      return { tag: 'float', value: f === 0 ? 0 : f };
    }
  }
  return { tag: 'str', value: source };
}

/** The value kubectl reads for a plain scalar written as `source` (its folded text). */
export function kubectlScalar(source: string): unknown {
  return resolve(source).value;
}

/** Go's strconv.FormatFloat(v, 'g', -1, 32), which sigs.k8s.io/yaml writes for a float key. */
function float32Key(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  const f = Math.fround(v);
  if (f === 0) return '0';
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    digits = f.toExponential(p - 1);
    if (Math.fround(Number(digits)) === f) break;
  }
  const [mantissa, e] = digits.split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(Number(digits));
}

/** The map key kubectl writes to JSON for a plain key scalar, or undefined when kubectl refuses it (a null or uint64 key). */
export function kubectlKey(source: string): string | undefined {
  const { tag, value } = resolve(source);
  switch (tag) {
    case 'str':
      return value as string;
    case 'bool':
    case 'int':
      return String(value);
    case 'float':
      return float32Key(value as number);
    default:
      return undefined;
  }
}

function isPlainUntagged(node: Scalar): boolean {
  return node.type === 'PLAIN' && !node.tag && typeof node.source === 'string';
}

/**
 * Rewrite, in place, every plain untagged scalar of `doc` to the value
 * kubectl reads for it (map keys to the key strings kubectl writes). Called
 * once per Kubernetes document, before any rule reads it. One iterative walk
 * (aliases are not followed: the node they name is rewritten where it is).
 */
export function readAsKubectl(doc: { readonly contents: unknown }): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (!isPair(item)) {
          stack.push(item);
          continue;
        }
        const key = item.key;
        if (isScalar(key)) {
          if (isPlainUntagged(key)) {
            const k = kubectlKey(key.source!);
            key.value = k === undefined ? null : k;
          }
        } else stack.push(key);
        stack.push(item.value);
      }
    } else if (isScalar(n) && isPlainUntagged(n)) {
      const source = n.source!;
      if (source === '' || HINTS.has(source[0]!)) n.value = resolve(source).value; // else a string either way
    }
  }
}
