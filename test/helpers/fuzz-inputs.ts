/**
 * Inputs of the fuzz tests (test/unit/fuzz/): the repository's examples, randomly generated
 * Kubernetes manifests, Dockerfiles and `.shipshape.yaml` files, and text mutations (insert,
 * delete, duplicate and swap lines and characters, re-indent, inject document markers,
 * comments, quotes, anchors and aliases, flow collections, CRLF) applied to them.
 *
 * Everything here is plain data (no engine import): the checks run in a worker
 * (test/helpers/fuzz-worker.ts) so a hang can be cut off.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import fc from 'fast-check';
import { FAKE } from './fake-secrets';

export const ROOT = join(__dirname, '..', '..');

export type FuzzKind = 'yaml' | 'dockerfile';
/** Settings variants the worker knows how to build (see fuzz-checks.ts). */
export const SETTINGS_IDS = ['default', 'baseline', 'all-rules', 'exempted-config', 'strict-no-suppress'] as const;
export type SettingsId = (typeof SETTINGS_IDS)[number];

/** One lint case: a text, how it is linted, and the text it was made from (linted first with the shared cache: an edit). */
export interface LintCase {
  source: string;
  kind: FuzzKind;
  fileName: string;
  settings: SettingsId;
  text: string;
  previous: string;
  /** Which single fix (fix or suggestion, by index over all findings' fixes) to apply and re-check. */
  fixPick: number;
}

/** One `.shipshape.yaml` case. */
export interface ConfigCase {
  source: string;
  text: string;
  /** The path (relative to the config's folder) the config is applied to when it is valid. */
  relPath: string;
}

/** fast-check prints counterexamples with this: the text in full, the previous text only by size. */
function printable<T extends { text: string; previous?: string }>(c: T): T {
  Object.defineProperty(c, fc.toStringMethod, {
    enumerable: false,
    value: () => {
      const { previous, text, ...rest } = c;
      return `${JSON.stringify(rest)} previous: ${previous === undefined ? '-' : `${previous.length} chars`}\ntext: ${JSON.stringify(text)}`;
    },
  });
  return c;
}

// ---------------------------------------------------------------------------------------------
// The repository's examples

export interface Example {
  path: string;
  kind: FuzzKind | 'config';
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export function loadExamples(): Example[] {
  const out: Example[] = [];
  for (const p of walk(join(ROOT, 'examples'))) {
    const name = basename(p);
    const kind = /^\.shipshape\.ya?ml$/.test(name) ? 'config' : /\.ya?ml$/.test(name) ? 'yaml' : /^(Docker|Container)file/.test(name) ? 'dockerfile' : undefined;
    if (kind) out.push({ path: relative(ROOT, p), kind, text: readFileSync(p, 'utf8') });
  }
  return out;
}

/** Rule ids, from the doc pages (one per rule), without loading the engine. */
export const RULE_IDS_FROM_DOCS: string[] = readdirSync(join(ROOT, 'docs', 'rules'))
  .filter((n) => n.endsWith('.md'))
  .map((n) => n.slice(0, -3))
  .sort();

const ruleIdArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...RULE_IDS_FROM_DOCS) }, fc.constantFrom('*', 'no-such-rule', 'privileged-containr', 'PRIVILEGED-CONTAINER', ''));

/**
 * Fake credentials (built at run time, see fake-secrets.ts) planted in inputs: no finding may
 * quote them, whatever happens to the text around them.
 */
export const PLANTED_SECRETS: readonly string[] = [FAKE.awsAccessKeyId, FAKE.awsSecretAccessKey, FAKE.githubToken, FAKE.gitlabToken, FAKE.slackToken, FAKE.googleApiKey, FAKE.jwt, FAKE.connectionString, FAKE.randomKey, FAKE.password];

// ---------------------------------------------------------------------------------------------
// Mutations

const INSERT_LINES = [
  '---',
  '--- # next',
  '--- |',
  '--- !!map',
  '...',
  '#',
  '# a comment',
  '# shipshape-disable-next-line {rule}',
  '# shipshape-disable-next-line {rule} -- reviewed',
  '# shipshape-disable {rule}',
  '# shipshape-disable',
  '#shipshape-disable-next-line {rule},{rule}',
  'key: value',
  'key:',
  ':',
  '-',
  '- ',
  '- name: x',
  '- {name: y, image: "nginx:latest"}',
  '? complex',
  ': value',
  'a: &anc {b: 1, c: [d, e]}',
  'c: *anc',
  '<<: *anc',
  '*undefined_alias',
  '&lonely',
  '!!binary aGVsbG8=',
  'k: !custom 1',
  'k: !!str 0',
  '{a: 1, b: [2, 3]}',
  '[a, {b: c}]',
  'k: {unclosed: [1, 2}',
  'k: "unterminated',
  "k: 'it''s'",
  'k: "\\u00e9\\x41\\t"',
  'k: |',
  '  literal text',
  'k: >-',
  'k: |2-',
  '%YAML 1.2',
  '%TAG ! tag:example.com,2000:',
  'apiVersion: v1',
  'kind: Pod',
  'kind: Deployment',
  'metadata: {name: x, namespace: default}',
  'spec:',
  'template:',
  'containers:',
  'initContainers: []',
  'securityContext:',
  'securityContext: {privileged: true, runAsUser: 0}',
  'privileged: true',
  'privileged: "true"',
  'hostNetwork: true',
  'hostPID: yes',
  'runAsUser: 0',
  'runAsNonRoot: false',
  'allowPrivilegeEscalation: true',
  'capabilities: {add: [SYS_ADMIN, NET_RAW], drop: []}',
  'image: nginx:latest',
  'image: ""',
  'image:',
  'env:',
  '- name: DB_PASSWORD',
  '  value: hunter2hunter2',
  'resources: {limits: {cpu: "1", memory: 1Gi}, requests: {cpu: 2, memory: 2Gi}}',
  'hostPath: {path: /var/run/docker.sock}',
  'annotations:',
  'ignore-check.shipshape.dev/{rule}: "accepted"',
  'ignore-check.shipshape.dev/{rule}: ""',
  'kube-linter.io/ignore-all: "x"',
  'polaris.fairwinds.com/exempt: "true"',
  'container.apparmor.security.beta.kubernetes.io/app: unconfined',
  'services:',
  '  web: {image: "x", privileged: true, network_mode: host}',
  'clusters:',
  '- cluster: {server: "http://example.com", insecure-skip-tls-verify: true}',
  'users:',
  '- name: u',
  '  user: {token: abc, username: admin, password: admin}',
  `  user: {token: ${FAKE.githubToken}, password: "${FAKE.password}"}`,
  `  token: ${FAKE.jwt}`,
  `  client-key-data: ${FAKE.randomKey}`,
  `- name: DB_URL`,
  `  value: ${FAKE.connectionString}`,
  `password: "${FAKE.password}"`,
  `ENV AWS_SECRET_ACCESS_KEY=${FAKE.awsSecretAccessKey} AWS_ACCESS_KEY_ID=${FAKE.awsAccessKeyId}`,
  `RUN curl -H "Authorization: Bearer ${FAKE.slackToken}" https://example.com`,
  `${FAKE.googleApiKey}`,
  'contexts: [{name: c, context: {cluster: nope, user: nope}}]',
  'current-context: missing',
  'profile: baseline',
  'rules: {{rule}: off}',
  'exemptions:',
  '- rules: ["*"]',
  '  reason: because',
  'ignorePaths: ["[", "**", "{a,b"]',
  '{{ .Values.image }}',
  'k: {{ .Values.x }}',
  'FROM ubuntu:latest AS build',
  'FROM --platform=$BUILDPLATFORM scratch',
  'from alpine',
  'USER root',
  'USER 0:0',
  'RUN curl -fsSL https://example.com/install.sh | sh \\',
  'RUN sudo apt-get update && \\',
  '    apt-get install -y curl',
  'RUN <<EOF',
  'EOF',
  'ENV PASSWORD=secret API_TOKEN="x y"',
  'ARG TOKEN',
  'HEALTHCHECK NONE',
  'ADD http://example.com/x.tar.gz /z',
  'COPY --chown=0:0 . /app',
  'CMD ["sh", "-c"',
  'ONBUILD RUN export DOCKER_CONTENT_TRUST=0',
  'EXPOSE 22',
  'FORM nginx',
  '\\',
  '# escape=`',
  '# syntax=docker/dockerfile:1',
];

