/**
 * What `helm template` does with rendered templates (releaseutil.SortManifests and the template command, helm v4.1.4):
 * split each output into documents, read each document's head through YAML -> JSON (refusing what Helm refuses, in
 * its words), skip hooks with unknown events, and print manifests in install order, then hooks.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLError } from 'yaml';
import type { ChartRender, RenderedTemplate } from './chart-render';
import { nullKeyMessage } from './values';

const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret',
  'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress',
  'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/**
 * Helm 4.1's SplitManifests: separators are `(?:^|\s*\n)---\s*` (so the whitespace after one separator cannot start
 * the next: `---\n\n---` leaves the second `---` in the document), documents are trimmed, empty ones dropped.
 */
export function splitManifests(text: string): string[] {
  const s = text.trim();
  const out: string[] = [];
  let docStart = 0;
  let pos = 0;
  for (let i = s.indexOf('---'); i >= 0; i = s.indexOf('---', i + 1)) {
    if (i < pos) continue;
    if (!(i === 0 || (i - 1 >= pos && s[i - 1] === '\n'))) continue;
    let end = i + 3;
    while (end < s.length && isWs(s[end])) end++;
    if (i > 0 || docStart > 0) out.push(s.slice(docStart, i));
    docStart = end;
    pos = end;
    i = end - 1;
  }
  out.push(s.slice(docStart));
  return out.map((d) => d.trim()).filter((d) => d !== '');
}

/** Hook events Helm knows (a hook naming another one is skipped: not installed, not printed). */
const HOOK_EVENTS = new Set(['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success']);

interface ManifestHead {
  kind: string;
  hook: boolean;
  /** A hook Helm skips (an unknown event). */
  skipped?: boolean;
  /** Why Helm refuses the document (its text after `YAML parse error on <template>: `), and where in the document. */
  error?: { message: string; offset: number };
}

/** Go's JSON type name of a value that cannot be read into a struct. */
function jsonType(v: unknown): string {
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object';
}

/** The first entry with a null key (`null:`, `~:`) of a document, which Helm cannot turn into JSON. */
function firstNullKey(node: Node | null, depth: number): { value: Node | null; offset: number } | undefined {
  if (depth > 200 || !node) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.value === null && key.range && key.range[0] !== key.range[1]) return { value: pair.value as Node | null, offset: key.range[0] };
      const found = firstNullKey(pair.value as Node | null, depth + 1);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstNullKey(item as Node | null, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * go-yaml's words and line for the syntax errors it words predictably (checked against helm v4.1.4: a tab indent, a
 * reserved first character, a key line without `:`, a mapping value where none may be, an unclosed flow collection or
 * quote); the yaml package's otherwise.
 */
function goYamlSyntax(doc: string, e: YAMLError): string {
  const line = lineAt(doc, e.pos[0]);
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'TAB_AS_INDENT' || e.code === 'BAD_SCALAR_START') return `line ${line}: found character that cannot start any token`;
  if (e.code === 'MISSING_CHAR' && message.startsWith('Implicit map keys need to be followed by map values')) return `line ${line + 1}: could not find expected ':'`;
  if (message.startsWith('Flow sequence in block collection')) return `line ${line}: did not find expected ',' or ']'`;
  if (message.startsWith('Flow map in block collection')) return `line ${line}: did not find expected ',' or '}'`;
  if (e.code === 'MISSING_CHAR' && message.startsWith('Missing closing')) return `line ${line}: found unexpected end of stream`;
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    // go-yaml stops at the `:` that it cannot take.
    const colon = /:(?=[ \t\r\n]|$)/g;
    colon.lastIndex = e.pos[0];
    const m = colon.exec(doc);
    return `line ${m ? lineAt(doc, m.index) : line}: mapping values are not allowed in this context`;
  }
  return `line ${line}: ${message}`;
}

