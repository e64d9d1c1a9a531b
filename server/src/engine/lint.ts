/**
 * The engine's entry point: text in, findings out. Pure and total: nothing
 * throws out of here, parse errors become findings.
 *
 * YAML files are linted document by document (see parse/yaml.ts); each
 * document's findings are computed with document-relative offsets, so they
 * can be cached by the document's text and reused, shifted, after edits
 * elsewhere in the file. `lintYamlSteps` exposes that per-document structure
 * to the language server, which interleaves the work with incoming edits and
 * converts (and caches) diagnostics per document too.
 */
import { visit } from 'yaml';
import type { YamlDocument } from './parse/yaml-document';
import { settingsKey, DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import { isTemplated, looksBinary, parseChunk, splitYamlDocuments, templateMarkers } from './parse/yaml';
import { SYNTAX_RULES } from './rules';
import { activeRules, engineFinding, runRule, type ActiveRule, type RuleHooks } from './run-rule';
import type { Finding } from './types';
import type { RuleVisitors } from './rule';
import { byPosition, detach, hasBom, shifted, withBom, yamlLintFindings, type LintedChunk, type YamlLint } from './yaml-lint-result';
import { ResourceView } from './views/resource';
import { documentObjects } from './views/objects';
import { readAsKubectl } from './parse/kubectl-scalars';
import { expandMerges, type MergedSpans } from './parse/yaml-merge';
import { ComposeFileView, isComposeFileName } from './views/compose';
import { lintCompose } from './lint-compose';
import { lintDockerfile } from './lint-dockerfile';
import { lintAbac, lintDockerDaemon } from './lint-json-config';
import { RULE_IDS } from './rules';
import { annotationExemptions } from './suppress/annotations';
import { applyAnnotations, applyListAnnotations, suppress } from './suppress/apply';
import { yamlTopEnd } from './suppress/directives';
import type { Span } from './types';
import { yamlErrorMessage } from './parse/yaml-message';
import { DocumentCache, type CacheEntry, type ChunkResult } from './document-cache';
import { startsAsJson } from './parse/json-manifest';
import type { FileKind } from './file-kind';
import { DocumentViews, ObjectViews } from './views/view-set';
import { lintCount } from './lint-count';
import { FixRetention, FixScope } from './fixes/fix-scope';
import type { CustomWorkloads } from './views/workloads';
import type { ParsedChunks } from './parsed-chunks';

export { DocumentCache, type CacheEntry, type ChunkResult };

export { fileKindOf, fileKindOfText, type FileKind } from './file-kind';

/** `rules` and `onInternalError`: see RuleHooks. */
export interface LintOptions extends RuleHooks {
  settings?: EngineSettings;
  /** Per-document result cache; pass the same instance across edits of one file. */
  cache?: DocumentCache;
  /** The file's name (a base name or a path), when known: `docker-compose.yml` and the like are compose files. */
  fileName?: string;
  /**
   * Without a cache: of how many YAML documents (the last linted) the parsed
   * documents are kept for their findings' fixes (default none: `scan` never
   * builds a fix; see FixScope). The fixes of the others are built from a
   * lint of their document again. With a cache, the cache decides.
   */
  fixSources?: number;
  /**
   * The project's custom workloads (custom resources whose CRD's schema embeds
   * a pod: project/crd-workloads.ts): their pod specs are linted as workloads'.
   */
  workloads?: CustomWorkloads;
  /** Documents of this text parsed already (by the project index, see ParsedChunks): taken instead of parsing again. */
  parsed?: ParsedChunks;
}

/** How a document chunk is read: as a compose file by its name, and which custom resources are workloads. */
export interface ChunkContext {
  composeNamed: boolean;
  workloads?: CustomWorkloads;
  parsed?: ParsedChunks;
}

/**
 * Run every active rule's visitors over one parsed document: over each
 * Kubernetes object it holds (itself, or the items of a List), else over it
 * as a compose file.
 */
function lintDocument(
  doc: YamlDocument,
  text: string,
  settings: EngineSettings,
  rules: ActiveRule[],
  out: Finding[],
  suppressed: Set<Finding>,
  how: ChunkContext = { composeNamed: false },
): void {
  if (!ResourceView.from(doc)) {
    // Not a Kubernetes object: a compose file (read as compose-go reads it), or nothing we lint.
    const merged = expandMerges(doc, text, 'yaml11');
    const compose = ComposeFileView.from(doc, text, how.composeNamed);
    if (compose) lintCompose(compose, text, settings, rules, out, merged, new DocumentViews());
    return;
  }
  // A Kubernetes object (or a list of them): read as kubectl reads it (YAML 1.1 scalars, go-yaml v2 merge keys).
  readAsKubectl(doc);
  const merged = expandMerges(doc, text, 'kubectl');
  const found = documentObjects(doc);
  if (!found) return;
  for (const list of found.lists) applyListAnnotations(annotationExemptions(list, RULE_IDS), settings, text, out);
  const views = new DocumentViews();
  for (const resource of found.objects) lintObject(new ObjectViews(resource, views, how.workloads), text, settings, rules, out, suppressed, merged);
}

/**
 * Run every active rule's visitors over one object's views. Findings an
 * exemption annotation on the object covers are added to `suppressed`.
 * `merged`: the document's merged copies (see parse/yaml-merge.ts), when it
 * merges anything.
 */
function lintObject(
  views: ObjectViews,
  text: string,
  settings: EngineSettings,
  rules: ActiveRule[],
  out: Finding[],
  suppressed: Set<Finding>,
  merged: MergedSpans | undefined,
): void {
  const resource = views.resource;
  const object = { kind: resource.kind, name: resource.name, namespace: resource.namespace };
  const pod = views.podSpec();
  const anchor = resource.kindSpan;
  const found: Finding[] = [];
  // One visit function for all the rules (not one per rule and object).
  const visitObject = (visitors: RuleVisitors): void => {
    const has = visitorKeys(visitors);
    if (has & VISIT.resource) visitors.resource?.(resource);
    if (has & VISIT.role && visitors.role) visitView(views.role(), visitors.role);
    if (has & VISIT.binding && visitors.binding) visitView(views.binding(), visitors.binding);
    if (has & VISIT.serviceAccount && visitors.serviceAccount) visitView(views.serviceAccount(), visitors.serviceAccount);
    if (has & VISIT.kubeconfig && visitors.kubeconfig) visitView(views.kubeconfig(), visitors.kubeconfig);
    if (has & VISIT.psp && visitors.psp) visitView(views.psp(), visitors.psp);
    if (has & VISIT.scc && visitors.scc) visitView(views.scc(), visitors.scc);
    if (pod && has & VISIT.pod) {
      if (has & VISIT.podSpec) visitors.podSpec?.(pod);
      if (has & VISIT.container && visitors.container) for (const c of pod.containers) visitors.container(c);
      if (has & VISIT.image && visitors.image) {
        for (const c of pod.containers) {
          const image = c.image();
          if (image) visitors.image(image);
        }
      }
      if (has & VISIT.envVar && visitors.envVar) for (const c of pod.containers) for (const env of c.envVars()) visitors.envVar(env);
    }
    if (has & VISIT.end) visitors.end?.();
  };
  for (const active of rules) {
    runRule(
      active,
      settings,
      text,
      found,
      anchor,
      visitObject,
      object,
      merged,
      views.document,
    );
  }
  applyAnnotations(found, annotationExemptions(resource, RULE_IDS), settings, text, suppressed, found);
  for (const f of found) out.push(f); // not push(...found): a huge list exceeds the argument limit
}

/** Bits of the object visitors a rule's visitor object has (see visitorKeys). */
const VISIT = {
  resource: 1,
  role: 2,
  binding: 4,
  serviceAccount: 8,
  kubeconfig: 16,
  psp: 32,
  scc: 64,
  podSpec: 128,
  container: 256,
  image: 512,
  envVar: 1024,
  end: 2048,
  pod: 128 | 256 | 512 | 1024,
} as const;
const ALL_VISITORS = 4095;

/**
 * Which object visitors `visitors` names, as VISIT bits. Rules return visitor
 * objects of many shapes, so reading every visitor name off each one is a
 * megamorphic lookup per name; enumerating the few names it has is cheaper.
 * (for-in also sees inherited names, as the property reads it replaces did.)
 */
function visitorKeys(visitors: RuleVisitors): number {
  // A visitor object that is not a plain object (a class instance's methods are not enumerable): every name is read.
  const proto: unknown = Object.getPrototypeOf(visitors);
  if (proto !== Object.prototype && proto !== null) return ALL_VISITORS;
  let has = 0;
  for (const key in visitors) {
    switch (key) {
      case 'resource': has |= VISIT.resource; break;
      case 'role': has |= VISIT.role; break;
      case 'binding': has |= VISIT.binding; break;
      case 'serviceAccount': has |= VISIT.serviceAccount; break;
      case 'kubeconfig': has |= VISIT.kubeconfig; break;
      case 'psp': has |= VISIT.psp; break;
      case 'scc': has |= VISIT.scc; break;
      case 'podSpec': has |= VISIT.podSpec; break;
      case 'container': has |= VISIT.container; break;
      case 'image': has |= VISIT.image; break;
      case 'envVar': has |= VISIT.envVar; break;
      case 'end': has |= VISIT.end; break;
    }
  }
  return has;
}

/** `visitor(view)` when the object has that view. */
function visitView<V>(view: V | undefined, visitor: (view: V) => void): void {
  if (view !== undefined) visitor(view);
}

/** Ranges of scalars that span lines: a `# ...` line inside one is text, not a comment. */
function multilineScalarRanges(text: string, docs: readonly YamlDocument[]): Span[] {
  const out: Span[] = [];
  for (const doc of docs) {
    visit(doc.yaml, {
      Scalar(_, node) {
        if (!node.range) return;
        const [start, end] = node.range;
        const nl = text.indexOf('\n', start);
        if (nl >= 0 && nl < end) out.push({ start, end });
      },
    });
  }
  return out;
}

/**
 * Most lines and flow-collection items (`,`) one YAML document may have to be
 * parsed. The parser's memory grows with the nodes, about 1.7 KB each: a
 * dense document of 200,000 keys (3.4 MB) takes over 300 MB and seconds. The
 * largest real documents, CRDs, have about 40,000 lines; a long scalar counts
 * as one line however long it is.
 */
export const MAX_DOCUMENT_NODES = 100_000;

/** Lines plus commas of `text`, counted up to just past `limit`. */
function nodeEstimate(text: string, limit: number): number {
  let n = 0;
  for (const ch of ['\n', ',']) {
    for (let i = text.indexOf(ch); i >= 0 && n <= limit; i = text.indexOf(ch, i + 1)) n++;
  }
  return n;
}

/** Lint one YAML document chunk; its findings' fixes go through a FixScope (see there). */
export function lintChunk(text: string, settings: EngineSettings, rules: ActiveRule[], how: ChunkContext): ChunkResult {
  const result = lintChunkAlone(text, settings, rules, how);
  if (!result.findings.some((f) => f.fixes)) return result;
  const fixes = new FixScope(() => lintChunkAlone(text, settings, rules, how).findings);
  fixes.adopt(result.findings);
  return { ...result, fixes };
}

function lintChunkAlone(text: string, settings: EngineSettings, rules: ActiveRule[], how: ChunkContext): ChunkResult & { findings: Finding[] } {
  if (typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) lintCount.documents++;
  const findings: Finding[] = [];
  // Each line and comma is at least two characters: shorter texts are under the limit.
  if (text.length > 2 * MAX_DOCUMENT_NODES && nodeEstimate(text, MAX_DOCUMENT_NODES) > MAX_DOCUMENT_NODES) {
    const n = (x: number) => x.toLocaleString('en-US');
    const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'tooLarge', { limit: n(MAX_DOCUMENT_NODES) }, text, 0, 1);
    if (f) findings.push(f);
    return { findings, parseError: true, templated: false };
  }
  const parsed = how.parsed?.take(text) ?? parseChunk(text);
  if (parsed.crash !== undefined) {
    const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'crash', { message: parsed.crash }, text, 0, 1);
    if (f) findings.push(f);
    return { findings, parseError: true, templated: false };
  }
  if (isTemplated(text, parsed.docs)) return { findings: [], parseError: false, templated: true };
  let parseError = false;
  const suppressed = new Set<Finding>();
  for (const doc of parsed.docs) {
    const errors = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (errors.length > 0) {
      parseError = true;
      const e = errors[0]!;
      const message = yamlErrorMessage(e.message);
      const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'parse', { message }, text, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1));
      if (f) findings.push(f);
      continue; // a broken document is not linted: its content is unreliable
    }
    lintDocument(doc, text, settings, rules, findings, suppressed, how);
  }
  const kept = suppress(findings, text, settings, suppressed, {
    scopeWord: 'document',
    scan: () => ({ exclude: multilineScalarRanges(text, parsed.docs), topEnd: yamlTopEnd(text) }),
  });
  // JSON (what kubectl reads as JSON) gets no fixes: the edit builders write YAML, which would break it.
  const result = startsAsJson(text) ? kept.map(fixless) : kept;
  return { findings: result.sort(byPosition), parseError, templated: false };
}

