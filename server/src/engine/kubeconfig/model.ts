/**
 * The merged kubeconfig: files in, one display model out, the way kubectl
 * sees it (client-go's clientcmd merge):
 *
 * - the first file to define a named cluster, context or user wins it whole
 *   (later definitions are listed in `shadowed`, never merged field by field);
 * - the first file to set a non-empty `current-context` wins it;
 * - a file that is missing is skipped; a file that cannot be read or parsed
 *   is an error for that file only, the others still load.
 *
 * Display fields come from `KubeconfigView.summary()`, which never copies
 * secret material (tokens, passwords, key data, exec args/env): the model is
 * safe to print, serialise and show in a tree.
 *
 * Findings are the kubeconfig rules' findings (via `lintText`) per file. A
 * dangling-reference finding is recomputed against the merged names (a
 * context in one file may name a cluster another file defines), and every
 * finding is attached to the merged contexts it concerns: the context whose
 * entry it falls in, or every context using the cluster or user it falls in.
 */
import { yamlErrorMessage } from '../parse/yaml-message';
import type { YamlDocument } from '../parse/yaml-document';
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { DEFAULT_SETTINGS, type EngineSettings } from '../config/settings';
import { lintText } from '../lint';
import type { RuleHooks } from '../run-rule';
import { parseChunk } from '../parse/yaml';
import { readAsKubectl } from '../parse/kubectl-scalars';
import kubeconfigDanglingReference from '../rules/kubeconfig/kubeconfig-dangling-reference';
import { engineFinding } from '../run-rule';
import { LineIndex } from '../text';
import type { Finding, Span } from '../types';
import { danglingReferences, KubeconfigView, type KubeconfigSummary } from '../views/kubeconfig';
import type { ClusterInfo, ContextInfo as ContextInfoOf, KubeconfigFileInput, KubeconfigFileState as FileStateOf, MergedKubeconfig as MergedOf, ShadowedEntry, UserInfo } from '../../../../shared/kubeconfig/model';
import { ResourceView } from '../views/resource';
import { getNode, getPair, nodeSpan, stringValue } from '../views/yaml-node';

export type { ClusterInfo, EntrySource, FileStatus, KubeconfigFileInput, ShadowedEntry, UserInfo } from '../../../../shared/kubeconfig/model';

export interface KubeconfigFinding extends Finding {
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
}

export type KubeconfigFileState = FileStateOf<KubeconfigFinding>;
export type ContextInfo = ContextInfoOf<KubeconfigFinding>;
export type MergedKubeconfig = MergedOf<KubeconfigFinding>;

/** A parsed file: its document, and the kubeconfig view when it is one. */
export interface ParsedKubeconfig {
  doc?: YamlDocument;
  root?: YAMLMap;
  view?: KubeconfigView;
  /** Parse or shape problem, one line. */
  error?: string;
  errorOffset?: number;
}

/**
 * Parse one kubeconfig file. An empty file (or one holding only comments) is
 * an empty config, as for kubectl. Never throws.
 */
export function parseKubeconfig(text: string): ParsedKubeconfig {
  const { docs, crash } = parseChunk(text);
  if (crash) return { error: crash, errorOffset: 0 };
  if (docs.length > 1) return { error: 'a kubeconfig holds one YAML document, this file holds several', errorOffset: (docs[1]!.yaml as Document.Parsed).range[0] };
  const doc = docs[0];
  if (!doc) return {};
  const err = doc.errors[0];
  if (err) return { doc, error: yamlErrorMessage(err.message), errorOffset: err.pos[0] };
  readAsKubectl(doc); // kubectl reads kubeconfig files with the YAML 1.1 scalars of its manifests
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return { doc };
  if (!isMap(contents)) return { doc, error: 'a kubeconfig is a YAML map (apiVersion, kind, clusters, contexts, users ...)', errorOffset: nodeSpan(contents)?.start ?? 0 };
  const root = contents as YAMLMap;
  const resource = new ResourceView(doc, root);
  const view = KubeconfigView.from(resource);
  if (!view && ['clusters', 'contexts', 'users'].some((k) => getPair(root, k) !== undefined)) {
    return { doc, root, error: 'not a kubeconfig: expected apiVersion: v1 and kind: Config', errorOffset: 0 };
  }
  return { doc, root, view };
}

