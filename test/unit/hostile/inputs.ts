/**
 * Hostile inputs shared by the engine, CLI and language server tests: alias
 * bombs, extreme nesting, huge scalars and lines, binary content, long
 * Dockerfile instructions. Each case says what a linter that survives it
 * reports: exactly one finding of a given rule (`only`), or the same rules as
 * an ordinary version of the same file (`like`: the hostile size or shape
 * adds nothing).
 */
import assert from 'node:assert/strict';
import { lintText, type Finding } from '../../../server/src/engine';
import { randomBytes } from '../../helpers/fake-secrets';

export const MB = 1024 * 1024;

export interface HostileCase {
  name: string;
  /** File name (the CLI writes it under this name; its kind follows from it). */
  file: string;
  kind: 'yaml' | 'dockerfile';
  /** Makes the content (bytes for content that is not valid UTF-8); built on demand, some are 10 MB. */
  content: () => string | Buffer;
  /** Exactly one finding of this rule, with a message matching `message`. */
  only?: { ruleId: string; message: RegExp };
  /** The findings' rule ids are those of this ordinary version of the file. */
  like?: string;
  /**
   * Hang guard for the engine test, when shorter than the default 2 minutes: what a fixed version does in a few
   * seconds, a quadratic one would take many minutes for.
   */
  guardMs?: number;
  /**
   * A regression guard for a fix deeper in the engine rather than one of the issue's hostile inputs: the engine
   * test runs it, the CLI and language server tests (which run the issue's list) leave it out to stay quick.
   */
  engineOnly?: true;
  /** Text whose bytes are not valid UTF-8: the CLI, which reads the bytes, adds one file-encoding error (issue 16). */
  invalidText?: true;
}

/** `levels` anchors, each a list of `width` aliases of the previous one: width^levels nodes from a few hundred bytes. */
export function laughs(indent: string, levels = 10, width = 10, base = '"lol"', prefix = 'lol'): string[] {
  const lines = [`${indent}${prefix}0: &${prefix}0 ${base}`];
  for (let i = 1; i < levels; i++) lines.push(`${indent}${prefix}${i}: &${prefix}${i} [${Array(width).fill(`*${prefix}${i - 1}`).join(', ')}]`);
  return lines;
}

/** JSON-schema-shaped laughs (maps of maps), which schema validation would walk whole. */
function schemaLaughs(indent: string, levels = 10, width = 10): string[] {
  const lines = [`${indent}p0: &p0 {type: string}`];
  for (let i = 1; i < levels; i++) {
    lines.push(`${indent}p${i}: &p${i} {type: object, properties: {${Array.from({ length: width }, (_, j) => `k${j}: *p${i - 1}`).join(', ')}}}`);
  }
  return lines;
}

const BOMB = { ruleId: 'yaml-syntax', message: /excessive aliasing.*billion laughs/ };
const RECURSIVE = { ruleId: 'yaml-syntax', message: /refers to a node that contains it/ };
const TOO_DEEP = { ruleId: 'yaml-syntax', message: /nested too deeply/ };
const BINARY = { ruleId: 'binary-file', message: /looks binary/ };

const CONFIGMAP = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  value: ${data}\n`;
const POD_ENV = (value: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: NOTES\n          value: ${value}\n`;
const DOCKERFILE_RUN = (run: string) => `FROM alpine:3.19\nRUN ${run}\n`;

function dockerfileContinuations(lines: number): string {
  let s = 'FROM alpine:3.19\nRUN echo start \\\n';
  for (let i = 0; i < lines; i++) s += `  && echo ${i} \\\n`;
  return s + '  && true\n';
}

function dockerfileFlags(flags: number): string {
  let s = 'FROM alpine:3.19\nRUN \\\n';
  for (let i = 0; i < flags; i++) s += `  --mount=type=cache,target=/c${i} \\\n`;
  return s + '  true\n';
}

function manyAliases(n: number): string {
  return POD_ENV('x').replace('        - name: NOTES\n          value: x\n', `        - &e {name: A, value: b}\n${'        - *e\n'.repeat(n)}`);
}

function manyKeys(n: number): string {
  let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys\ndata:\n';
  for (let i = 0; i < n; i++) s += `  key${i}: v\n`;
  return s;
}

/** A single-line scalar of `n` characters that no detector takes for a credential. */
const longWords = (n: number): string => 'lorem ipsum '.repeat(Math.ceil(n / 12)).slice(0, n).trimEnd();

