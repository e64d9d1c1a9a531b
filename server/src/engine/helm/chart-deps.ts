/**
 * Which subcharts of `charts/` Helm renders, under which name, with which values (Helm's dependency processing):
 * - every chart in `charts/` is a dependency; a `dependencies` entry of Chart.yaml matches it by name and may give an
 *   `alias` (the subchart's name and values key) and `condition` / `tags` (read in the parent's values: the first
 *   condition path that holds a boolean decides; else a true tag enables, a false one disables; default enabled);
 * - a subchart's values are its values.yaml under the parent's `values[<alias or name>]`, and the parent's `global`
 *   over the subchart's `global`;
 * - a library chart (`type: library`) is not rendered; its templates are available to every chart of the tree.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { coalesceValues } from './chart-render';
import type { GoMap, GoValue, ValuePositions } from './values';

/** An `import-values` entry: a child's `exports.<name>` map (a string), or a child path copied to a parent path. */
export type ImportValue = string | { child: string; parent: string };

export interface DependencyEntry {
  name: string;
  imports: ImportValue[];
  alias?: string;
  condition?: string;
  tags: string[];
  repository?: string;
}

/** The `dependencies` of a Chart.yaml text. */
export function dependencyEntries(chartYaml: string): DependencyEntry[] {
  const doc = parseDocument(chartYaml);
  const deps = isMap(doc.contents) ? doc.contents.get('dependencies', true) : undefined;
  if (!isSeq(deps)) return [];
  const out: DependencyEntry[] = [];
  for (const item of deps.toJSON() as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    if (typeof d.name !== 'string') continue;
    out.push({
      name: d.name,
      ...(typeof d.alias === 'string' && d.alias !== '' ? { alias: d.alias } : {}),
      ...(typeof d.condition === 'string' && d.condition !== '' ? { condition: d.condition } : {}),
      tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
      imports: Array.isArray(d['import-values'])
        ? (d['import-values'] as unknown[]).flatMap((x): ImportValue[] => {
            if (typeof x === 'string') return [x];
            const o = x as { child?: unknown; parent?: unknown } | null;
            return o && typeof o.child === 'string' && typeof o.parent === 'string' ? [{ child: o.child, parent: o.parent }] : [];
          })
        : [],
      ...(typeof d.repository === 'string' ? { repository: d.repository } : {}),
    });
  }
  return out;
}

/** A chart's name and type from its Chart.yaml text. */
export function chartHead(chartYaml: string | undefined): { name: string; library: boolean } | undefined {
  if (chartYaml === undefined) return undefined;
  try {
    const v = parseDocument(chartYaml).toJS() as { name?: unknown; type?: unknown } | null;
    return typeof v?.name === 'string' ? { name: v.name, library: v.type === 'library' } : undefined;
  } catch {
    return undefined;
  }
}

function lookup(values: GoMap, path: string): GoValue {
  let cur: GoValue = values;
  for (const k of path.split('.')) {
    if (!(cur instanceof Map)) return undefined;
    cur = cur.get(k);
  }
  return cur;
}

/** Whether Helm renders a dependency, given the parent's values. */
export function dependencyEnabled(dep: DependencyEntry | undefined, parentValues: GoMap): boolean {
  if (!dep) return true;
  for (const path of (dep.condition ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const v = lookup(parentValues, path);
    if (typeof v === 'boolean') return v;
  }
  const tags = parentValues.get('tags');
  let sawFalse = false;
  for (const t of dep.tags) {
    const v = tags instanceof Map ? tags.get(t) : undefined;
    if (v === true) return true;
    if (v === false) sawFalse = true;
  }
  return !sawFalse;
}

/**
 * The values a subchart is given over its own values.yaml: the parent's map under its key (the parent's own map, so
 * its positions say where the parent's files set each value; it is changed: read the parent's values afresh), with
 * the parent's `global` over the subchart's (an empty one when neither has one).
 */
export function subchartOverride(parentValues: GoMap, key: string, positions: ValuePositions): GoMap {
  const mine = parentValues.get(key);
  const out: GoMap = mine instanceof Map ? mine : new Map();
  const global = parentValues.get('global');
  const own = out.get('global');
  if (global instanceof Map) {
    if (own instanceof Map) coalesceValues(own, global, 0, positions);
    else out.set('global', global);
  } else if (!out.has('global')) out.set('global', new Map()); // Helm's coalesceGlobals: every subchart has a global map
  return out;
}

/**
 * The values a child exports to its parent (`import-values`), as a map to fill in under the parent's values: only
 * keys the parent does not set (the parent's values take precedence, as in Helm). Entries keep the child's positions.
 */
export function importedValues(imports: readonly ImportValue[], childValues: GoMap, parentValues: GoMap, positions: ValuePositions): GoMap {
  const out: GoMap = new Map();
  positions.set(out, { self: positions.get(parentValues)?.self ?? { file: '', offset: 0 }, entries: new Map() });
  for (const imp of imports) {
    const from = typeof imp === 'string' ? lookup(childValues, `exports.${imp}`) : lookup(childValues, imp.child);
    if (!(from instanceof Map)) continue;
    let target = out;
    let existing: GoValue = parentValues;
    if (typeof imp !== 'string') {
      for (const k of imp.parent.split('.').filter(Boolean)) {
        existing = existing instanceof Map ? existing.get(k) : undefined;
        let next = target.get(k);
        if (!(next instanceof Map)) {
          next = new Map();
          positions.set(next, { self: positions.get(from)?.self ?? { file: '', offset: 0 }, entries: new Map() });
          target.set(k, next);
        }
        target = next;
      }
    }
    fillMissing(target, from, existing instanceof Map ? existing : new Map(), positions, 0);
  }
  return out;
}

function fillMissing(out: GoMap, from: GoMap, parent: GoMap, positions: ValuePositions, depth: number): void {
  if (depth > 100) return;
  for (const [k, v] of from) {
    const p = parent.get(k);
    if (p instanceof Map && v instanceof Map) {
      let sub = out.get(k);
      if (!(sub instanceof Map)) {
        sub = new Map();
        positions.set(sub, { self: positions.get(v)?.self ?? { file: '', offset: 0 }, entries: new Map() });
        out.set(k, sub);
      }
      fillMissing(sub, v, p, positions, depth + 1);
    } else if (!parent.has(k)) {
      out.set(k, v);
      const at = positions.get(from)?.entries.get(k);
      if (at) positions.get(out)?.entries.set(k, at);
    }
  }
}