const INSERT_CHARS = [
  ' ', '  ', '\t', '\n', '\r', '\r\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '&', '*', '!', '|', '>', '{', '}', '[', ']', ',', '?',
  '%', '@', '`', '\\', '{{', '}}', '---\n', '...\n', '\n---\n', '&a ', '*a', 'é', '😀', '\ud83d', '\udc00', '\ufeff', '\u2028', '\u0085', '\u00a0',
  '\u001b', '\u000c', 'x', '0', '=', '$', '${X}', '$(', '\u0000',
];

export type Mutation =
  /** `indent` -1: the indentation of the line it is inserted before. */
  | { op: 'insertLine'; at: number; line: string; rule: string; indent: number; tab: boolean }
  | { op: 'deleteLine'; at: number }
  | { op: 'duplicateLine'; at: number; count: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'moveBlock'; at: number; len: number; to: number }
  | { op: 'insertChars'; at: number; chars: string }
  | { op: 'deleteChars'; at: number; len: number }
  | { op: 'duplicateChars'; at: number; len: number }
  | { op: 'reindentLine'; at: number; delta: number; tab: boolean }
  | { op: 'reindentAll'; style: 'tabs' | 'double' | 'halve' | 'tab-after-dash' }
  | { op: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' | 'none-at-end'; at: number }
  | { op: 'anchorAlias'; a: number; b: number; merge: boolean }
  | { op: 'quote'; at: number; style: 'double' | 'single' | 'open-double' | 'open-single' | 'key' }
  | { op: 'flow'; at: number; style: 'seq' | 'map' | 'collapse' }
  | { op: 'comment'; at: number; style: 'prefix' | 'suffix' | 'glued' }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; from: number; at: number; start: number; len: number };

const nat = (max: number) => fc.nat({ max });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insertLine' as const), at: nat(400), line: fc.constantFrom(...INSERT_LINES), rule: ruleIdArb, indent: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, nat(12)), tab: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), at: nat(400) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), at: nat(400), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: nat(400), b: nat(400) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('moveBlock' as const), at: nat(400), len: fc.integer({ min: 1, max: 12 }), to: nat(400) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insertChars' as const), at: nat(20000), chars: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...INSERT_CHARS) }, fc.string({ maxLength: 6, unit: 'binary' })) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('deleteChars' as const), at: nat(20000), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateChars' as const), at: nat(20000), len: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reindentLine' as const), at: nat(400), delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reindentAll' as const), style: fc.constantFrom('tabs' as const, 'double' as const, 'halve' as const, 'tab-after-dash' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lineEndings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'none-at-end' as const), at: nat(400) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('anchorAlias' as const), a: nat(400), b: nat(400), merge: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('quote' as const), at: nat(400), style: fc.constantFrom('double' as const, 'single' as const, 'open-double' as const, 'open-single' as const, 'key' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flow' as const), at: nat(400), style: fc.constantFrom('seq' as const, 'map' as const, 'collapse' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('comment' as const), at: nat(400), style: fc.constantFrom('prefix' as const, 'suffix' as const, 'glued' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: nat(20000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), from: nat(100), at: nat(400), start: nat(20000), len: fc.integer({ min: 1, max: 400 }) }) },
);