/** A document's kind and hook annotation, read as Helm reads the manifest head (util.SimpleHead through YAML -> JSON). */
function headOf(doc: string): ManifestHead {
  try {
    const d = parseDocument(doc, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    const e = d.errors[0];
    if (e) return { kind: '', hook: false, error: { message: `error converting YAML to JSON: yaml: ${goYamlSyntax(doc, e)}`, offset: e.pos[0] } };
    const nullKey = firstNullKey(d.contents as Node | null, 0);
    if (nullKey !== undefined) return { kind: '', hook: false, error: { message: nullKeyMessage(nullKey.value), offset: nullKey.offset } };
    let v: unknown;
    try {
      v = d.toJS();
    } catch (x) {
      const alias = /^Unresolved alias[^:]*: (.*)$/.exec(x instanceof Error ? x.message : '');
      if (alias) return { kind: '', hook: false, error: { message: `error converting YAML to JSON: yaml: unknown anchor '${alias[1]}' referenced`, offset: 0 } };
      throw x;
    }
    if (v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v) || v instanceof Date)) {
      return { kind: '', hook: false, error: { message: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonType(v)} into Go value of type util.SimpleHead`, offset: 0 } };
    }
    const h = v as { kind?: unknown; metadata?: { annotations?: Record<string, unknown> } } | null;
    const ann = h?.metadata?.annotations;
    const hook = typeof ann === 'object' && ann !== null && 'helm.sh/hook' in ann;
    const events = hook ? String(ann['helm.sh/hook']).split(',').map((x) => x.trim().toLowerCase()) : [];
    return { kind: typeof h?.kind === 'string' ? h.kind : '', hook, ...(events.some((x) => !HOOK_EVENTS.has(x)) ? { skipped: true } : {}) };
  } catch {
    return { kind: '', hook: false };
  }
}

/** The templates whose manifests Helm sorts: by name, partials, NOTES.txt and blank outputs left out. */
function manifestTemplates(templates: readonly RenderedTemplate[]): RenderedTemplate[] {
  return templates
    .filter((t) => t.output !== undefined && t.output.trim() !== '' && !t.name.endsWith('NOTES.txt') && !t.name.split('/').pop()!.startsWith('_'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Why Helm refuses a rendered template's output, as releaseutil.SortManifests says it (`YAML parse error on <name>:
 * ...`), with the offset in the output; undefined when every document is YAML with a map (or nothing) at its root.
 */
export function manifestError(t: RenderedTemplate): { message: string; offset: number } | undefined {
  const output = t.output ?? '';
  let from = 0;
  for (const doc of splitManifests(output)) {
    const at = output.indexOf(doc, from);
    from = at + doc.length;
    const e = headOf(doc).error;
    if (e) return { message: `YAML parse error on ${t.name}: ${e.message}`, offset: at + e.offset };
  }
  return undefined;
}

/** The first template Helm refuses (in its order), or undefined. */
export function firstManifestError(r: ChartRender): string | undefined {
  for (const t of manifestTemplates(r.templates)) {
    const e = manifestError(t);
    if (e) return e.message;
  }
  return undefined;
}

/** What `helm template` prints for a render that succeeded: manifests in install order, then hooks (NOTES.txt and partials left out). */
export function helmTemplateOutput(r: ChartRender): string {
  const docs: { name: string; content: string; kind: string; hook: boolean }[] = [];
  for (const t of manifestTemplates(r.templates)) {
    for (const d of splitManifests(t.output!)) {
      const head = headOf(d);
      if (!head.skipped) docs.push({ name: t.name, content: d, ...head });
    }
  }
  const rank = (k: string): number => {
    const i = INSTALL_ORDER.indexOf(k);
    return i < 0 ? INSTALL_ORDER.length : i;
  };
  const byKind = (list: typeof docs): typeof docs =>
    list
      .map((d, i) => ({ d, i }))
      .sort((a, b) => rank(a.d.kind) - rank(b.d.kind) || (rank(a.d.kind) === INSTALL_ORDER.length && a.d.kind !== b.d.kind ? (a.d.kind < b.d.kind ? -1 : 1) : a.i - b.i))
      .map(({ d }) => d);
  const print = (list: typeof docs): string => list.map((d) => `---\n# Source: ${d.name}\n${d.content}\n`).join('');
  // Helm prints the trimmed manifest and a newline (an empty line when there is none), then each hook.
  return `${print(byKind(docs.filter((d) => !d.hook))).trim()}\n${print(byKind(docs.filter((d) => d.hook)))}`;
}
