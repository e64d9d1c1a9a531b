/**
 * ABAC policy files (the API server's `--authorization-policy-file`): one
 * JSON object per line, each an `abac.authorization.kubernetes.io/v1beta1`
 * `Policy` (its rule under `spec`), or an unversioned policy of the first
 * ABAC format (the fields at the top level). Blank lines and lines starting
 * with `#` are skipped, as the API server skips them. Each line is parsed on
 * its own: a bad line is one problem and the others are still read.
 */
import { jsonEntrySpan, jsonMember, parseJson, type JsonEntry, type JsonObject } from '../parse/json-tree';
import type { Span } from '../types';

export const ABAC_API_VERSION = 'abac.authorization.kubernetes.io/v1beta1';

/** The fields of a policy rule. */
export type AbacField = 'user' | 'group' | 'readonly' | 'apiGroup' | 'resource' | 'namespace' | 'nonResourcePath';

export interface AbacPolicy {
  /** 0-based line number. */
  readonly line: number;
  /** The line's text span, white space trimmed. */
  readonly span: Span;
  /** The object holding the rule's fields: `spec`, or the line's object (unversioned). */
  readonly rule: JsonObject;
}

export interface AbacLineProblem {
  readonly line: number;
  readonly span: Span;
  readonly message: string;
}

export class AbacFileView {
  readonly policies: AbacPolicy[] = [];
  readonly problems: AbacLineProblem[] = [];

  constructor(readonly text: string) {
    let start = 0;
    for (let line = 0; start <= text.length; line++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      this.readLine(line, start, end);
      if (nl < 0) break;
      start = nl + 1;
    }
  }

  private readLine(line: number, from: number, to: number): void {
    const raw = this.text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const span = { start: from + lead, end: from + lead + trimmed.length };
    const parsed = parseJson(this.text, span.start, span.end);
    if (!parsed.ok) {
      this.problems.push({ line, span: { start: parsed.at, end: Math.min(parsed.at + 1, span.end) }, message: parsed.message });
      return;
    }
    if (parsed.value.type !== 'object') {
      this.problems.push({ line, span, message: 'a policy line must hold a JSON object' });
      return;
    }
    const apiVersion = jsonMember(parsed.value, 'apiVersion')?.value;
    if (apiVersion === undefined) {
      this.policies.push({ line, span, rule: parsed.value }); // unversioned (v0) policy
      return;
    }
    const kind = jsonMember(parsed.value, 'kind')?.value;
    const spec = jsonMember(parsed.value, 'spec')?.value;
    if (apiVersion.type !== 'string' || apiVersion.value !== ABAC_API_VERSION || kind?.type !== 'string' || kind.value !== 'Policy') {
      this.problems.push({ line, span, message: `not an ABAC policy (expected apiVersion ${ABAC_API_VERSION} and kind Policy)` });
      return;
    }
    if (spec?.type !== 'object') {
      this.problems.push({ line, span, message: 'an ABAC policy needs a spec object' });
      return;
    }
    this.policies.push({ line, span, rule: spec });
  }

  /** A field of a policy's rule when written. */
  field(policy: AbacPolicy, name: AbacField): JsonEntry | undefined {
    return jsonMember(policy.rule, name);
  }

  /** A string field's value (undefined when absent or not a string). */
  stringField(policy: AbacPolicy, name: AbacField): { value: string; span: Span } | undefined {
    const e = this.field(policy, name);
    return e?.value.type === 'string' ? { value: e.value.value, span: jsonEntrySpan(this.text, e) } : undefined;
  }
}

/**
 * Whether a text is an ABAC policy file by its content: its first line that
 * is not blank or a comment is a JSON object with the ABAC apiVersion and
 * kind Policy. (Unversioned policies are recognised only by name: `*.abac`.)
 */
export function looksLikeAbac(text: string): boolean {
  for (const raw of text.slice(0, 64 * 1024).split('\n')) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (!t.startsWith('{') || !t.includes(ABAC_API_VERSION)) return false;
    const parsed = parseJson(t);
    if (!parsed.ok || parsed.value.type !== 'object') return false;
    const v = jsonMember(parsed.value, 'apiVersion')?.value;
    const k = jsonMember(parsed.value, 'kind')?.value;
    return v?.type === 'string' && v.value === ABAC_API_VERSION && k?.type === 'string' && k.value === 'Policy';
  }
  return false;
}