/** `key: value` on a line: indentation and optional `- `, the key with its colon, the value. */
const KEY_VALUE = /^([ \t]*(?:-[ \t]+)?)([^\s#'"{}[\],&*!|>%@`-][^:#]*:)[ \t]+([^\s#].*?)[ \t]*(#.*)?$/;
/** `key:` opening a block. */
const KEY_ONLY = /^([ \t]*(?:-[ \t]+)?)([^\s#'"{}[\],&*!|>%@`-][^:#]*):[ \t]*$/;

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** Apply one mutation. `pool` holds texts to splice from. Positions wrap around the text's size. */
export function applyMutation(text: string, m: Mutation, pool: readonly string[]): string {
  const lines = text.split('\n');
  const li = (n: number) => n % lines.length;
  const ci = (n: number) => n % (text.length + 1);
  const join = () => lines.join('\n');
  switch (m.op) {
    case 'insertLine': {
      const at = m.at % (lines.length + 1);
      const pad = m.indent < 0 ? indentOf(lines[at] ?? '') : m.tab ? '\t'.repeat(Math.ceil(m.indent / 4)) : ' '.repeat(m.indent);
      const line = m.line.replace(/\{rule\}/g, m.rule);
      lines.splice(at, 0, ...line.split('\n').map((l) => pad + l));
      return join();
    }
    case 'deleteLine':
      lines.splice(li(m.at), 1);
      return join();
    case 'duplicateLine': {
      const i = li(m.at);
      lines.splice(i, 0, ...Array<string>(m.count).fill(lines[i]!));
      return join();
    }
    case 'swapLines': {
      const a = li(m.a);
      const b = li(m.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return join();
    }
    case 'moveBlock': {
      const block = lines.splice(li(m.at), m.len);
      lines.splice(m.to % (lines.length + 1), 0, ...block);
      return join();
    }
    case 'insertChars': {
      const i = ci(m.at);
      return text.slice(0, i) + m.chars + text.slice(i);
    }
    case 'deleteChars': {
      const i = ci(m.at);
      return text.slice(0, i) + text.slice(i + m.len);
    }
    case 'duplicateChars': {
      const i = ci(m.at);
      return text.slice(0, i + m.len) + text.slice(i);
    }
    case 'reindentLine': {
      const i = li(m.at);
      const line = lines[i]!;
      const ind = indentOf(line);
      const width = Math.max(0, ind.length + m.delta);
      lines[i] = (m.tab ? '\t'.repeat(Math.ceil(width / 2)) : ' '.repeat(width)) + line.slice(ind.length);
      return join();
    }
    case 'reindentAll':
      return lines
        .map((line) => {
          const ind = indentOf(line);
          const rest = line.slice(ind.length);
          switch (m.style) {
            case 'tabs':
              return ind.replace(/ {2}/g, '\t') + rest;
            case 'double':
              return ind + ind + rest;
            case 'halve':
              return ind.slice(0, Math.ceil(ind.length / 2)) + rest;
            case 'tab-after-dash':
              return ind + rest.replace(/^- /, '-\t');
          }
        })
        .join('\n');
    case 'lineEndings':
      switch (m.style) {
        case 'crlf':
          return text.replace(/\r?\n/g, '\r\n');
        case 'cr':
          return text.replace(/\r?\n/g, '\r');
        case 'mixed': {
          const i = li(m.at);
          lines[i] = lines[i] + '\r';
          return join();
        }
        case 'none-at-end':
          return text.replace(/[\r\n]+$/, '');
      }
      return text;
    case 'anchorAlias': {
      const a = findLine(lines, m.a, KEY_VALUE);
      const b = findLine(lines, m.b, KEY_VALUE);
      if (a === undefined || b === undefined) return text;
      const ma = KEY_VALUE.exec(lines[a]!)!;
      lines[a] = `${ma[1]}${ma[2]} &fz ${ma[3]}${ma[4] ? ` ${ma[4]}` : ''}`;
      const mb = KEY_VALUE.exec(lines[b]!)!;
      lines[b] = m.merge ? `${indentOf(lines[b]!)}<<: *fz` : `${mb[1]}${mb[2]} *fz`;
      return join();
    }
    case 'quote': {
      const i = findLine(lines, m.at, KEY_VALUE);
      if (i === undefined) return text;
      const [, pre, key, value, comment] = KEY_VALUE.exec(lines[i]!)!;
      const q = (s: string, c: string) => c + (c === "'" ? s.replace(/'/g, "''") : s.replace(/["\\]/g, '\\$&')) + c;
      const v =
        m.style === 'double' ? q(value!, '"') : m.style === 'single' ? q(value!, "'") : m.style === 'open-double' ? `"${value}` : m.style === 'open-single' ? `'${value}` : value;
      const k = m.style === 'key' ? `"${key!.slice(0, -1)}":` : key;
      lines[i] = `${pre}${k} ${v}${comment ? ` ${comment}` : ''}`;
      return join();
    }
    case 'flow': {
      if (m.style === 'collapse') {
        // `key:` and its more-indented block on one line as a (naive) flow map or sequence.
        const i = findLine(lines, m.at, KEY_ONLY);
        if (i === undefined) return text;
        const ind = indentOf(lines[i]!).length;
        let j = i + 1;
        const items: string[] = [];
        while (j < lines.length && (lines[j]!.trim() === '' || indentOf(lines[j]!).length > ind)) {
          if (lines[j]!.trim()) items.push(lines[j]!.trim());
          j++;
        }
        const seq = items.length > 0 && items.every((x) => x.startsWith('- '));
        const body = items.map((x) => (seq ? x.slice(2) : x)).join(', ');
        lines.splice(i, j - i, `${lines[i]!.replace(/[ \t]*$/, '')} ${seq ? `[${body}]` : `{${body}}`}`);
        return join();
      }
      const i = findLine(lines, m.at, KEY_VALUE);
      if (i === undefined) return text;
      const [, pre, key, value] = KEY_VALUE.exec(lines[i]!)!;
      lines[i] = `${pre}${key} ${m.style === 'seq' ? `[${value}, {k: ${value}}]` : `{${key} ${value}, x: [${value}]}`}`;
      return join();
    }
    case 'comment': {
      const i = li(m.at);
      lines[i] = m.style === 'prefix' ? `# ${lines[i]}` : m.style === 'suffix' ? `${lines[i]} # trailing: comment` : `${lines[i]}#glued`;
      return join();
    }
    case 'truncate':
      return text.slice(0, ci(m.at));
    case 'splice': {
      if (pool.length === 0) return text;
      const from = pool[m.from % pool.length]!;
      const start = m.start % (from.length + 1);
      lines.splice(m.at % (lines.length + 1), 0, from.slice(start, start + m.len));
      return join();
    }
  }
}

/** The first line at or after `from` (wrapping) matching `re`. */
function findLine(lines: readonly string[], from: number, re: RegExp): number | undefined {
  for (let k = 0; k < lines.length; k++) {
    const i = (from + k) % lines.length;
    if (re.test(lines[i]!)) return i;
  }
  return undefined;
}

export function applyMutations(text: string, ms: readonly Mutation[], pool: readonly string[]): string {
  let t = text;
  for (const m of ms) {
    t = applyMutation(t, m, pool);
    // Keep inputs small: duplication can compound.
    if (t.length > 60000) t = t.slice(0, 60000);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// A small YAML emitter with random style: values are trees whose leaves are raw YAML scalars.

export type YNode = string | YNode[] | { [key: string]: YNode | undefined };

export interface YamlStyle {
  unit: 2 | 4;
  /** Indent block sequences under their key (`key:\n  - x`) or not (`key:\n- x`). */
  indentSeq: boolean;
  /** Collections at this depth or deeper are written in flow style. */
  flowDepth: number;
  /** Append `# c` to every n-th block line (0: never). */
  commentEvery: number;
}

export const yamlStyleArb: fc.Arbitrary<YamlStyle> = fc.record({
  unit: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  flowDepth: fc.oneof({ weight: 4, arbitrary: fc.constant(99) }, fc.integer({ min: 1, max: 8 })),
  commentEvery: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 7 })),
});

const entries = (v: { [key: string]: YNode | undefined }) => Object.entries(v).filter((e): e is [string, YNode] => e[1] !== undefined);

function flow(v: YNode): string {
  // A block scalar cannot be in a flow collection: its content as a quoted string.
  if (typeof v === 'string') return v.includes('\n') ? JSON.stringify(v.split('\n').slice(1).map((l) => l.trim()).join('\n')) : v;
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  return `{${entries(v)
    .map(([k, x]) => `${k}: ${flow(x)}`)
    .join(', ')}}`;
}

function emitBlock(v: YNode, indent: number, depth: number, s: YamlStyle, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (typeof item === 'string' || depth + 1 >= s.flowDepth || isEmpty(item)) {
        out.push(`${pad}- ${flow(item)}`);
        continue;
      }
      const sub: string[] = [];
      emitBlock(item, indent + 2, depth + 1, s, sub);
      if (sub.length === 0) out.push(`${pad}- {}`);
      else {
        sub[0] = `${pad}- ${sub[0]!.slice(indent + 2)}`;
        out.push(...sub);
      }
    }
    return;
  }
  if (typeof v === 'string') {
    out.push(pad + v);
    return;
  }
  for (const [k, x] of entries(v)) {
    // A multi-line raw scalar (a block scalar): its content lines go under the key.
    if (typeof x === 'string' && x.includes('\n')) {
      const [head, ...rest] = x.split('\n');
      out.push(`${pad}${k}: ${head}`, ...rest.map((l) => pad + ' '.repeat(s.unit) + l.replace(/^ {2}/, '')));
    } else if (typeof x === 'string' || isEmpty(x) || depth + 1 >= s.flowDepth) out.push(`${pad}${k}: ${flow(x)}`);
    else {
      out.push(`${pad}${k}:`);
      emitBlock(x, Array.isArray(x) ? indent + (s.indentSeq ? s.unit : 0) : indent + s.unit, depth + 1, s, out);
    }
  }
}

function isEmpty(v: YNode): boolean {
  return typeof v !== 'string' && (Array.isArray(v) ? v.length === 0 : entries(v).length === 0);
}

export function emitYaml(v: YNode, s: YamlStyle): string[] {
  const out: string[] = [];
  if (s.flowDepth <= 0) return [flow(v)];
  emitBlock(v, 0, 0, s, out);
  if (s.commentEvery > 0) for (let i = s.commentEvery - 1; i < out.length; i += s.commentEvery) out[i] += ' # c';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes manifests

const opt = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });

/** Raw scalars as a value of a boolean or number field: right, wrong and odd types. */
const scalarArb = fc.constantFrom('true', 'false', '"true"', 'True', 'yes', 'on', '0', '1', '1000', '-1', '0x0', '1e3', '1.5', 'null', '~', '""', '[]', '{}', '!!bool true', '"0"', 'nope');
const boolArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('true', 'false') }, scalarArb);
const userArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('0', '1000', '10001', '65534') }, fc.constantFrom('-1', '"0"', '4294967296', '0.0', 'root', '00', '+0'));
const HEX = '0123456789abcdef';
const digestArb = fc.string({ unit: fc.constantFrom(...HEX), minLength: 64, maxLength: 64 }).map((h) => `sha256:${h}`);

