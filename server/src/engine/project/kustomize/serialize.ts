/** Built objects as YAML text, as `kubectl kustomize` prints them: documents separated by `---`. */
import { Document } from 'yaml';
import type { BuiltObject } from '../types';

export function serializeObject(object: BuiltObject): string {
  const doc = new Document();
  doc.contents = object.node;
  return doc.toString({ lineWidth: 0 });
}

export function serializeObjects(objects: readonly BuiltObject[]): string {
  return objects.map(serializeObject).join('---\n');
}
