/**
 * Built objects as YAML text, as `kubectl kustomize` prints them: documents separated by `---`,
 * written as YAML 1.1 (which kubectl reads), so a string such as `yes` or `on` from a generator's
 * env file is quoted rather than read back as a boolean.
 */
import { Document } from 'yaml';
import type { BuiltObject } from '../types';

export function serializeObject(object: BuiltObject): string {
  const doc = new Document(undefined, { version: '1.1' });
  doc.contents = object.node;
  return doc.toString({ lineWidth: 0 });
}

export function serializeObjects(objects: readonly BuiltObject[]): string {
  return objects.map(serializeObject).join('---\n');
}