export const imageArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'nginx',
    'nginx:latest',
    'nginx:1.25',
    'docker.io/library/nginx:1.25',
    'registry.k8s.io/pause:3.9',
    'quay.io/prometheus/node-exporter:v1.8.0',
    'gcr.io/distroless/static:nonroot',
    'localhost:5000/app',
    '"app:"',
    '":tag"',
    '"@sha256:abc"',
    '""',
    '"nginx:1.25"',
    'UPPER/Case:Tag',
    '"${IMAGE}"',
    'a/b/c/d:1',
    '[nginx]',
    'nginx:latest@sha256:0000',
    '"registry.example.com:443/team/app:v1 "',
    '127.0.0.1:5000/x',
    '"[::1]:5000/x:1"',
  ),
  fc
    .tuple(
      fc.constantFrom('', 'docker.io/', 'ghcr.io/', 'quay.io/', 'registry.example.com/', '123456789012.dkr.ecr.us-east-1.amazonaws.com/', 'mcr.microsoft.com/'),
      fc.constantFrom('nginx', 'org/app', 'library/redis', 'team/sub/app', 'busybox'),
      fc.constantFrom('', ':latest', ':1.2.3', ':LATEST', ':sha-abc'),
      opt(digestArb),
    )
    .map(([r, p, t, d]) => `${r}${p}${t}${d ? `@${d}` : ''}`),
);

