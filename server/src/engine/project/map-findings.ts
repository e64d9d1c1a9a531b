/**
 * Linting a built object and reporting its findings where their values were
 * written.
 *
 * The object is serialised to YAML (without comments: a comment copied from a
 * source must not act as a suppression in the built text) and linted by the
 * ordinary engine with the settings of the object's source file. Each
 * finding's span in that text is taken back to a node path: the same path in
 * the built object's node tree gives the node, and its provenance the file
 * and range (the nearest ancestor with an origin when the node has none). A
 * finding on a key is reported at the key's origin (`Origin.keySpan`);
 * otherwise at the node's origin, narrowed to its first line, or exactly at
 * the same characters when the source writes the scalar as the built text does.
 */
import { Document, isMap, isNode, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { EngineSettings } from '../config/settings';
import { lintText } from '../lint';
import type { CustomWorkloads } from '../views/workloads';
import type { RuleHooks } from '../run-rule';
import { clampToLine } from '../text';
import type { Finding, LazyFixes, RelatedLocation, Span } from '../types';
import { basenameOf } from './paths';
import type { BuiltObject, Origin, ProjectPath } from './types';

/** A finding of a built object, in the coordinates of the file that wrote the flagged value. */
export interface MappedFinding {
  file: ProjectPath;
  finding: Finding;
}

/**
 * The object as YAML text (comments dropped), the text the engine lints. It is
 * written as YAML 1.1, which kubectl reads: a string such as `on` or `yes` (from
 * an env file of a generator) is quoted, not read back as a boolean.
 */
export function lintableText(object: BuiltObject): string {
  const doc = new Document(undefined, { version: '1.1' });
  doc.contents = object.node.clone() as typeof object.node;
  visit(doc, {
    Node(_, node) {
      const n = node as { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };
      n.commentBefore = null;
      n.comment = null;
    },
    Pair(_, pair) {
      const k = pair.key as { commentBefore?: string | null; comment?: string | null } | null;
      if (k && typeof k === 'object') {
        k.commentBefore = null;
        k.comment = null;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Where a span of the serialised text lies: the built node (and its ancestors), and whether on a key. */
interface Located {
  /** Built-side chain from the object root to the node that holds the span (last). */
  chain: unknown[];
  /** For each node of the chain that is a map value: its key (same index). */
  keys: unknown[];
  onKey: boolean;
  /** The serialised node's value range when it is a scalar (for exact placement). */
  scalarRange?: [number, number];
}

function contains(node: unknown, at: number): node is Node & { range: [number, number, number] } {
  return isNode(node) && node.range != null && at >= node.range[0] && at < Math.max(node.range[1], node.range[0] + 1);
}

/** Walks the parsed serialised node and the built node in step to the innermost node holding `at`. */
function locate(parsed: unknown, built: unknown, at: number): Located {
  const chain: unknown[] = [built];
  const keys: unknown[] = [undefined];
  let p = parsed;
  let b = built;
  for (;;) {
    let next: { p: unknown; b: unknown; key?: unknown } | undefined;
    if (isMap(p) && isMap(b)) {
      for (let i = 0; i < p.items.length && i < b.items.length && !next; i++) {
        const pp = p.items[i]!;
        const bp = b.items[i]!;
        if (contains(pp.key, at)) {
          chain.push(bp.value ?? bp.key);
          keys.push(bp.key);
          return { chain, keys, onKey: true };
        }
        if (contains(pp.value, at)) next = { p: pp.value, b: bp.value, key: bp.key };
      }
    } else if (isSeq(p) && isSeq(b)) {
      for (let i = 0; i < p.items.length && i < b.items.length && !next; i++) {
        if (contains(p.items[i], at)) next = { p: p.items[i], b: b.items[i] };
      }
    }
    if (!next || next.b == null) {
      const range = isScalar(p) && p.range ? ([p.range[0], p.range[1]] as [number, number]) : undefined;
      return { chain, keys, onKey: false, ...(range ? { scalarRange: range } : {}) };
    }
    chain.push(next.b);
    keys.push(next.key);
    p = next.p;
    b = next.b;
  }
}

/**
 * The origin of the innermost node of the chain that has one (a map value
 * without one: its key's, on the same line), and whether it is that node's own.
 */
function originOf(object: BuiltObject, located: Located): { origin: Origin; own: boolean } | undefined {
  const { chain, keys } = located;
  for (let i = chain.length - 1; i >= 0; i--) {
    const own = i === chain.length - 1;
    for (const node of [chain[i], keys[i]]) {
      const origin = isNode(node) ? object.provenance.get(node) : undefined;
      if (origin) return { origin, own: own && node === chain[i] };
    }
  }
  return undefined;
}

/** A span of the serialised text, in the coordinates of the file that wrote it. */
function placeSpan(
  object: BuiltObject,
  parsed: unknown,
  built: string,
  span: Span,
  readText: (file: ProjectPath) => string | undefined,
): { file: ProjectPath; span: Span; written?: Origin } {
  const located = locate(parsed, object.node, span.start);
  const found = originOf(object, located);
  const origin = found?.origin ?? { file: object.source.file, span: object.source.span };
  const text = readText(origin.file) ?? '';
  const written = found?.own ? { written: origin } : {};
  if (located.onKey && found?.own && origin.keySpan) return { file: origin.file, span: clampToLine(text, origin.keySpan.start, origin.keySpan.end), ...written };
  const r = located.scalarRange;
  if (found?.own && r && text.slice(origin.span.start, origin.span.end) === built.slice(r[0], r[1])) {
    // The source writes the scalar as the built text does: the same characters.
    const from = origin.span.start + Math.max(0, span.start - r[0]);
    return { file: origin.file, span: clampToLine(text, from, origin.span.start + Math.min(r[1], span.end) - r[0]), ...written };
  }
  return { file: origin.file, span: clampToLine(text, origin.span.start, origin.span.end), ...written };
}

/** The related information of a finding at a Helm values line: the template line that rendered the value. */
export const RENDERED_AT = 'the template renders the value here';

/**
 * For a finding on a value a patch wrote: where the value it overrides was written (the base's line)
 * and the kustomization entry that applied the patch, as related locations in those files.
 */
function patchContext(written: Origin | undefined, file: ProjectPath, readText: (file: ProjectPath) => string | undefined): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const add = (at: { file: ProjectPath; span: Span }, message: string): void => {
    const span = clampToLine(readText(at.file) ?? '', at.span.start, at.span.end);
    out.push({ span, message, ...(at.file !== file ? { file: at.file } : {}) });
  };
  if (written?.overrides) add(written.overrides, written.overrides.via ? 'overrides the value an earlier patch wrote here' : "overrides the base's value here");
  if (written?.appliedBy) add(written.appliedBy, 'the patch is applied here');
  if (written?.renderedAt) add(written.renderedAt, RENDERED_AT);
  return out;
}

/** The origin of the node at an offset of the serialised text (and the scalar's range there when it is one). */
export interface BuiltOrigin {
  origin: Origin;
  own: boolean;
  scalarRange?: [number, number];
}

/** Maps a finding's fixes (on the serialised text) to the file the finding is reported in; undefined: no fixes. */
export type FixMapper = (built: Finding, originAt: (offset: number) => BuiltOrigin | undefined, file: ProjectPath, text: string) => LazyFixes | undefined;

/**
 * Lint one built object and map its findings to the files that wrote their
 * values. `readText`: the project's file texts (for placing spans). The rule's
 * related locations that land in another file than their finding are dropped;
 * a finding on a value a patch wrote gets the overridden value and the entry
 * that applied the patch as related locations (naming their files).
 */
export function lintBuiltObject(
  object: BuiltObject,
  settings: EngineSettings,
  readText: (file: ProjectPath) => string | undefined,
  hooks: RuleHooks & { workloads?: CustomWorkloads } = {},
  mapFixes?: FixMapper,
): MappedFinding[] {
  const text = lintableText(object);
  const findings = lintText(text, 'yaml', { ...hooks, settings, fileName: basenameOf(object.source.file), ...(mapFixes ? { fixSources: Infinity } : {}) });
  if (findings.length === 0) return [];
  const parsed = parseDocument(text, { keepSourceTokens: false }).contents;
  return findings.map((f) => {
    const at = placeSpan(object, parsed, text, f.span, readText);
    const related: RelatedLocation[] = [];
    for (const r of f.related ?? []) {
      const place = placeSpan(object, parsed, text, r.span, readText);
      if (place.file === at.file) related.push({ span: place.span, message: r.message });
    }
    related.push(...patchContext(at.written, at.file, readText));
    const { fixes: _built, related: _related, ...rest } = f;
    const originAt = (offset: number): BuiltOrigin | undefined => {
      const located = locate(parsed, object.node, offset);
      const found = originOf(object, located);
      return found && { ...found, ...(located.scalarRange ? { scalarRange: located.scalarRange } : {}) };
    };
    const fixes = mapFixes?.(f, originAt, at.file, text);
    return { file: at.file, finding: { ...rest, span: at.span, ...(related.length ? { related } : {}), ...(fixes ? { fixes } : {}) } };
  });
}
