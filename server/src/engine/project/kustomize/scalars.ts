/**
 * Plain scalars of resource files as kustomize reads them (go-yaml v3's resolver), where that
 * differs from the YAML 1.2 core schema the engine parses with: underscores in numbers are dropped
 * (`1_000` is 1000), a leading zero is octal (`014` is 12), `0b`/`0B`, `0O` and `0X` prefixes are
 * numbers, and `08` is the float 8; a plain date (`2001-12-14`) is a timestamp that kubectl prints
 * as `2001-12-14T00:00:00Z`. The built objects hold those values as kubectl prints them. A block
 * scalar (`|`, `>`) that ends the file without a final line break has no trailing newline (the YAML
 * spec's end-of-input chomping, which go-yaml follows; the engine's parser adds one).
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { kubectlScalar } from '../../parse/kubectl-scalars';

/**
 * The number go-yaml v3 (kustomize's reader) makes of a plain scalar's text, or undefined when it is
 * not a finite number. Its numbers are go-yaml v2's (parse/kubectl-scalars.ts); only its booleans differ.
 */
export function goYamlNumber(source: string): number | undefined {
  const value = kubectlScalar(source);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A plain `YYYY-M-D` date as go-yaml reads it and JSON writes it back (RFC 3339, midnight UTC). */
export function goYamlDate(source: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(source);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`;
}

/** A plain scalar's text as written (a merged copy keeps its source; its range lies beyond the text). */
function sourceText(node: Scalar, text: string): string {
  if (typeof node.source === 'string') return node.source;
  return node.range ? text.slice(node.range[0], node.range[1]).trim() : '';
}

/** A block scalar that ends the text, which has no final line break, holding a value that ends with one. */
function atEndWithoutBreak(node: Scalar, text: string): boolean {
  if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) return false;
  if (!node.range || node.range[1] !== text.length || /[\r\n]$/.test(text)) return false;
  return typeof node.value === 'string' && node.value.endsWith('\n');
}

/** Rewrites the plain scalars of a parsed document whose go-yaml value differs (numbers, dates). */
export function goYamlScalars(node: unknown, text: string): void {
  if (isScalar(node)) {
    if (atEndWithoutBreak(node, text)) node.value = (node.value as string).slice(0, -1);
    if (node.type !== Scalar.PLAIN || !node.range || (typeof node.value !== 'string' && typeof node.value !== 'number')) return;
    const source = sourceText(node, text);
    const value = goYamlNumber(source) ?? goYamlDate(source);
    if (value !== undefined && value !== node.value) node.value = value;
    if (typeof node.value === 'number') {
      // kubectl prints numbers plainly (1024, not 0o2000; 1000, not 1e3; 1.5, not 1.50).
      delete node.format;
      delete node.minFractionDigits;
    }
  } else if (isMap(node)) {
    for (const pair of node.items) goYamlScalars(pair.value, text);
  } else if (isSeq(node)) for (const item of node.items) goYamlScalars(item, text);
}

/**
 * An object's `metadata.annotations` as kustomize keeps them (a string map): every scalar value
 * becomes the text it was written as (`1` is "1", `014` is "014", `null` is "null", nothing is "").
 * Returns the values it created for empty entries (their origin is set by the caller).
 */
export function annotationStrings(object: unknown, text: string): Scalar[] {
  const created: Scalar[] = [];
  const annotations = isMap(object) ? object.getIn(['metadata', 'annotations'], true) : undefined;
  if (!isMap(annotations)) return created;
  for (const pair of annotations.items) {
    if (pair.value === null || pair.value === undefined) {
      const empty = new Scalar('');
      pair.value = empty;
      created.push(empty);
    } else if (isScalar(pair.value) && typeof pair.value.value !== 'string') {
      pair.value.value = pair.value.range ? sourceText(pair.value, text) : String(pair.value.value);
    } else if (isScalar(pair.value) && pair.value.type === Scalar.PLAIN && pair.value.range) {
      pair.value.value = sourceText(pair.value, text);
    }
  }
  return created;
}
