/**
 * The `images` transformer (kustomize's ImageTagTransformer): every `image` of a `containers` or
 * `initContainers` list anywhere in an object (CRDs excepted) whose name matches an entry gets the
 * entry's newName, newTag, digest or tagSuffix. (kustomize v5.5, kubectl's, leaves image volumes alone.)
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Origin } from '../types';
import { gvkOf, problem, setString, spanOf, str, type BuildState, type Res, type Kustomization } from './model';

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
  /** The entry's line that decides the new value (newTag, digest, newName), for provenance. */
  origin: Origin;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** kustomize v5.5's image.IsImageMatched (the name, then an optional tag and sha256 digest). */
export function imageMatches(image: string, name: string): boolean {
  return new RegExp(`^${escapeRegExp(name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/** kustomize's image.Split: name, tag and digest (the first `/` bounds where a registry port may be). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf('/');
  const search = slash > 0 ? image.slice(slash) : image;
  if (slash <= 0) slash = 0;
  let at = search.indexOf('@');
  let colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) {
    at += slash;
    return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
  }
  if (at >= 0 && colon >= 0) {
    at += slash;
    colon += slash;
    return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
  }
  colon += slash;
  return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

/** The image an entry makes of `image` (unchanged when it does not match). */
export function updateImage(image: string, entry: Omit<ImageEntry, 'origin'>): string {
  if (!imageMatches(image, entry.name)) return image;
  let { name, tag, digest } = splitImage(image);
  if (entry.newName) name = entry.newName;
  if (entry.newTag && entry.digest) [tag, digest] = [entry.newTag, entry.digest];
  else if (entry.newTag) [tag, digest] = [entry.newTag, ''];
  else if (entry.digest) [tag, digest] = ['', entry.digest];
  else if (entry.tagSuffix) [tag, digest] = [tag + entry.tagSuffix, ''];
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** The `images` entries, then the deprecated `imageTags` ones (kustomize appends them). */
function entries(k: Kustomization, state: BuildState): ImageEntry[] {
  const items = ['images', 'imageTags'].flatMap((field) => {
    const node = k.field(field);
    return isSeq(node) ? node.items : [];
  });
  const out: ImageEntry[] = [];
  for (const item of items) {
    if (!isMap(item) || str(item.get('name', true)) === undefined) {
      problem(state, k.file, item as Node, 'invalid kustomization: an "images" entry needs a name');
      continue;
    }
    const field = (f: string): string | undefined => str(item.get(f, true));
    const decisive = ['digest', 'newTag', 'tagSuffix', 'newName'].find((f) => field(f) !== undefined);
    const pair = decisive ? item.items.find((p) => str(p.key) === decisive) : undefined;
    const origin: Origin = pair ? { file: k.file, span: spanOf(pair.value as Node), keySpan: spanOf(pair.key as Node), via: 'images' } : { file: k.file, span: spanOf(item), via: 'images' };
    out.push({ name: field('name')!, newName: field('newName'), newTag: field('newTag'), digest: field('digest'), tagSuffix: field('tagSuffix'), origin });
  }
  return out;
}

/** Calls `visit` on every map holding an `image` in a containers/initContainers list, anywhere in `node`. */
function containerMaps(node: unknown, visit: (container: YAMLMap) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      containerMaps(pair.value, visit);
      const key = str(pair.key);
      if ((key === 'containers' || key === 'initContainers') && isSeq(pair.value)) for (const c of pair.value.items) if (isMap(c)) visit(c);
    }
  } else if (isSeq(node)) for (const item of node.items) containerMaps(item, visit);
}

export function applyImages(k: Kustomization, ra: Res[], state: BuildState): void {
  for (const entry of entries(k, state)) {
    for (const r of ra) {
      const update = (holder: YAMLMap, key: string): void => {
        const value = holder.get(key, true);
        if (!isScalar(value) || typeof value.value !== 'string') return;
        const next = updateImage(value.value, entry);
        if (next !== value.value) setString(holder, key, next, entry.origin, state.provenance);
      };
      if (gvkOf(r.obj.node).kind !== 'CustomResourceDefinition') containerMaps(r.obj.node, (c) => update(c, 'image'));
    }
  }
}