/** The finding without its fixes. */
function fixless(f: Finding): Finding {
  if (!f.fixes) return f;
  const { fixes: _fixes, ...rest } = f;
  return rest;
}

/**
 * Lint a YAML file document by document, yielding after every document that
 * had to be linted (a cache miss), so that a caller can interleave other
 * work and abandon a superseded lint: the documents linted so far stay in the
 * cache. Run to completion it returns the per-document results. Nothing
 * throws out of it.
 */
export function* lintYamlSteps(text: string, options: LintOptions = {}): Generator<void, YamlLint, void> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  if (hasBom(text)) return withBom(yield* lintYamlSteps(text.slice(1), options));
  if (typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) lintCount.files++;
  try {
    if (looksBinary(text)) {
      const f = engineFinding(SYNTAX_RULES.binaryFile.meta, settings, 'binary', {}, text, 0, Math.min(text.length, 1));
      return { chunks: [], whole: f ? [f] : [] };
    }
    const rules = activeRules(settings, options);
    const composeNamed = isComposeFileName(options.fileName);
    const cache = options.cache;
    const retention = cache ? undefined : new FixRetention(options.fixSources ?? 0);
    const how = chunkContext(options, composeNamed);
    const key = cache ? cacheKey(settings, how) : '';
    const split = splitYamlDocuments(text);
    cache?.begin(key, split.length);
    const chunks: LintedChunk[] = [];
    const texts: string[] = [];
    const entries: CacheEntry[] = [];
    let anyParseError = false;
    let templated = false;
    for (let i = 0; i < split.length; i++) {
      const chunk = split[i]!;
      let entry = cache?.lookup(key, chunk.text, i, split.length);
      let result = entry?.result;
      if (!result) {
        const own = detach(chunk.text);
        result = lintChunk(own, settings, rules, how);
        if (cache) entry = cache.store(key, own, result, i);
        else if (result.fixes) retention?.hold(result.fixes);
        yield;
      }
      if (entry) {
        // The entry's own copy, not chunk.text: a slice would keep this version of the whole file alive until the next lint.
        texts.push(entry.text);
        entries.push(entry);
      }
      anyParseError ||= result.parseError;
      templated ||= result.templated;
      chunks.push({ offset: chunk.offset, text: chunk.text, result });
    }
    const changed = cache?.firstChanged;
    const changedAt = changed === undefined ? undefined : split[changed]!.offset;
    cache?.finish(key, texts, entries);
    // A Go/Helm template is skipped whole, with one informational finding.
    if (templated || (anyParseError && text.includes('{{'))) {
      return { chunks, whole: helmFinding(text, templateMarkers(text, 1)[0] ?? text.indexOf('{{'), settings), changedAt };
    }
    return changedAt === undefined ? { chunks } : { chunks, changedAt };
  } catch (e) {
    const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'crash', { message: e instanceof Error ? e.message : String(e) }, text, 0, 1);
    return { chunks: [], whole: f ? [f] : [] };
  }
}

