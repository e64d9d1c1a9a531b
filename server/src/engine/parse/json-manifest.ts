/**
 * JSON manifests. `kubectl apply -f` takes JSON as well as YAML (a stream
 * whose first character is `{` is decoded as JSON), and the engine lints JSON
 * as the YAML it also is. But a repository holds much JSON that is no
 * manifest (package.json, tsconfig.json, editor settings, data files), which
 * must cost next to nothing and produce nothing.
 *
 * A JSON text is a Kubernetes manifest when its top-level value is an object
 * with a string `apiVersion` and a string `kind` or an `items` array (a List,
 * as `kubectl get -o json` writes it: apiVersion, items, kind). Only the
 * top-level keys are read, nested values are skipped without being parsed,
 * and the answer comes as soon as it is known: kubectl's output (`apiVersion`
 * first) and typed objects (`kind` first) are recognised after a few bytes
 * however large they are. When the first key is neither, the look is limited
 * to the first `JSON_SNIFF_CHARS` characters, so a large data file is rejected
 * cheaply.
 */

/** How far into a JSON text whose first key is not `apiVersion` or `kind` the top-level keys are looked for. */
export const JSON_SNIFF_CHARS = 64 * 1024;

const JSON_NAME = /\.json$/i;

export function isJsonFileName(path: string): boolean {
  return JSON_NAME.test(path);
}

/** `manifest` or `other`; `more` when `text` is a prefix of the file and the rest decides. */
export type JsonVerdict = 'manifest' | 'other' | 'more';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Offset of the first character that is not JSON white space (or a byte-order mark). */
function skipSpace(text: string, i: number): number {
  while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfeff)) i++;
  return i;
}

/** True when the first character after white space opens a JSON object: kubectl then reads the text as JSON. */
export function startsAsJson(text: string): boolean {
  return text.charCodeAt(skipSpace(text, 0)) === 0x7b;
}

/** Offset just after the string starting at `i` (a `"`), or -1 when it does not end. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** Offset just after the value starting at `i`, or -1 when it does not end within `text`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return stringEnd(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) {
        j = stringEnd(text, j) - 1;
        if (j < 0) return -1;
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !isSpace(text.charCodeAt(j)) && text[j] !== ',' && text[j] !== '}') j++;
  return j < text.length ? j : -1;
}

/**
 * Does this JSON text hold a Kubernetes object or List? `complete`: `text` is
 * the whole file (else a prefix of it, and `more` says the rest is needed).
 * Invalid JSON is `other` from the first place it breaks.
 */
export function sniffJsonManifest(input: string, complete: boolean): JsonVerdict {
  let text = input;
  let limited = false;
  const end = (): JsonVerdict => (complete || limited ? 'other' : 'more');
  let i = skipSpace(text, 0);
  if (i >= text.length) return end();
  if (text.charCodeAt(i) !== 0x7b) return 'other';
  let apiVersion = false;
  let kindOrItems = false;
  for (let first = true; ; first = false) {
    i = skipSpace(text, i + 1);
    if (i >= text.length) return end();
    if (text.charCodeAt(i) !== 0x22) return 'other'; // `}` (no more keys) or not JSON
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return end();
    const key = text.slice(i + 1, keyEnd - 1);
    if (first && key !== 'apiVersion' && key !== 'kind' && text.length >= JSON_SNIFF_CHARS) {
      // Not how manifests start: look no further than the first JSON_SNIFF_CHARS.
      text = text.slice(0, JSON_SNIFF_CHARS);
      limited = true;
    }
    i = skipSpace(text, keyEnd);
    if (i >= text.length) return end();
    if (text[i] !== ':') return 'other';
    i = skipSpace(text, i + 1);
    if (i >= text.length) return end();
    const value = text.charCodeAt(i);
    if (key === 'apiVersion') apiVersion ||= value === 0x22;
    else if (key === 'kind') kindOrItems ||= value === 0x22;
    else if (key === 'items') kindOrItems ||= value === 0x5b;
    if (apiVersion && kindOrItems) return 'manifest';
    const after = valueEnd(text, i);
    if (after < 0) return end();
    i = skipSpace(text, after);
    if (i >= text.length) return end();
    if (text[i] !== ',') return 'other'; // `}`: the object ended without both keys
  }
}