/** `n` suppression comments before one line they all cover. */
function suppressions(n: number): string {
  return POD_ENV('x').replace('      image: nginx:1.27\n', `      image: nginx:1.27\n      securityContext:\n${'        # shipshape-disable-next-line privileged-container\n'.repeat(n)}        privileged: true\n`);
}

function invalidUtf8(): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < 4096; i++) bytes.push(i % 4 === 0 ? 0xc3 : i % 4 === 1 ? 0x28 : i % 4 === 2 ? 0xff : 0x41);
  return Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\n'), Buffer.from(bytes)]);
}

export const CASES: HostileCase[] = [
  {
    name: 'billion laughs in a ConfigMap',
    file: 'laughs.yaml',
    kind: 'yaml',
    content: () => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', ...laughs('  '), ''].join('\n'),
    only: BOMB,
  },
  {
    name: 'billion laughs in a CRD schema (what schema validation walks)',
    file: 'crd.yaml',
    kind: 'yaml',
    content: () => [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata:',
      '  name: xs.example.com',
      'spec:',
      '  group: example.com',
      '  names: {kind: X, plural: xs}',
      '  scope: Namespaced',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      '          type: object',
      '          definitions:',
      ...schemaLaughs('            '),
      '          properties:',
      '            top: *p9',
      '',
    ].join('\n'),
    only: BOMB,
  },
  {
    name: 'billion laughs in a pod spec (what the rules walk)',
    file: 'pod-laughs.yaml',
    kind: 'yaml',
    content: () => POD_ENV('x').replace('      env:\n        - name: NOTES\n          value: x\n', `      x-laughs:\n${laughs('        ', 10, 10, '{name: A, value: b}').join('\n')}\n      env: *lol9\n`),
    only: BOMB,
  },
  {
    name: 'a recursive alias',
    file: 'recursive.yaml',
    kind: 'yaml',
    content: () => 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: &s\n  containers:\n    - name: a\n      image: nginx:1.27\n      x: *s\n',
    only: RECURSIVE,
  },
  {
    name: 'billion laughs in a compose file',
    file: 'docker-compose.yml',
    kind: 'yaml',
    content: () => ['x-laughs:', ...laughs('  ', 10, 10, '{A: b}'), 'services:', '  web:', '    image: nginx:1.27', '    environment: *lol9', ''].join('\n'),
    only: BOMB,
  },
  {
    name: 'billion laughs in a kubeconfig',
    file: 'kubeconfig',
    kind: 'yaml',
    content: () => ['apiVersion: v1', 'kind: Config', ...laughs('', 10, 10, '{name: c, cluster: {server: "https://k.example.com"}}'), 'clusters: *lol9', 'users: *lol9', 'contexts: *lol9', ''].join('\n'),
    only: BOMB,
  },
  {
    engineOnly: true,
    name: '40,000 aliases of one anchor (resolved in linear time)',
    file: 'aliases.yaml',
    kind: 'yaml',
    content: () => manyAliases(40_000),
    like: manyAliases(1),
    guardMs: 60_000,
  },
  {
    engineOnly: true,
    name: 'a map of 90,000 keys, just under the document limit (duplicate-key checks are not quadratic)',
    file: 'keys.yaml',
    kind: 'yaml',
    content: () => manyKeys(90_000),
    like: manyKeys(1),
    guardMs: 60_000,
  },
  {
    name: '10,000-level nesting, flow sequences',
    file: 'flow-seq.yaml',
    kind: 'yaml',
    content: () => CONFIGMAP('['.repeat(10_000) + ']'.repeat(10_000)),
    only: TOO_DEEP,
  },
  {
    name: '10,000-level nesting, flow maps',
    file: 'flow-map.yaml',
    kind: 'yaml',
    content: () => CONFIGMAP('{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)),
    only: TOO_DEEP,
  },
  {
    name: '10,000-level nesting, block sequences',
    file: 'block-seq.yaml',
    kind: 'yaml',
    content: () => POD_ENV('x').replace('        - name: NOTES\n          value: x\n', `        ${'- '.repeat(10_000)}x\n`),
    only: TOO_DEEP,
  },
  {
    name: 'a dense document of 200,000 keys (3.4 MB): not parsed, one finding',
    file: 'dense.yaml',
    kind: 'yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: 200_000 }, (_, i) => `  k${i}: v${i}`).join('\n')}\n`,
    only: { ruleId: 'yaml-syntax', message: /not checked: it has over 100,000 lines and flow items/ },
  },
  {
    engineOnly: true,
    name: 'a flow mapping of 200,000 entries on one line: not parsed, one finding',
    file: 'dense-flow.yaml',
    kind: 'yaml',
    content: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {${Array.from({ length: 200_000 }, (_, i) => `k${i}: v${i}`).join(', ')}}\n`,
    only: { ruleId: 'yaml-syntax', message: /not checked: it has over 100,000 lines and flow items/ },
  },
  {
    name: 'a 10 MB single-line scalar in a ConfigMap',
    file: 'long-configmap.yaml',
    kind: 'yaml',
    content: () => CONFIGMAP(longWords(10 * MB)),
    like: CONFIGMAP('short'),
  },
  {
    engineOnly: true,
    name: 'a 10 MB single-line env value (secret detection reads it)',
    file: 'long-env.yaml',
    kind: 'yaml',
    content: () => POD_ENV(longWords(10 * MB)),
    like: POD_ENV('short'),
  },
  {
    engineOnly: true,
    name: 'a 10 MB single-line document',
    file: 'long-line.yaml',
    kind: 'yaml',
    content: () => 'x'.repeat(10 * MB),
    like: 'x',
  },
  {
    engineOnly: true,
    name: 'a 2 MB single-line RUN of 350,000 words',
    file: 'Dockerfile.long',
    kind: 'dockerfile',
    content: () => DOCKERFILE_RUN(longWords(2 * MB)),
    like: DOCKERFILE_RUN('echo short'),
  },
  {
    engineOnly: true,
    name: '60,000 suppression comments in a row (each finds its line without rescanning the others)',
    file: 'suppressions.yaml',
    kind: 'yaml',
    content: () => suppressions(60_000),
    like: suppressions(1),
    guardMs: 60_000,
  },
  { name: 'a binary file as YAML', file: 'binary.yaml', kind: 'yaml', content: () => randomBytes(1, 1 * MB), only: BINARY },
  { name: 'a binary file as a Dockerfile', file: 'Dockerfile.binary', kind: 'dockerfile', content: () => randomBytes(2, 1 * MB), only: BINARY },
  { name: 'invalid UTF-8', file: 'invalid-utf8.yaml', kind: 'yaml', content: () => invalidUtf8(), only: BINARY, invalidText: true },
  { name: 'a NUL byte in a manifest', file: 'nul.yaml', kind: 'yaml', content: () => CONFIGMAP('a\u0000b'), only: BINARY },
  {
    name: 'a Dockerfile of 100,000 continuation lines',
    file: 'Dockerfile.continuations',
    kind: 'dockerfile',
    content: () => dockerfileContinuations(100_000),
    like: dockerfileContinuations(1),
  },
  {
    engineOnly: true,
    name: 'a RUN with 100,000 flags on continuation lines',
    file: 'Dockerfile.flags',
    kind: 'dockerfile',
    content: () => dockerfileFlags(100_000),
    like: dockerfileFlags(1),
    guardMs: 60_000,
  },
];

/** The content as the engine sees it (invalid UTF-8 decoded with replacement characters, as the CLI reads files). */
export function textOf(c: HostileCase): string {
  const content = c.content();
  return typeof content === 'string' ? content : content.toString('utf8');
}

/** A `.shipshape.yaml` that is an alias bomb. */
export const CONFIG_BOMB = ['rules:', '  privileged-container: off', ...laughs('', 10, 10, '"lol"', 'x-lol'), ''].join('\n');

/**
 * `findings` (of the engine, the CLI's report or the server's diagnostics) are
 * what surviving `c` means: its one finding, or the rules of its ordinary version.
 */
export function expectSurvived(c: HostileCase, findings: ReadonlyArray<Pick<Finding, 'ruleId' | 'message'>>): void {
  if (c.only) {
    assert.equal(findings.length, 1, `${c.name}: ${JSON.stringify(findings.map((f) => [f.ruleId, f.message]))}`);
    assert.equal(findings[0]!.ruleId, c.only.ruleId, c.name);
    assert.match(findings[0]!.message, c.only.message, c.name);
  } else {
    const ordinary = [...new Set(lintText(c.like!, c.kind, { fileName: c.file }).map((f) => f.ruleId))].sort();
    assert.deepEqual([...new Set(findings.map((f) => f.ruleId))].sort(), ordinary, c.name);
  }
}
