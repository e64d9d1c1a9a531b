/**
 * Hovers name the benchmark items of the findings under the cursor (their
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