const secretishValue = fc.oneof(
  fc.constantFrom('hunter2', 'changeme', '""', '"${SECRET}"', 'true', '1', '|\n  multi\n  line'),
  { weight: 2, arbitrary: fc.constantFrom(...PLANTED_SECRETS).map((v) => JSON.stringify(v)) },
  fc.constant(`|\n${FAKE.privateKey.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}`),
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
);
const envNameArb = fc.constantFrom('PASSWORD', 'DB_PASSWORD', 'API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'HOME', 'PATH', 'LOG_LEVEL', 'GITHUB_TOKEN', 'password', '"SECRET_KEY"', '');
const envArb: fc.Arbitrary<YNode> = fc.oneof(
  fc.record({ name: envNameArb, value: opt(secretishValue, 1) }),
  fc.record({ name: envNameArb, valueFrom: fc.constantFrom<YNode>({ secretKeyRef: { name: 'db', key: 'password' } }, { fieldRef: { fieldPath: 'metadata.name' } }, { configMapKeyRef: { name: 'cm', key: 'k' } }, '{}') }),
);
const quantityArb = fc.constantFrom('100m', '1', '0.5', '"1"', '500Mi', '1Gi', '2G', '0', '-1', 'abc', '1e3', '""', '1.5.5', '99999999999999999999Ei', '1k', '1Ki', '0.0001m', 'null', '1E', '+1', '.5');
const resourcesArb: fc.Arbitrary<YNode> = fc.record(
  {
    limits: fc.record({ cpu: opt(quantityArb, 1), memory: opt(quantityArb, 1) }, { requiredKeys: [] }),
    requests: fc.record({ cpu: opt(quantityArb, 1), memory: opt(quantityArb, 1) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const capsArb = fc.array(fc.constantFrom('ALL', 'all', 'NET_ADMIN', 'SYS_ADMIN', 'CAP_SYS_ADMIN', 'NET_RAW', 'NET_BIND_SERVICE', 'CHOWN', 'SYS_PTRACE', '""', '"*"'), { maxLength: 4 });
const seccompArb: fc.Arbitrary<YNode> = fc.record(
  { type: fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost', 'bogus', '""'), localhostProfile: opt(fc.constantFrom('profiles/x.json', '""')) },
  { requiredKeys: ['type'] },
);
const seLinuxArb: fc.Arbitrary<YNode> = fc.record({ type: opt(fc.constantFrom('spc_t', 'container_t', 'container_init_t', 'unconfined_t')), user: opt(fc.constantFrom('system_u', 'root')), role: opt(fc.constantFrom('sysadm_r', 'object_r')), level: opt(fc.constantFrom('s0:c123,c456', '""')) }, { requiredKeys: [] });
const containerScArb: fc.Arbitrary<YNode> = fc.record(
  {
    privileged: boolArb,
    allowPrivilegeEscalation: boolArb,
    runAsNonRoot: boolArb,
    runAsUser: userArb,
    runAsGroup: userArb,
    readOnlyRootFilesystem: boolArb,
    procMount: fc.constantFrom('Default', 'Unmasked', 'bogus'),
    capabilities: fc.oneof(fc.record({ add: capsArb, drop: capsArb }, { requiredKeys: [] }), fc.constantFrom<YNode>('null', '[]')),
    seccompProfile: seccompArb,
    appArmorProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost') }),
    seLinuxOptions: seLinuxArb,
    windowsOptions: fc.record({ hostProcess: boolArb }),
  },
  { requiredKeys: [] },
);
const probeArb: fc.Arbitrary<YNode> = fc.oneof(
  fc.record({ httpGet: fc.record({ host: opt(fc.constantFrom('169.254.169.254', 'localhost', '10.0.0.1', '""')), path: fc.constant('/healthz'), port: fc.constantFrom('8080', 'http', '"8080"') }, { requiredKeys: ['port'] }) }),
  fc.record({ tcpSocket: fc.record({ host: opt(fc.constantFrom('127.0.0.1', 'metadata.google.internal')), port: fc.constantFrom('22', '80') }, { requiredKeys: ['port'] }) }),
  fc.record({ exec: fc.record({ command: fc.constant<YNode>(['cat', '/tmp/ok']) }) }),
);
const containerArb: fc.Arbitrary<YNode> = fc.record(
  {
    name: fc.constantFrom('app', 'web', 'sidecar', 'init', '""', '"quoted name"', 'ünï', 'app'),
    image: imageArb,
    imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never', 'bogus'),
    command: fc.constantFrom<YNode>(['sh', '-c', '"curl http://x | sh"'], ['/bin/app']),
    env: fc.array(envArb, { maxLength: 4 }),
    envFrom: fc.constantFrom<YNode>([{ secretRef: { name: 's' } }], [{ configMapRef: { name: 'c' } }]),
    resources: fc.oneof(resourcesArb, fc.constant<YNode>('null')),
    ports: fc.array(fc.record({ containerPort: fc.constantFrom('22', '80', '8080', '"80"', '0', '70000', '2222'), hostPort: opt(fc.constantFrom('0', '80', '22', '8080')), protocol: opt(fc.constantFrom('TCP', 'UDP', 'bogus')) }, { requiredKeys: ['containerPort'] }), { maxLength: 3 }),
    securityContext: fc.oneof({ weight: 5, arbitrary: containerScArb }, fc.constantFrom<YNode>('null', '{}', '[]', '"x"')),
    volumeMounts: fc.array(fc.record({ name: fc.constantFrom('data', 'host', 'sock'), mountPath: fc.constantFrom('/data', '/var/run/docker.sock', '/etc', '/', '/host'), readOnly: opt(boolArb) }, { requiredKeys: ['name', 'mountPath'] }), { maxLength: 2 }),
    livenessProbe: probeArb,
    readinessProbe: probeArb,
    unknownField: fc.constantFrom('x', 'true'),
    securityContex: fc.constant<YNode>({ privileged: 'false' }),
  },
  { requiredKeys: ['name'] },
);
const volumeArb: fc.Arbitrary<YNode> = fc.oneof(
  fc.record({
    name: fc.constantFrom('host', 'sock', 'data'),
    hostPath: fc.record({ path: fc.constantFrom('/', '/etc', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/proc', '/var/log', '/var/log/../../etc', '/home/*', '""', 'relative/path', '/var/lib/kubelet'), type: opt(fc.constantFrom('Directory', 'Socket', 'DirectoryOrCreate', 'bogus')) }, { requiredKeys: ['path'] }),
  }),
  fc.record({ name: fc.constant('data'), emptyDir: fc.constantFrom<YNode>('{}', { medium: 'Memory' }) }),
  fc.record({ name: fc.constant('s'), secret: fc.constant<YNode>({ secretName: 's' }) }),
  fc.record({ name: fc.constant('n'), nfs: fc.constant<YNode>({ server: 'nfs.example.com', path: '/exports' }) }),
  fc.record({ name: fc.constant('g'), gcePersistentDisk: fc.constant<YNode>({ pdName: 'disk' }) }),
  fc.record({ name: fc.constant('p'), persistentVolumeClaim: fc.constant<YNode>({ claimName: 'c' }) }),
);
const podScArb: fc.Arbitrary<YNode> = fc.record(
  {
    runAsNonRoot: boolArb,
    runAsUser: userArb,
    runAsGroup: userArb,
    fsGroup: userArb,
    supplementalGroups: fc.array(userArb, { maxLength: 2 }),
    seccompProfile: seccompArb,
    appArmorProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined') }),
    seLinuxOptions: seLinuxArb,
    windowsOptions: fc.record({ hostProcess: boolArb }),
    sysctls: fc.array(fc.record({ name: fc.constantFrom('kernel.shm_rmid_forced', 'net.core.somaxconn', 'kernel.msgmax', 'net.ipv4.ip_forward', '""'), value: fc.constantFrom('"1"', '1', '""') }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const annotationArb = fc.oneof(
  ruleIdArb.map((r) => [`ignore-check.shipshape.dev/${r}`, '"accepted risk"'] as const),
  ruleIdArb.map((r) => [`ignore-check.shipshape.dev/${r}`, '""'] as const),
  fc.constantFrom(
    ['ignore-check.kube-linter.io/privileged-container', '"x"'] as const,
    ['kube-linter.io/ignore-all', '"x"'] as const,
    ['polaris.fairwinds.com/exempt', '"true"'] as const,
    ['polaris.fairwinds.com/hostNetworkSet-exempt', '"true"'] as const,
    ['container.apparmor.security.beta.kubernetes.io/app', 'unconfined'] as const,
    ['container.apparmor.security.beta.kubernetes.io/app', 'runtime/default'] as const,
    ['seccomp.security.alpha.kubernetes.io/pod', 'unconfined'] as const,
    ['description', '|\n  # shipshape-disable privileged-container\n  text'] as const,
  ),
);
const annotationsArb: fc.Arbitrary<YNode | undefined> = opt(fc.array(annotationArb, { maxLength: 3 }).map((xs) => Object.fromEntries(xs) as YNode));

const podSpecArb: fc.Arbitrary<YNode> = fc.record(
  {
    hostNetwork: boolArb,
    hostPID: boolArb,
    hostIPC: boolArb,
    shareProcessNamespace: boolArb,
    serviceAccountName: fc.constantFrom('default', 'app', '""'),
    automountServiceAccountToken: boolArb,
    securityContext: fc.oneof({ weight: 4, arbitrary: podScArb }, fc.constantFrom<YNode>('null', '{}')),
    initContainers: fc.array(containerArb, { maxLength: 2 }),
    containers: fc.oneof({ weight: 6, arbitrary: fc.array(containerArb, { minLength: 1, maxLength: 3 }) }, fc.constantFrom<YNode>('[]', 'null', '{}')),
    ephemeralContainers: fc.array(containerArb, { maxLength: 1 }),
    volumes: fc.array(volumeArb, { maxLength: 3 }),
    hostAliases: fc.constant<YNode>([{ ip: '"127.0.0.1"', hostnames: ['x'] }]),
  },
  { requiredKeys: ['containers'] },
);

const WORKLOADS: Record<string, { apiVersion: string; wrap: (pod: YNode, podMeta: YNode | undefined) => YNode }> = {
  Pod: { apiVersion: 'v1', wrap: (pod) => pod },
  Deployment: { apiVersion: 'apps/v1', wrap: (pod, meta) => ({ replicas: '2', selector: { matchLabels: { app: 'w' } }, template: { metadata: meta ?? { labels: { app: 'w' } }, spec: pod } }) },
  ReplicaSet: { apiVersion: 'apps/v1', wrap: (pod, meta) => ({ selector: { matchLabels: { app: 'w' } }, template: { metadata: meta, spec: pod } }) },
  StatefulSet: { apiVersion: 'apps/v1', wrap: (pod, meta) => ({ serviceName: 'w', selector: { matchLabels: { app: 'w' } }, template: { metadata: meta, spec: pod } }) },
  DaemonSet: { apiVersion: 'apps/v1', wrap: (pod, meta) => ({ selector: { matchLabels: { app: 'w' } }, template: { metadata: meta, spec: pod } }) },
  Job: { apiVersion: 'batch/v1', wrap: (pod, meta) => ({ backoffLimit: '1', template: { metadata: meta, spec: pod } }) },
  CronJob: { apiVersion: 'batch/v1', wrap: (pod, meta) => ({ schedule: '"*/5 * * * *"', jobTemplate: { spec: { template: { metadata: meta, spec: pod } } } }) },
  ReplicationController: { apiVersion: 'v1', wrap: (pod, meta) => ({ selector: { app: 'w' }, template: { metadata: meta, spec: pod } }) },
};

const metadataArb = fc.record(
  {
    name: fc.constantFrom('w', 'app', '""', '"a b"', 'x'.repeat(70)),
    namespace: opt(fc.constantFrom('default', 'kube-system', 'app', '""')),
    labels: opt(fc.constant<YNode>({ app: 'w' })),
    annotations: annotationsArb,
    ownerReferences: opt(fc.constant<YNode>([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u' }]), 4),
  },
  { requiredKeys: ['name'] },
);

const workloadArb: fc.Arbitrary<YNode> = fc
  .record({ kind: fc.constantFrom(...Object.keys(WORKLOADS)), metadata: metadataArb, pod: podSpecArb, podAnnotations: annotationsArb, apiVersion: opt(fc.constantFrom('v1', 'apps/v1beta1', 'extensions/v1beta1', '""'), 6) })
  .map(({ kind, metadata, pod, podAnnotations, apiVersion }) => {
    const w = WORKLOADS[kind]!;
    return { apiVersion: apiVersion ?? w.apiVersion, kind, metadata, spec: w.wrap(pod, podAnnotations ? { labels: { app: 'w' }, annotations: podAnnotations } : undefined) } as YNode;
  });

const verbsArb = fc.array(fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '"*"', 'escalate', 'bind', 'impersonate'), { minLength: 1, maxLength: 4 });
const otherObjectArb: fc.Arbitrary<YNode> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), metadata: metadataArb, data: fc.dictionary(fc.constantFrom('password', 'config.yaml', 'token', 'url', 'AWS_SECRET_ACCESS_KEY'), secretishValue, { maxKeys: 3 }) as fc.Arbitrary<YNode> }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Secret'), metadata: metadataArb, stringData: fc.dictionary(fc.constantFrom('password', 'token'), secretishValue, { maxKeys: 2 }) as fc.Arbitrary<YNode> }),
  fc.record({
    apiVersion: fc.constant('rbac.authorization.k8s.io/v1'),
    kind: fc.constantFrom('Role', 'ClusterRole'),
    metadata: metadataArb,
    rules: fc.array(fc.record({ apiGroups: fc.constantFrom<YNode>(['""'], ['"*"'], ['apps']), resources: fc.array(fc.constantFrom('pods', 'pods/exec', 'secrets', '"*"', 'nodes/proxy', 'deployments', 'roles', 'clusterrolebindings'), { minLength: 1, maxLength: 3 }), verbs: verbsArb }), { maxLength: 3 }),
  }),
  fc.record({
    apiVersion: fc.constant('rbac.authorization.k8s.io/v1'),
    kind: fc.constantFrom('RoleBinding', 'ClusterRoleBinding'),
    metadata: metadataArb,
    roleRef: fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constant('ClusterRole'), name: fc.constantFrom('cluster-admin', 'view', 'edit') }),
    subjects: fc.array(fc.record({ kind: fc.constantFrom('Group', 'User', 'ServiceAccount'), name: fc.constantFrom('system:authenticated', 'system:unauthenticated', 'system:anonymous', 'default', 'alice'), namespace: opt(fc.constant('default')) }, { requiredKeys: ['kind', 'name'] }), { maxLength: 2 }),
  }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ServiceAccount'), metadata: metadataArb, automountServiceAccountToken: opt(boolArb) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: fc.record({ name: fc.constantFrom('app', 'default'), labels: opt(fc.constantFrom<YNode>({ 'pod-security.kubernetes.io/enforce': 'privileged' }, { 'pod-security.kubernetes.io/enforce': 'restricted' }, '{}')) }, { requiredKeys: ['name'] }) }),
  fc.record({
    apiVersion: fc.constant('policy/v1beta1'),
    kind: fc.constant('PodSecurityPolicy'),
    metadata: metadataArb,
    spec: fc.record({ privileged: boolArb, hostNetwork: boolArb, allowedCapabilities: capsArb, volumes: fc.constantFrom<YNode>(['"*"'], ['configMap', 'hostPath']), runAsUser: fc.constantFrom<YNode>({ rule: 'RunAsAny' }, { rule: 'MustRunAsNonRoot' }) }, { requiredKeys: [] }),
  }),
);

/** A suppression comment inserted before the `at`-th line of a document, at that line's indentation. */
const directiveArb = fc.record({
  at: fc.nat({ max: 200 }),
  rule: ruleIdArb,
  form: fc.constantFrom('# shipshape-disable-next-line {r}', '# shipshape-disable-next-line {r} -- reason', '# shipshape-disable {r}', '#shipshape-disable-next-line {r},{r}', '# shipshape-disable-next-line'),
});

export const manifestArb: fc.Arbitrary<{ text: string; crlf: boolean }> = fc
  .record({
    docs: fc.array(fc.record({ obj: fc.oneof({ weight: 4, arbitrary: workloadArb }, otherObjectArb), style: yamlStyleArb, directives: fc.array(directiveArb, { maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
    leadingMarker: fc.boolean(),
    endMarkers: fc.boolean(),
    topDirective: opt(ruleIdArb, 4),
    crlf: fc.boolean(),
  })
  .map(({ docs, leadingMarker, endMarkers, topDirective, crlf }) => {
    const lines: string[] = [];
    if (topDirective !== undefined) lines.push(`# shipshape-disable ${topDirective}`);
    docs.forEach((d, i) => {
      if (i > 0 || leadingMarker) lines.push('---');
      const body = emitYaml(d.obj, d.style);
      for (const dir of [...d.directives].sort((a, b) => b.at - a.at)) {
        const at = dir.at % (body.length + 1);
        body.splice(at, 0, indentOf(body[at] ?? '') + dir.form.replace(/\{r\}/g, dir.rule));
      }
      lines.push(...body);
      if (endMarkers) lines.push('...');
    });
    const nl = crlf ? '\r\n' : '\n';
    return { text: lines.join(nl) + nl, crlf };
  });

// ---------------------------------------------------------------------------------------------
// Dockerfiles

const stageImage = fc.oneof({ weight: 4, arbitrary: imageArb.map((s) => s.replace(/^"|"$/g, '')) }, fc.constantFrom('scratch', 'build', '${BASE}', '$BASE:latest', 'base AS', ''));
const instructionArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '--platform=linux/amd64 ', '--platform=$BUILDPLATFORM '), stageImage, fc.constantFrom('', ' AS build', ' as final', ' AS')).map(([p, i, s]) => `FROM ${p}${i}${s}`) },
  fc.tuple(fc.constantFrom('BASE', 'TOKEN', 'VERSION', 'GITHUB_TOKEN'), fc.constantFrom('', '=alpine:3.20', '=secret123', '=')).map(([n, v]) => `ARG ${n}${v}`),
  fc.tuple(envNameArb.map((n) => n.replace(/"/g, '') || 'X'), secretishValue.map((v) => v.split('\n')[0]!), fc.boolean()).map(([n, v, eq]) => (eq ? `ENV ${n}=${v}` : `ENV ${n} ${v}`)),
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'RUN apt-get update && apt-get install -y curl',
      'RUN curl -fsSL https://example.com/install.sh | sh',
      'RUN wget -qO- http://example.com/x | bash -s --',
      'RUN curl https://x | sudo bash',
      'RUN sudo apt-get update',
      'RUN export DOCKER_CONTENT_TRUST=0 && docker pull x',
      'RUN set -eux; \\\n    apk add --no-cache curl; \\\n    curl -sSL https://x | sh',
      'RUN <<EOF\ncurl https://x | sh\nEOF',
      'RUN <<-EOT bash\n\techo hi\n\tEOT',
      'RUN ["sh", "-c", "curl x | sh"]',
      'RUN ["sh", "-c"',
      'RUN',
      'RUN \\',
      'RUN echo $(curl -s http://x)',
      'RUN --mount=type=secret,id=tok cat /run/secrets/tok',
    ),
  },
  fc.constantFrom('USER root', 'USER 0', 'USER 0:0', 'USER app', 'USER 10001:10001', 'USER ${USER}', 'USER', 'user root'),
  fc.constantFrom('ADD http://example.com/a.tar.gz /opt/', 'ADD app.tar.gz /app', 'ADD . /app', 'ADD --chown=1:1 https://x /y', 'COPY . /app', 'COPY --from=build /out /app'),
  fc.constantFrom('HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'HEALTHCHECK NONE', 'HEALTHCHECK', 'EXPOSE 22', 'EXPOSE 80/tcp 443', 'WORKDIR /app', 'CMD ["app"]', 'ENTRYPOINT /bin/sh', 'LABEL a=b', 'SHELL ["/bin/bash", "-c"]', 'ONBUILD RUN sudo x', 'STOPSIGNAL SIGTERM', 'VOLUME /data', 'MAINTAINER x'),
  fc.constantFrom('# comment', '', '   ', '# shipshape-disable-next-line dockerfile-root-user', '# shipshape-disable dockerfile-sudo', '# shipshape-disable-next-line no-such-rule', 'FORM nginx', 'RUN echo a \\', '  && echo b', '\\'),
);
export const dockerfileArb: fc.Arbitrary<string> = fc
  .record({
    directives: fc.subarray(['# syntax=docker/dockerfile:1', '# escape=`', '# check=skip=all', '# shipshape-disable dockerfile-missing-healthcheck']),
    body: fc.array(instructionArb, { minLength: 0, maxLength: 14 }),
    crlf: fc.boolean(),
  })
  .map(({ directives, body, crlf }) => [...directives, ...body].join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n'));

// ---------------------------------------------------------------------------------------------
// `.shipshape.yaml`

const globArb = fc.oneof(
  fc.constantFrom('**/*.yaml', 'vendor/**', '[', '{a,b', '/abs/**', '../x', 'a\\b', '""', '**', '!(x)', '+(a|b)', '*'.repeat(30), '{'.repeat(20), '@(a|b)*', '"*.{yaml,yml}"', '"[a-z]*"', '"(a|b"', '"a/**/b/**/c/**/d"', '"?(*)"'),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const severityRaw = fc.constantFrom('off', 'info', 'warning', 'error', 'bogus', 'true', '""', 'null');
const configArb: fc.Arbitrary<YNode> = fc.record(
  {
    profile: fc.constantFrom('baseline', 'restricted', 'bogus', '1', 'null'),
    rules: fc.dictionary(
      ruleIdArb.map((r) => (r === '' || r === '*' ? `"${r}"` : r)),
      fc.oneof(severityRaw as fc.Arbitrary<YNode>, fc.record({ severity: opt(severityRaw), options: opt(fc.oneof(fc.record({ allowedPaths: fc.array(globArb, { maxLength: 3 }) }) as fc.Arbitrary<YNode>, fc.constantFrom<YNode>('{}', { bogus: 'x' }, '[]'))) }, { requiredKeys: [] })),
      { maxKeys: 4 },
    ) as fc.Arbitrary<YNode>,
    trustedRegistries: fc.oneof(
      fc.array(fc.constantFrom('ghcr.io/org', 'registry.k8s.io', '*.dkr.ecr.*.amazonaws.com', '""', '" "', 'bitnami', '[', '**'), { maxLength: 3 }) as fc.Arbitrary<YNode>,
      fc.record({ registries: fc.array(fc.constantFrom('quay.io/x', '""', 'docker.io/library/*'), { maxLength: 2 }), extendDefaults: opt(boolArb) }, { requiredKeys: [] }),
    ),
    exemptions: fc.array(
      fc.record(
        {
          rules: fc.oneof(fc.array(ruleIdArb.map((r) => JSON.stringify(r)), { maxLength: 3 }) as fc.Arbitrary<YNode>, fc.constant<YNode>('privileged-container')),
          kind: globArb,
          name: globArb,
          namespace: globArb,
          container: globArb,
          paths: fc.array(globArb, { maxLength: 2 }),
          reason: fc.constantFrom('because', '""', 'null', '|\n  multi\n  line'),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    ignorePaths: fc.array(globArb, { maxLength: 3 }),
    allowAnnotationExemptions: boolArb,
    allowInlineSuppressions: boolArb,
    schemaValidation: boolArb,
    bogusKey: fc.constantFrom('1', 'x'),
  },
  { requiredKeys: [] },
);
/** Keys anywhere: odd ones (quoted, with line breaks, empty) end up in messages. */
const oddKeyArb = fc.oneof(fc.string({ maxLength: 8 }).map((k) => JSON.stringify(k)), fc.constantFrom('"a\\nb"', '"\\r"', "'it''s'", '"\\u2028"', '? [x]', '1', 'null'));
const withOddKeys = (c: YNode, extra: Record<string, string>, where: number): YNode => {
  // A copy: fast-check reuses generated values while shrinking.
  if (typeof c === 'string' || Array.isArray(c)) return c;
  const keys = Object.keys(c).filter((k) => { const v = c[k]; return typeof v === 'object' && !Array.isArray(v); });
  const i = where % (keys.length + 1);
  if (i === keys.length) return { ...c, ...extra };
  return { ...c, [keys[i]!]: { ...(c[keys[i]!] as object), ...extra } };
};
export const configTextArb: fc.Arbitrary<string> = fc
  .tuple(configArb, fc.dictionary(oddKeyArb, fc.constantFrom('1', 'x', 'off'), { maxKeys: 2 }), fc.nat(), yamlStyleArb, fc.boolean())
  .map(([c, extra, where, s, crlf]) => emitYaml(withOddKeys(c, extra, where), s).join(crlf ? '\r\n' : '\n') + '\n');

const relPathArb = fc.constantFrom('deploy.yaml', 'vendor/chart/x.yaml', 'a/b/c.tmpl.yaml', 'node-exporter.yaml', 'Dockerfile', `${'a/'.repeat(60)}x.yaml`, '', '..', 'x\\y.yaml');

// ---------------------------------------------------------------------------------------------
// Cases

const LINT_FILE_NAMES = { yaml: ['manifest.yaml', 'k8s.yml', 'docker-compose.yml', 'config'], dockerfile: ['Dockerfile', 'build.Dockerfile'] } as const;

export function exampleCaseArb(examples: readonly Example[]): fc.Arbitrary<LintCase> {
  const lintable = examples.filter((e) => e.kind !== 'config');
  const pool = examples.map((e) => e.text);
  return fc
    .record({
      index: fc.nat({ max: lintable.length - 1 }),
      mutations: fc.oneof({ weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }, fc.array(mutationArb, { minLength: 4, maxLength: 10 })),
      settings: fc.constantFrom(...SETTINGS_IDS),
      fixPick: fc.nat(),
    })
    .map(({ index, mutations, settings, fixPick }) => {
      const ex = lintable[index]!;
      const kind = ex.kind as FuzzKind;
      return printable<LintCase>({ source: ex.path, kind, fileName: basename(ex.path), settings, text: applyMutations(ex.text, mutations, pool), previous: ex.text, fixPick });
    });
}

export function generatedCaseArb(examples: readonly Example[]): fc.Arbitrary<LintCase> {
  const pool = examples.map((e) => e.text);
  return fc
    .record({
      doc: fc.oneof({ weight: 3, arbitrary: manifestArb.map((m) => ({ kind: 'yaml' as const, text: m.text })) }, dockerfileArb.map((text) => ({ kind: 'dockerfile' as const, text }))),
      mutations: fc.oneof({ weight: 3, arbitrary: fc.array(mutationArb, { maxLength: 2 }) }, fc.array(mutationArb, { minLength: 3, maxLength: 8 })),
      settings: fc.constantFrom(...SETTINGS_IDS),
      name: fc.nat(),
      fixPick: fc.nat(),
    })
    .map(({ doc, mutations, settings, name, fixPick }) => {
      const names = LINT_FILE_NAMES[doc.kind];
      return printable<LintCase>({ source: 'generated', kind: doc.kind, fileName: names[name % names.length]!, settings, text: applyMutations(doc.text, mutations, pool), previous: doc.text, fixPick });
    });
}

export function configCaseArb(examples: readonly Example[]): fc.Arbitrary<ConfigCase> {
  const configs = examples.filter((e) => e.kind === 'config');
  const pool = examples.map((e) => e.text);
  return fc
    .record({
      base: fc.oneof(fc.constantFrom(...configs.map((c) => ({ source: c.path, text: c.text }))), configTextArb.map((text) => ({ source: 'generated', text }))),
      mutations: fc.array(mutationArb, { maxLength: 6 }),
      relPath: relPathArb,
    })
    .map(({ base, mutations, relPath }) => printable<ConfigCase>({ source: base.source, text: applyMutations(base.text, mutations, pool), relPath }));
}
