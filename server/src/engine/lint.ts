/**
 * The engine's entry point: text in, findings out. Pure and total: nothing
 * throws out of here, parse errors become findings.
 *
 * YAML files are linted document by document (see parse/yaml.ts); each
 * document's findings are computed with document-relative offsets, so they
 * can be cached by the document's text and reused, shifted, after edits
 * elsewhere in the file.
 */
import { visit, type Document } from 'yaml';
import { settingsKey, DEFAULT_SETTINGS, type EngineSettings } from './config/settings';
import { isTemplated, looksBinary, parseChunk, splitYamlDocuments, templateMarkers } from './parse/yaml';
import { SYNTAX_RULES } from './rules';
import { activeRules, engineFinding, runRule, type ActiveRule } from './run-rule';
import type { Finding } from './types';
import { ResourceView } from './views/resource';
import { ComposeFileView, isComposeFileName } from './views/compose';
import { lintCompose } from './lint-compose';
import { lintDockerfile } from './lint-dockerfile';
import { RULE_IDS } from './rules';
import { annotationExemptions } from './suppress/annotations';
import { applyAnnotations, applyDirectives, applyExemptions } from './suppress/apply';
import { scanDirectives, yamlTopEnd } from './suppress/directives';
import type { Span } from './types';

export type FileKind = 'yaml' | 'dockerfile';

export interface LintOptions {
  settings?: EngineSettings;
  /** Per-document result cache; pass the same instance across edits of one file. */
  cache?: DocumentCache;
  /** The file's name (a base name or a path), when known: `docker-compose.yml` and the like are compose files. */
  fileName?: string;
}

/** Findings of one YAML document chunk with chunk-relative offsets. */
interface ChunkResult {
  findings: Finding[];
  /** The chunk failed to parse (used for Helm detection). */
  parseError: boolean;
  /** The chunk holds Go/Helm template syntax in structural positions. */
  templated: boolean;
}

/** LRU cache of per-document results keyed by (settings, document text). */
export class DocumentCache {
  private map = new Map<string, ChunkResult>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20000) {}

  get(key: string): ChunkResult | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
      this.hits++;
    } else this.misses++;
    return v;
  }

  set(key: string, value: ChunkResult): void {
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Run every active rule's visitors over one parsed document. Findings an
 * exemption annotation on the object covers are added to `suppressed`.
 */
function lintDocument(
  doc: Document.Parsed,
  text: string,
  settings: EngineSettings,
  rules: ActiveRule[],
  out: Finding[],
  suppressed: Set<Finding>,
  composeNamed = false,
): void {
  const resource = ResourceView.from(doc);
  if (!resource) {
    // Not a Kubernetes object: a compose file, or nothing we lint.
    const compose = ComposeFileView.from(doc, text, composeNamed);
    if (compose) lintCompose(compose, text, settings, rules, out);
    return;
  }
  const object = { kind: resource.kind, name: resource.name, namespace: resource.namespace };
  const pod = resource.podSpec();
  const anchor = resource.kindSpan;
  const found: Finding[] = [];
  for (const active of rules) {
    runRule(
      active,
      settings,
      text,
      found,
      anchor,
      (visitors) => {
        visitors.resource?.(resource);
        if (pod) {
          visitors.podSpec?.(pod);
          if (visitors.container) for (const c of pod.containers) visitors.container(c);
          if (visitors.image) {
            for (const c of pod.containers) {
              const image = c.image();
              if (image) visitors.image(image);
            }
          }
          if (visitors.envVar) for (const c of pod.containers) for (const env of c.envVars()) visitors.envVar(env);
        }
        visitors.end?.();
      },
      object,
    );
  }
  applyAnnotations(found, annotationExemptions(resource, RULE_IDS), settings, text, suppressed, found);
  out.push(...found);
}

/** Ranges of scalars that span lines: a `# ...` line inside one is text, not a comment. */
function multilineScalarRanges(text: string, docs: readonly Document.Parsed[]): Span[] {
  const out: Span[] = [];
  for (const doc of docs) {
    visit(doc, {
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
 * Suppression comments and configured exemptions over a chunk's findings:
 * the findings that remain, plus any unused-suppression findings.
 */
function suppress(findings: Finding[], text: string, docs: readonly Document.Parsed[], settings: EngineSettings, suppressed: Set<Finding>): Finding[] {
  const extra: Finding[] = [];
  if (text.includes('shipshape-disable')) {
    const directives = scanDirectives(text, { exclude: multilineScalarRanges(text, docs), topEnd: yamlTopEnd(text) });
    applyDirectives(findings, directives, settings, text, suppressed, extra, 'document');
  }
  applyExemptions(findings, settings, suppressed);
  if (suppressed.size === 0 && extra.length === 0) return findings;
  return [...findings.filter((f) => !suppressed.has(f)), ...extra];
}

function lintChunk(text: string, settings: EngineSettings, rules: ActiveRule[], composeNamed = false): ChunkResult {
  const findings: Finding[] = [];
  const parsed = parseChunk(text);
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
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'parse', { message }, text, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1));
      if (f) findings.push(f);
      continue; // a broken document is not linted: its content is unreliable
    }
    lintDocument(doc, text, settings, rules, findings, suppressed, composeNamed);
  }
  return { findings: suppress(findings, text, parsed.docs, settings, suppressed), parseError, templated: false };
}

function shift(findings: Finding[], by: number): Finding[] {
  if (by === 0) return findings;
  return findings.map((f) => ({
    ...f,
    span: { start: f.span.start + by, end: f.span.end + by },
    ...(f.fixes ? { fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })) } : {}),
  }));
}

