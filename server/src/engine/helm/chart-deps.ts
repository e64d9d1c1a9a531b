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

export interface DependencyEntry {
  name: string;
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
 * the parent's `global` over the subchart's.
 */
export function subchartOverride(parentValues: GoMap, key: string, positions: ValuePositions): GoMap {
  const mine = parentValues.get(key);
  const out: GoMap = mine instanceof Map ? mine : new Map();
  const global = parentValues.get('global');
  if (global instanceof Map) {
    const own = out.get('global');
    if (own instanceof Map) coalesceValues(own, global, 0, positions);
    else out.set('global', global);
  }
  return out;
}
