/**
 * The end of a top-level build (KustTarget's addHashesToNames): generated ConfigMaps and Secrets
 * get their content hash appended to their final name (after prefixes, suffixes and labels).
 */
import { isMap, isScalar } from 'yaml';
import { nameOf, setString, storePreviousId, type BuildState, type Res } from './model';
import { contentHash } from './hash';

export function addHashSuffixes(ra: Res[], state: BuildState): void {
  for (const r of ra) {
    if (!r.needsHash) continue;
    const meta = r.obj.node.get('metadata', true);
    if (!isMap(meta)) continue;
    const nameNode = meta.get('name', true);
    const origin = isScalar(nameNode) ? state.provenance.get(nameNode) : undefined;
    const old = nameOf(r.obj.node);
    const name = `${old}-${contentHash(r.obj.node.toJSON() as Record<string, unknown>)}`;
    storePreviousId(r);
    setString(meta, 'name', name, origin ?? state.provenance.get(r.obj.node)!, state.provenance);
    r.needsHash = false;
  }
}