/** Lint a YAML file (one or many documents). */
export function lintYaml(text: string, options: LintOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  try {
    if (looksBinary(text)) {
      const f = engineFinding(SYNTAX_RULES.binaryFile.meta, settings, 'binary', {}, text, 0, Math.min(text.length, 1));
      return f ? [f] : [];
    }
    const rules = activeRules(settings);
    const composeNamed = isComposeFileName(options.fileName);
    const key = options.cache ? settingsKey(settings) + (composeNamed ? '\u0000compose' : '') + '\u0000' : '';
    const all: Finding[] = [];
    let anyParseError = false;
    let templated = false;
    for (const chunk of splitYamlDocuments(text)) {
      let result = options.cache?.get(key + chunk.text);
      if (!result) {
        result = lintChunk(chunk.text, settings, rules, composeNamed);
        options.cache?.set(key + chunk.text, result);
      }
      anyParseError ||= result.parseError;
      templated ||= result.templated;
      all.push(...shift(result.findings, chunk.offset));
    }
    // A Go/Helm template is skipped whole, with one informational finding.
    if (templated || (anyParseError && text.includes('{{'))) {
      return helmFinding(text, templateMarkers(text, 1)[0] ?? text.indexOf('{{'), settings);
    }
    return all.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  } catch (e) {
    const f = engineFinding(SYNTAX_RULES.yamlSyntax.meta, settings, 'crash', { message: e instanceof Error ? e.message : String(e) }, text, 0, 1);
    return f ? [f] : [];
  }
}

function helmFinding(text: string, at: number, settings: EngineSettings): Finding[] {
  const f = engineFinding(SYNTAX_RULES.helmTemplate.meta, settings, 'skipped', {}, text, at, at + 2);
  return f ? [f] : [];
}

const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:[.-].+)?$|\.(?:Dockerfile|dockerfile|Containerfile)$/;
const YAML_NAME = /\.ya?ml$/i;
/** kubeconfig files without a YAML extension: `kubeconfig`, `*.kubeconfig` (and `.kube/config`, below). */
const KUBECONFIG_NAME = /^kubeconfig$|\.kubeconfig$/i;

/** Which kind of file a path (or an editor language id) is. */
export function fileKindOf(path: string, languageId?: string): FileKind | undefined {
  if (languageId === 'dockerfile') return 'dockerfile';
  // `dockercompose` is the language id VS Code's Docker extension gives compose files.
  if (languageId === 'yaml' || languageId === 'dockercompose') return 'yaml';
  const parts = path.split(/[\\/]/);
  const base = parts.pop() ?? path;
  if (YAML_NAME.test(base)) return 'yaml';
  if (DOCKERFILE_NAME.test(base)) return 'dockerfile';
  if (KUBECONFIG_NAME.test(base) || (base === 'config' && parts.pop() === '.kube')) return 'yaml';
  return undefined;
}

/** Lint a file of any supported kind. */
export function lintText(text: string, kind: FileKind, options: LintOptions = {}): Finding[] {
  switch (kind) {
    case 'yaml':
      return lintYaml(text, options);
    case 'dockerfile':
      return lintDockerfile(text, options);
  }
}