/** The key of a DocumentCache's entries linted with `settings` (a compose file's apart). */
export function cacheKey(settings: EngineSettings, how: ChunkContext): string {
  return settingsKey(settings) + (how.composeNamed ? '\u0000compose' : '') + (how.workloads ? `\u0000${how.workloads.key}` : '');
}

/** How a file's documents are linted: as a compose file by name, and with the project's custom workload kinds. */
export function chunkContext(options: LintOptions, composeNamed: boolean): ChunkContext {
  return { composeNamed, ...(options.workloads?.byType.size ? { workloads: options.workloads } : {}), ...(options.parsed ? { parsed: options.parsed } : {}) };
}

/** `lintYamlSteps` run to completion. */
export function lintYamlChunks(text: string, options: LintOptions = {}): YamlLint {
  const steps = lintYamlSteps(text, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Lint a YAML file (one or many documents). */
export function lintYaml(text: string, options: LintOptions = {}): Finding[] {
  return yamlLintFindings(lintYamlChunks(text, options));
}

function helmFinding(text: string, at: number, settings: EngineSettings): Finding[] {
  const f = engineFinding(SYNTAX_RULES.helmTemplate.meta, settings, 'skipped', {}, text, at, at + 2);
  return f ? [f] : [];
}

/** Lint a file of any supported kind. */
export function lintText(text: string, kind: FileKind, options: LintOptions = {}): Finding[] {
  if (kind === 'dockerfile' && hasBom(text)) return lintText(text.slice(1), kind, options).map((f) => shifted(f, 1));
  switch (kind) {
    case 'yaml':
      return lintYaml(text, options);
    case 'dockerfile':
      if (typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) lintCount.files++;
      return lintDockerfile(text, options);
    case 'docker-daemon':
      return lintDockerDaemon(hasBom(text) ? ' ' + text.slice(1) : text, options);
    case 'abac':
      return lintAbac(hasBom(text) ? ' ' + text.slice(1) : text, options);
  }
}