interface LoadedFile {
  state: KubeconfigFileState;
  text?: string;
  parsed?: ParsedKubeconfig;
  lines?: LineIndex;
}

function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * Build the merged model of `files` (in precedence order) and lint it with
 * `settings` (the rules' severities; a rule set to off finds nothing), or
 * with each file's own settings (the language server resolves the editor
 * settings and `.shipshape.yaml` per file).
 */
export function mergeKubeconfigs(
  files: readonly KubeconfigFileInput[],
  settings: EngineSettings | ((path: string) => EngineSettings) = DEFAULT_SETTINGS,
  /** The caller's rule hooks for the lints (see RuleHooks). */
  hooks: RuleHooks = {},
): MergedKubeconfig {
  const settingsOf = typeof settings === 'function' ? settings : (): EngineSettings => settings;
  const loaded: LoadedFile[] = files.map((f) => {
    if (f.text === undefined) {
      return { state: f.readError !== undefined ? { path: f.path, status: 'unreadable', error: f.readError, findings: [] } : { path: f.path, status: 'missing', findings: [] } };
    }
    const parsed = parseKubeconfig(f.text);
    const lines = new LineIndex(f.text);
    const state: KubeconfigFileState = { path: f.path, status: parsed.error !== undefined ? 'malformed' : 'ok', findings: [] };
    if (parsed.error !== undefined) {
      state.error = parsed.error;
      state.errorLine = lines.position(parsed.errorOffset ?? 0).line + 1;
    }
    return { state, text: f.text, parsed, lines };
  });
  const usable = loaded.filter((l) => l.state.status === 'ok' && l.parsed);

  const clusters = new Map<string, ClusterInfo>();
  const users = new Map<string, UserInfo>();
  const contexts = new Map<string, ContextInfo>();
  /** Entry spans that won, per file: to attach findings. */
  const winners: Array<{ file: LoadedFile; list: ShadowedEntry['list']; span: Span; name: string }> = [];
  const shadowed: ShadowedEntry[] = [];
  let currentContext: string | undefined;
  let currentContextFile: string | undefined;

  for (const file of usable) {
    const { view, root, doc } = file.parsed!;
    const path = file.state.path;
    const line = (s: Span): number => file.lines!.position(s.start).line + 1;
    if (currentContext === undefined && root && doc) {
      const cc = stringValue(getNode(root, 'current-context'), doc);
      if (cc !== undefined && cc !== '') {
        currentContext = cc;
        currentContextFile = path;
      }
    }
    if (!view) continue;
    const summary: KubeconfigSummary = view.summary();
    const claim = <T>(list: ShadowedEntry['list'], map: Map<string, T>, name: string | undefined, span: Span, entrySpan: Span, make: () => T, winnerFile: (t: T) => string): void => {
      if (name === undefined) return;
      const existing = map.get(name);
      if (existing !== undefined) {
        shadowed.push({ list, name, file: path, line: line(span), winner: winnerFile(existing) });
        return;
      }
      map.set(name, make());
      winners.push({ file, list, span: entrySpan, name });
    };
    view.clusters.forEach((c, i) => {
      const s = summary.clusters[i]!;
      claim('clusters', clusters, c.name, c.anchorSpan, c.span, () => ({
        name: c.name!,
        file: path,
        span: c.anchorSpan,
        line: line(c.anchorSpan),
        ...(s.server !== undefined ? { server: s.server } : {}),
        tls: s.tls,
        certificateAuthority: s.certificateAuthority,
        ...(s.tlsServerName !== undefined ? { tlsServerName: s.tlsServerName } : {}),
        ...(s.proxyUrl !== undefined ? { proxyUrl: s.proxyUrl } : {}),
      }), (x) => x.file);
    });
    view.users.forEach((u, i) => {
      const s = summary.users[i]!;
      const { name: _n, ...rest } = s;
      claim('users', users, u.name, u.anchorSpan, u.span, () => ({ name: u.name!, file: path, span: u.anchorSpan, line: line(u.anchorSpan), ...rest }), (x) => x.file);
    });
    view.contexts.forEach((c) => {
      claim('contexts', contexts, c.name, c.anchorSpan, c.span, () => {
        const info: ContextInfo = { name: c.name!, file: path, span: c.anchorSpan, line: line(c.anchorSpan), current: false, findings: [] };
        if (c.cluster !== undefined) info.cluster = c.cluster.value;
        if (c.user !== undefined) info.user = c.user.value;
        if (c.namespace !== undefined) info.namespace = c.namespace.value;
        return info;
      }, (x) => x.file);
    });
  }

  for (const ctx of contexts.values()) {
    ctx.current = currentContext !== undefined && ctx.name === currentContext;
    const cl = ctx.cluster !== undefined ? clusters.get(ctx.cluster) : undefined;
    const us = ctx.user !== undefined ? users.get(ctx.user) : undefined;
    if (cl) ctx.clusterInfo = cl;
    if (us) ctx.userInfo = us;
  }

  // Lint each readable file; dangling references are judged against the merged names.
  const known = { clusters: new Set(clusters.keys()), users: new Set(users.keys()), contexts: new Set(contexts.keys()) };
  const danglingId = kubeconfigDanglingReference.meta.id;
  const all: KubeconfigFinding[] = [];
  for (const file of loaded) {
    if (file.text === undefined || !file.lines) continue;
    const path = file.state.path;
    const at = (f: Finding): KubeconfigFinding => ({ ...f, file: path, line: file.lines!.position(f.span.start).line + 1 });
    const fileSettings = settingsOf(path);
    let findings = lintText(file.text, 'yaml', { ...hooks, settings: fileSettings, fileName: path });
    const view = file.parsed?.view;
    if (view && file.state.status === 'ok') {
      findings = findings.filter((f) => f.ruleId !== danglingId);
      for (const ref of danglingReferences(view, known)) {
        // Only the winning current-context matters; kubectl ignores the others.
        if (ref.target === 'context' && currentContextFile !== path) continue;
        // A shadowed context is never used, so what it names does not matter.
        if (ref.context) {
          const winner = ref.context.name !== undefined ? contexts.get(ref.context.name) : undefined;
          if (!winner || winner.file !== path || winner.span.start !== ref.context.anchorSpan.start) continue;
        }
        const f = engineFinding(kubeconfigDanglingReference.meta, fileSettings, ref.target, { name: ref.name, context: ref.context?.label ?? 'current-context' }, file.text, ref.span.start, ref.span.end);
        if (f) findings.push(f);
      }
      findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
    }
    file.state.findings = findings.map(at);
    for (const f of file.state.findings) all.push(f); // not push(...): no argument limit
  }

  // Attach findings to the contexts they concern.
  for (const w of winners) {
    const inEntry = w.file.state.findings.filter((f) => contains(w.span, f.span));
    if (inEntry.length === 0) continue;
    for (const ctx of contexts.values()) {
      const concerned =
        (w.list === 'contexts' && ctx.name === w.name && ctx.file === w.file.state.path) ||
        (w.list === 'clusters' && ctx.clusterInfo?.name === w.name) ||
        (w.list === 'users' && ctx.userInfo?.name === w.name);
      if (concerned) for (const f of inEntry) ctx.findings.push(f);
    }
  }

  const model: MergedKubeconfig = {
    files: loaded.map((l) => l.state),
    contexts: [...contexts.values()],
    clusters: [...clusters.values()],
    users: [...users.values()],
    shadowed,
    findings: all,
  };
  if (currentContext !== undefined) {
    model.currentContext = currentContext;
    model.currentContextFile = currentContextFile!;
  }
  return model;
}

/** The context of that name, if the merged config defines it. */
export function findContext(model: MergedKubeconfig, name: string): ContextInfo | undefined {
  return model.contexts.find((c) => c.name === name);
}
