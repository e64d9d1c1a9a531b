/** New YAML text for values a fix writes: scalars, flow values and block lines in the file's style. */
import { parse as parseYaml } from 'yaml';
import { kubectlScalar } from '../parse/kubectl-scalars';
import { spaces } from './text-lines';

/** A value to write: scalars, arrays and plain objects (key order kept). */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** What block lines need to know about the file (a YamlEditor has both). */
export interface BlockStyle {
  /** Indentation unit (2, 4, ...). */
  readonly unit: number;
  /** Block sequences indented under their key (`key:\n  - a`) rather than not (`key:\n- a`). */
  readonly indentSeq: boolean;
}

/** A scalar as YAML text: plain when it reads back as the same value, else double-quoted. */
export function formatScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return String(value);
  return formatString(value);
}

/**
 * A word both YAML 1.2 and kubectl read as a string without asking the parser:
 * a letter, then letters, digits and `_ . / -`, other than the YAML 1.2 null
 * and boolean words (numbers, `.inf` and `.nan` start with a digit, a sign or
 * a dot). Most keys and values a fix writes (securityContext, RuntimeDefault,
 * ALL) are such words; YAML 1.1 words (`on`, `yes`) are left to kubectlScalar.
 */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9_./-]*$/;
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

function formatString(value: string): string {
  if (PLAIN_WORD.test(value) && !CORE_WORDS.test(value)) return kubectlScalar(value) === value ? value : JSON.stringify(value);
  return formatParsed(value);
}

/** formatScalar of a string, asking the parser how it reads the string plain (exported for the test that PLAIN_WORD agrees). */
export function formatParsed(value: string): string {
  if (value !== '' && value === value.trim() && !/[\n\r\t#{}[\],&*!|>'"%@`]/.test(value) && !/^[-?:](\s|$)/.test(value) && !value.includes(': ')) {
    try {
      // A string both readings take as a string: YAML 1.2 and kubectl's YAML 1.1 (`on`, `0755` are not).
      if (parseYaml(value) === value && kubectlScalar(value) === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}

export function isScalarValue(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

export function isArray(v: YamlValue): v is readonly YamlValue[] {
  return Array.isArray(v);
}

/** Flow-style text of a value (`{type: RuntimeDefault}`, `[ALL]`). */
export function flowValue(v: YamlValue): string {
  if (isScalarValue(v)) return formatScalar(v);
  if (isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  const entries = Object.entries(v as Record<string, YamlValue>);
  return `{${entries.map(([k, x]) => `${formatScalar(k)}: ${flowValue(x)}`).join(', ')}}`;
}

/** Block-style lines of `key: value` with the key at `col`. */
export function blockEntry(ed: BlockStyle, key: string, value: YamlValue, col: number): string[] {
  const head = `${spaces(col)}${formatScalar(key)}:`;
  if (isScalarValue(value)) return [`${head} ${formatScalar(value)}`];
  if (isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    const itemCol = ed.indentSeq ? col + ed.unit : col;
    return [head, ...value.flatMap((item) => seqItemLines(ed, item, itemCol))];
  }
  const entries = Object.entries(value as Record<string, YamlValue>);
  if (entries.length === 0) return [`${head} {}`];
  return [head, ...entries.flatMap(([k, x]) => blockEntry(ed, k, x, col + ed.unit))];
}

/** Block-style lines of one sequence item with its dash at `col`. */
export function seqItemLines(ed: BlockStyle, item: YamlValue, col: number): string[] {
  if (isScalarValue(item) || isArray(item)) return [`${spaces(col)}- ${flowValue(item)}`];
  const entries = Object.entries(item as Record<string, YamlValue>);
  if (entries.length === 0) return [`${spaces(col)}- {}`];
  const lines = entries.flatMap(([k, x]) => blockEntry(ed, k, x, col + 2));
  lines[0] = `${spaces(col)}- ${lines[0]!.slice(col + 2)}`;
  return lines;
}

/** A nested value for the remaining keys of a path (`['a','b'], v` -> `{a: {b: v}}`). */
export function nest(path: readonly string[], value: YamlValue): YamlValue {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]!]: v };
  return v;
}
