/**
 * The kubeconfig explorer's requests (shared/kubeconfig/protocol.ts). The
 * explorer reads the files and sends their text; here they are merged and
 * linted with each file's settings (editor settings for that file and its
 * `.shipshape.yaml`, as for any document), and on "Lint Kubeconfig" the
 * findings are published through the same converter as every other file
 * (code, doc link, data). Edits are computed by the engine and returned; the
 * explorer writes them with its stamps.
 */
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { EngineSettings } from '../engine';
import { mergeKubeconfigs, setContextNamespace, setCurrentContext, type KubeconfigFinding, type MergedKubeconfig } from '../engine/kubeconfig';
import type { KubeconfigFileInput, KubeconfigFindingData, MergedKubeconfig as ModelData } from '../../../shared/kubeconfig/model';
import type { KubeconfigEditResult, KubeconfigModelParams } from '../../../shared/kubeconfig/protocol';
import type { ConfigResolver } from './config';
import type { DiagnosticConverter } from './diagnostics';
import type { SettingsStore } from './settings';

export interface KubeconfigDeps {
  settings: SettingsStore;
  configs?: ConfigResolver;
  converter: DiagnosticConverter;
  publish(params: PublishDiagnosticsParams): void;
  /** Open documents are linted (and their diagnostics published) as documents: leave them alone. */
  isOpen(uri: string): boolean;
}

const str = (v: unknown): v is string => typeof v === 'string';

/** The request's files, keeping only well-formed entries (the server never trusts a payload's shape). */
function filesOf(params: unknown): KubeconfigFileInput[] {
  const files = (params as KubeconfigModelParams | undefined)?.files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f: unknown) => {
    const x = f as KubeconfigFileInput | null;
    if (!x || !str(x.path) || x.path === '') return [];
    return [{ path: x.path, ...(str(x.text) ? { text: x.text } : {}), ...(str(x.readError) ? { readError: x.readError } : {}) }];
  });
}

/** Plain data for the wire: each finding with its display fields only. */
function plain(model: MergedKubeconfig): ModelData {
  const data = (f: KubeconfigFinding): KubeconfigFindingData => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, span: { start: f.span.start, end: f.span.end }, file: f.file, line: f.line });
  return {
    ...model,
    files: model.files.map((f) => ({ ...f, findings: f.findings.map(data) })),
    contexts: model.contexts.map((c) => ({ ...c, findings: c.findings.map(data) })),
    findings: model.findings.map(data),
  };
}

export class KubeconfigService {
  /** URIs of files whose kubeconfig findings were published (to clear them on the next lint). */
  private published = new Set<string>();

  constructor(private readonly deps: KubeconfigDeps) {}

  /** `shipshape/kubeconfig/model`. */
  async model(params: unknown): Promise<ModelData> {
    const files = filesOf(params);
    const resolved = new Map<string, { settings: EngineSettings; off: boolean }>();
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const server = await this.deps.settings.get(uri);
      const r = this.deps.configs?.resolve(uri, server.engine);
      resolved.set(f.path, { settings: r?.settings ?? server.engine, off: !server.enable || r?.ignored === true });
    }
    const model = mergeKubeconfigs(files, (path) => resolved.get(path)!.settings);
    // A file Shipshape is turned off for (or that its config ignores) reports nothing, as when opened in the editor.
    const off = (f: KubeconfigFinding): boolean => resolved.get(f.file)?.off === true;
    if (files.some((f) => resolved.get(f.path)!.off)) {
      for (const s of model.files) s.findings = s.findings.filter((f) => !off(f));
      for (const c of model.contexts) c.findings = c.findings.filter((f) => !off(f));
      model.findings = model.findings.filter((f) => !off(f));
    }
    if ((params as KubeconfigModelParams | undefined)?.publish === true) this.publish(files, model);
    return plain(model);
  }

  private publish(files: readonly KubeconfigFileInput[], model: MergedKubeconfig): void {
    const now = new Set<string>();
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      if (file.text === undefined || this.deps.isOpen(uri)) continue;
      const findings = model.files.find((s) => s.path === file.path)?.findings ?? [];
      now.add(uri);
      this.deps.publish({ uri, diagnostics: this.deps.converter.convert(findings, file.text, 0) });
    }
    for (const uri of this.published) if (!now.has(uri) && !this.deps.isOpen(uri)) this.deps.publish({ uri, diagnostics: [] });
    this.published = now;
  }

  /** `shipshape/kubeconfig/edit`: the engine's minimal edit of one file's text. */
  edit(params: unknown): KubeconfigEditResult {
    const p = params as Partial<Record<'text' | 'currentContext' | 'context' | 'namespace', unknown>> | null;
    if (!p || !str(p.text)) return { ok: false, error: 'no file text' };
    if (str(p.currentContext)) return setCurrentContext(p.text, p.currentContext);
    if (str(p.context) && str(p.namespace)) return setContextNamespace(p.text, p.context, p.namespace);
    return { ok: false, error: 'unknown kubeconfig edit' };
  }
}
