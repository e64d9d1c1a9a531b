/**
 * Hovers show where the image under the cursor is built (a container's
 * `image` the project builds: `Built from services/api/Dockerfile (skaffold.yaml
 * artifact)`, from the workspace's relation judgement, see project-relations.ts)
 * and name the benchmark items of the findings under the cursor (their
 * ids and titles, from the catalogs; VS Code shows the finding's message and
 * rule from the diagnostic itself). Read from the document's kept lint, as
 * code actions are: a hover never lints again.
 */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingBenchmarkItems, getRule } from '../engine';
import { benchmarkReferenceLines } from '../engine/benchmarks';
import { findingsAt } from './code-actions';
import type { DocumentLint } from './linting';

export interface HoverDeps {
  lintOf(uri: string): Promise<DocumentLint | undefined>;
  document(uri: string): TextDocument | undefined;
}

export interface ShipshapeHoverDeps extends HoverDeps {
  /** The image link at an offset of an open document (WorkspaceRelations.imageHover). */
  imageHover?(uri: string, offset: number): { text: string } | undefined;
}

/** The server's one hover: the image link, then the benchmark items (each when it applies). */
export async function shipshapeHover(params: HoverParams, deps: ShipshapeHoverDeps): Promise<Hover | null> {
  const doc = deps.document(params.textDocument.uri);
  if (!doc) return null;
  const image = deps.imageHover?.(params.textDocument.uri, doc.offsetAt(params.position));
  const benchmark = await benchmarkHover(params, deps);
  const sections = [...(image ? [`**Shipshape** ${image.text}`] : []), ...(benchmark ? [(benchmark.contents as { value: string }).value] : [])];
  return sections.length > 0 ? { contents: { kind: 'markdown', value: sections.join('\n\n') } } : null;
}

export async function benchmarkHover(params: HoverParams, deps: HoverDeps): Promise<Hover | null> {
  const doc = deps.document(params.textDocument.uri);
  const lint = doc && (await deps.lintOf(params.textDocument.uri));
  if (!doc || !lint || lint.version !== doc.version) return null;
  const at = doc.offsetAt(params.position);
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const f of findingsAt(lint, at)) {
    if (at < f.span.start || at > f.span.end) continue;
    const meta = getRule(f.ruleId)?.meta;
    const lines = benchmarkReferenceLines({ cis: findingBenchmarkItems(f, meta, 'cis'), cisDocker: findingBenchmarkItems(f, meta, 'cisDocker') });
    const text = `\`${f.ruleId}\`: ${lines.join('; ')}`;
    if (lines.length === 0 || seen.has(text)) continue;
    seen.add(text);
    sections.push(`**Shipshape** ${text}`);
  }
  return sections.length > 0 ? { contents: { kind: 'markdown', value: sections.join('\n\n') } } : null;
}
