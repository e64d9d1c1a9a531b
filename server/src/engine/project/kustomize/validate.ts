/**
 * Kustomization field types as kubectl's strict decoding checks them: a number or boolean where
 * kustomize expects a string (`namespace: 123`, a label value `1`, `newTag: 1.25`) fails the whole
 * build there ("cannot unmarshal number into ... of type string"). Each such value is one problem;
 * the build goes on with the value as text.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { problem, type BuildState, type Kustomization } from './model';

type Shape = 'string' | 'bool' | 'int' | 'stringMap' | 'stringList' | { list: Record<string, Shape> } | { map: Record<string, Shape> };

const GENERATOR: Shape = {
  list: {
    name: 'string', namespace: 'string', behavior: 'string', type: 'string', literals: 'stringList', files: 'stringList', envs: 'stringList', env: 'string',
    options: { map: { labels: 'stringMap', annotations: 'stringMap', disableNameSuffixHash: 'bool', immutable: 'bool' } },
  },
};

const FIELDS: Record<string, Shape> = {
  apiVersion: 'string',
  kind: 'string',
  namespace: 'string',
  namePrefix: 'string',
  nameSuffix: 'string',
  commonLabels: 'stringMap',
  commonAnnotations: 'stringMap',
  resources: 'stringList',
  components: 'stringList',
  bases: 'stringList',
  images: { list: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } },
  imageTags: { list: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } },
  replicas: { list: { name: 'string', count: 'int' } },
  labels: { list: { pairs: 'stringMap', includeSelectors: 'bool', includeTemplates: 'bool' } },
  configMapGenerator: GENERATOR,
  secretGenerator: GENERATOR,
  generatorOptions: { map: { labels: 'stringMap', annotations: 'stringMap', disableNameSuffixHash: 'bool', immutable: 'bool' } },
};

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) return typeof node.value === 'boolean' ? 'bool' : typeof node.value === 'number' || typeof node.value === 'bigint' ? 'number' : 'string';
  return 'value';
}

function check(node: unknown, shape: Shape, field: string, k: Kustomization, state: BuildState): void {
  if (isNull(node)) return;
  const fail = (want: string, at: unknown = node): void =>
    problem(state, k.file, at as Node, `invalid Kustomization: cannot unmarshal ${kindOf(at)} into ${field} of type ${want}`);
  if (shape === 'string') {
    if (!isScalar(node) || typeof node.value !== 'string') fail('string');
  } else if (shape === 'bool') {
    if (!isScalar(node) || typeof node.value !== 'boolean') fail('bool');
  } else if (shape === 'int') {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) fail('int');
  } else if (shape === 'stringMap') {
    if (!isMap(node)) fail('map[string]string');
    else for (const pair of node.items) if (!isNull(pair.value)) check(pair.value, 'string', `${field} value`, k, state);
  } else if (shape === 'stringList') {
    if (!isSeq(node)) fail('[]string');
    else for (const item of node.items) check(item, 'string', `${field} entry`, k, state);
  } else if ('list' in shape) {
    if (!isSeq(node)) fail('a list');
    else for (const item of node.items) check(item, { map: shape.list }, field, k, state);
  } else if (!isMap(node)) fail('an object');
  else {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const sub = shape.map[key];
      if (sub) check(pair.value, sub, `${field}.${key}`, k, state);
    }
  }
}

export function checkFieldTypes(k: Kustomization, state: BuildState): void {
  for (const pair of k.root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const shape = FIELDS[key];
    if (shape) check(pair.value, shape, key, k, state);
  }
}
