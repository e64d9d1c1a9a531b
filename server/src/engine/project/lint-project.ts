/**
 * Linting a project: every file as the adapters lint it alone, except that
 * kustomizations are built and their output is judged (see docs/kustomize.md).
 *
 * - The root kustomizations (those no other kustomization of the project
 *   includes as a resource or component) are built; each built object is
 *   linted and its findings reported where their values were written
 *   (map-findings.ts), once per (file, rule, span) however many builds have
 *   it, naming the builds (`Finding.builds`, and a message suffix).
 * - A file that is a resource of some build is judged as the resource: in the
 *   documents a build took objects from, its own findings are replaced by the
 *   builds' findings; findings about the text itself (syntax, encoding) stay.
 *   A patch file is never linted as a complete object: it only gets the
 *   builds' findings and its text findings.
 * - A build's problems become `kustomize-build` findings at their lines.
 * - Suppression comments in a file apply to the findings reported in it.
 * - A finding reported in a file gets the fixes of the same finding (rule and
 *   span, or the rule's only finding starting there) of the file linted
 *   alone, built when asked; none when there is no such finding (never a fix
 *   for another finding).
 *
 * Pure: files are read through the ProjectHost. Nothing throws out of here.
 */
import { DEFAULT_SETTINGS, effectiveSeverity, type EngineSettings } from '../config/settings';
import { lintText } from '../lint';
import { chunkIndexAt, shifted } from '../yaml-lint-result';
import { fileKindOf } from '../file-kind';
import { splitYamlDocuments } from '../parse/yaml';
import { getRule, SYNTAX_RULES } from '../rules';
import { engineFinding, type RuleHooks } from '../run-rule';
import { suppress } from '../suppress/apply';
import { yamlTopEnd } from '../suppress/directives';
import { clampToLine } from '../text';
import { findingFixes, type Finding, type Fix, type LazyFixes, type Span } from '../types';
import { buildKustomization, isKustomizationFile } from './kustomize/build';
import { lintBuiltObject, type MappedFinding } from './map-findings';
import { basenameOf, dirnameOf, relativePath } from './paths';
import type { BuiltObject, KustomizeBuild, ProjectHost, ProjectPath } from './types';
import { child, ProjectIndex, text as scalarText } from './index';
import { crdNodeWorkloads, customWorkloads, textWorkloads } from './crd-workloads';
import type { CustomWorkloads } from '../views/workloads';
import { ParsedChunks } from '../parsed-chunks';
import { BuiltImages, composeLinks, fileLinks, mayBeCompose, skaffoldLinks } from './images/built-images';
import type { ImageLink } from './images/types';
import { buildCharts, configuredHelm, lintHelmBuild, type HelmProjectOptions } from './helm-lint';
import { suppressChartFindings } from './helm-suppress';
import type { HelmBuild } from '../helm/chart-build';
import { applyRelations, isChartReplaced, withReplacedFixes, replacedBuilds, runRelationRules, type RelationResult } from './relations';

export interface ProjectLintOptions extends RuleHooks {
  /** The settings a file is linted with, or undefined when the configuration ignores it. */
  settingsFor(path: ProjectPath): EngineSettings | undefined;
  /**
   * A file's findings when linted alone (default: the engine's lintText of its text, with the project's custom
   * workloads). `parsed`: its documents the project index parsed already (pass them on to the lint as LintOptions.parsed).
   */
  lintAlone?(path: ProjectPath, text: string, settings: EngineSettings, workloads?: CustomWorkloads, parsed?: ParsedChunks): Finding[];
  /** The custom workloads (crd-workloads.ts) of a larger project (the editor's workspace); default: the CRDs of these files. */
  workloads?: CustomWorkloads;
  /** Build names in messages are relative to this folder (default: the build's folder as it is). */
  root?: ProjectPath;
  /** Build the kustomizations (default true); false: every file is linted alone. */
  kustomize?: boolean;
  /** Run the relation rules over the project index (default true). */
  relations?: boolean;
  /** Render the Helm charts (default: yes, with their values.yaml only); false: their files are linted alone. */
  helm?: false | HelmProjectOptions;
  /**
   * The relation judgement of a larger project these files belong to (the
   * editor's workspace, see lsp/project-relations.ts): applied to the files
   * instead of running the relation rules over their objects alone.
   */
  relationResult?: RelationResult;
  /**
   * A chart already rendered with the options this lint would use, as the files are now (the editor's relation
   * judgement renders the workspace's charts, lsp/project-charts.ts): reused instead of rendering it again.
   */
  renderedChart?(dir: ProjectPath): HelmBuild | undefined;
  /**
   * Other files read only to link images to their Dockerfiles (compose files, skaffold configs, Dockerfiles; see
   * images/built-images.ts), not linted: e.g. the workspace's, in the language server. The given files are read anyway.
   */
  imageSources?: readonly ProjectPath[];
}

export interface ProjectLint {
  /** Findings per file, in file order: the given files, then other files the builds report into (sorted). */
  files: Map<ProjectPath, Finding[]>;
  /** The root builds, in the order of their kustomization files. */
  builds: KustomizeBuild[];
  /** The project index the relation rules read (undefined when they did not run). */
  index?: ProjectIndex;
  /** The rendered Helm charts. */
  charts?: HelmBuild[];
}

/** Rules of findings about a file's text, kept when its objects are judged by a build. */
function isTextFinding(f: Finding): boolean {
  return getRule(f.ruleId)?.meta.category === 'syntax' && f.ruleId !== SYNTAX_RULES.unusedSuppression.meta.id && f.ruleId !== SYNTAX_RULES.kustomizeBuild.meta.id;
}

function defaultLintAlone(path: ProjectPath, text: string, settings: EngineSettings, workloads?: CustomWorkloads, parsed?: ParsedChunks): Finding[] {
  return lintText(text, fileKindOf(path) ?? 'yaml', { settings, fileName: basenameOf(path), ...(workloads ? { workloads } : {}), ...(parsed ? { parsed } : {}) });
}

/** A build's name in messages: its folder, relative to the root (the root itself by its name). */
function buildName(file: ProjectPath, root: ProjectPath | undefined): string {
  const dir = dirnameOf(file);
  const name = root === undefined ? dir : relativePath(root, dir);
  return name === '.' ? basenameOf(dir) || dir : name;
}

/** The root builds of the project's kustomization files, and every build (for what they read). */
function buildAll(host: ProjectHost, files: readonly ProjectPath[]): { roots: KustomizeBuild[]; all: KustomizeBuild[] } {
  const all: KustomizeBuild[] = [];
  for (const file of files) {
    if (!isKustomizationFile(file)) continue;
    try {
      all.push(buildKustomization(dirnameOf(file), host));
    } catch (e) {
      // The builder reports problems itself; a crash is one problem, and the rest of the project is still linted.
      const problem = { file, span: { start: 0, end: 0 }, message: `kustomize build failed (${e instanceof Error ? e.name : 'error'})`, severity: 'error' as const };
      all.push({ file, objects: [], problems: [problem], inputs: new Set(), patches: new Set(), resources: new Set(), kustomizations: new Set() });
    }
  }
  const included = new Set<ProjectPath>();
  for (const b of all) for (const k of b.kustomizations) if (k !== b.file) included.add(k);
  return { roots: all.filter((b) => !included.has(b.file)), all };
}

interface Collected {
  finding: Finding;
  builds: Set<ProjectPath>;
}

/** Lint the project's files (project paths, in report order). Never throws. */
export function lintProject(host: ProjectHost, files: readonly ProjectPath[], options: ProjectLintOptions): ProjectLint {
  const lintAlone = options.lintAlone ?? defaultLintAlone;
  const texts = new Map<ProjectPath, string | undefined>();
  const readText = (path: ProjectPath): string | undefined => {
    if (!texts.has(path)) texts.set(path, host.readFile(path));
    return texts.get(path);
  };
  const { roots, all } = options.kustomize === false ? { roots: [], all: [] } : buildAll(host, files);

  // Where builds took objects from, and which files they read as patches.
  const sources = new Map<ProjectPath, Span[]>();
  const patches = new Set<ProjectPath>();
  for (const b of all) {
    for (const o of b.objects) {
      const list = sources.get(o.source.file) ?? [];
      list.push(o.source.span);
      sources.set(o.source.file, list);
    }
    for (const p of b.patches) patches.add(p);
  }

  // Helm charts are rendered here (their templates are not plain YAML: neither indexed nor judged alone).
  // A file whose settings turn Helm off (`helm.enabled: false`) brings no chart in: its chart's files are linted alone.
  const helmFiles = options.helm === false ? [] : files.filter((f) => options.settingsFor(f)?.helm?.enabled !== false);
  const charts = helmFiles.length === 0 ? [] : buildCharts(host, helmFiles, configuredHelm(options.helm || {}, options.settingsFor, host, () => options.root), options.renderedChart);
  const templates = new Set(charts.flatMap((c) => [...c.templates]));
  // The charts' rendered objects are members of the relation pass; their templates never enter it as plain text.
  // The documents the index parses, for the files' own lints (parsed once).
  const parses = new Map<ProjectPath, ParsedChunks>();
  const index = options.relations === false || options.relationResult ? undefined : projectIndex(files, roots, charts, sources, new Set([...patches, ...templates]), options, host, parses);
  // Custom resources whose CRD embeds a pod are workloads (crd-workloads.ts): for the builds' objects and the files alike.
  const workloads = options.workloads ?? index?.customWorkloads() ?? filesWorkloads(files, roots, host);
  const hooks = { ...options, workloads };

  // The builds' findings, once per (file, rule, span).
  const mapped = new Map<ProjectPath, Map<string, Collected>>();
  const add = (file: ProjectPath, finding: Finding, build: ProjectPath | undefined): void => {
    let inFile = mapped.get(file);
    if (!inFile) mapped.set(file, (inFile = new Map()));
    const key = `${finding.ruleId}\u0000${finding.span.start}\u0000${finding.span.end}\u0000${build === undefined ? finding.message : ''}`;
    const seen = inFile.get(key);
    if (seen) {
      if (build !== undefined) seen.builds.add(build);
    } else inFile.set(key, { finding, builds: new Set(build === undefined ? [] : [build]) });
  };
  for (const build of roots) {
    for (const object of build.objects) {
      const settings = options.settingsFor(object.source.file);
      if (!settings) continue;
      for (const m of lintObjectSafely(object, settings, readText, hooks)) {
        if (options.settingsFor(m.file)) add(m.file, m.finding, build.file);
      }
    }
    for (const problem of build.problems) {
      const settings = options.settingsFor(problem.file);
      const f = settings && problemFinding(problem, readText(problem.file) ?? '', settings);
      if (f) add(problem.file, f, undefined);
    }
  }

  const helm = helmFindings(charts, hooks, readText);
  const relations: RelationResult = options.relationResult ?? (index ? runRelationRules(index, { ...options, projectSettings: projectSettings(files, options), readText }) : { findings: [], replaced: [] });
  if (relations.replaced.length) {
    for (const [file, inFile] of mapped) {
      for (const [key, c] of inFile) {
        if (c.builds.size === 0) continue;
        for (const b of replacedBuilds(relations, file, c.finding)) c.builds.delete(b);
        if (c.builds.size === 0) inFile.delete(key);
      }
    }
  }
  const related = new Map<ProjectPath, Map<string, Collected>>();
  for (const r of relations.findings) {
    let inFile = related.get(r.file);
    if (!inFile) related.set(r.file, (inFile = new Map()));
    const key = `${r.finding.ruleId}\u0000${r.finding.span.start}\u0000${r.finding.span.end}\u0000${r.finding.message}`;
    // A chart's finding names its chart (`helm`), not a kustomization.
    const builds = r.finding.helm ? [] : r.builds;
    const seen = inFile.get(key);
    if (seen) for (const b of builds) seen.builds.add(b);
    else inFile.set(key, { finding: r.finding, builds: new Set(builds) });
  }

  const out = new Map<ProjectPath, Finding[]>();
  const given = new Set(files);
  const order = [...files, ...[...new Set([...mapped.keys(), ...related.keys(), ...helm.files.keys()])].filter((f) => !given.has(f)).sort()];
  for (const path of order) {
    const settings = options.settingsFor(path);
    // Not kept in `texts`: a file no build read is dropped after its lint.
    const text = texts.has(path) ? texts.get(path) : host.readFile(path);
    if (!settings || text === undefined) continue;
    const parsed = parses.get(path);
    parses.delete(path);
    const alone = helm.alone(path, given.has(path) ? lintAlone(path, text, settings, workloads, parsed) : []);
    const fromBuilds = [...(mapped.get(path)?.values() ?? [])].map((c) => withBuilds(c, options.root));
    const judged = patches.has(path) || sources.has(path) || fromBuilds.length > 0;
    const combined = judged ? combine(text, alone, fromBuilds, settings, patches.has(path), sources.get(path) ?? []) : alone;
    const fromRelations = [...(related.get(path)?.values() ?? [])].map((c) => withBuilds(c, options.root));
    // A relation finding about a rendered object is a chart finding: template comments ({{/* */}}) suppress it too.
    const chartRelations = fromRelations.filter((f) => f.helm);
    const findings = applyRelations(relations, path, text, combined, chartRelations.length ? fromRelations.filter((f) => !f.helm) : fromRelations, settings);
    const chartAll = helm.files.get(path);
    const chartFindings = chartAll?.filter((f) => !isChartReplaced(relations, f));
    const chartDropped = chartAll && chartFindings!.length < chartAll.length ? chartAll.filter((f) => !chartFindings!.includes(f)) : [];
    const fromCharts = chartRelations.length ? [...(chartFindings ?? []), ...withReplacedFixes(chartRelations, chartDropped)] : chartFindings;
    const all = withStandaloneFixes(path, text, settings, findings, workloads);
    const template = helm.templates.has(path);
    out.set(path, fromCharts || template ? suppressChartFindings(text, all, fromCharts ?? [], settings, template).sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId)) : all);
  }
  return { files: out, builds: roots, ...(index ? { index } : {}), ...(charts.length ? { charts } : {}) };
}

/**
 * The charts' findings by file, and how a file's own lint is replaced: a template of a chart keeps only its text
 * findings (it is judged as the rendered chart), and its "not checked" note goes where it rendered.
 */
function helmFindings(charts: readonly HelmBuild[], options: ProjectLintOptions, readText: (path: ProjectPath) => string | undefined) {
  const files = new Map<ProjectPath, Finding[]>();
  const templates = new Set<ProjectPath>();
  const rendered = new Set<ProjectPath>();
  for (const chart of charts) {
    for (const t of chart.templates) templates.add(t);
    for (const t of chart.rendered) rendered.add(t);
    for (const [file, list] of lintHelmBuild(chart, options.settingsFor, readText, options)) files.set(file, [...(files.get(file) ?? []), ...list]);
  }
  const helmNote = SYNTAX_RULES.helmTemplate.meta.id;
  const alone = (path: ProjectPath, findings: Finding[]): Finding[] =>
    templates.has(path) ? findings.filter((f) => isTextFinding(f) && f.ruleId !== SYNTAX_RULES.helmRender.meta.id && !(f.ruleId === helmNote && rendered.has(path))) : findings;
  return { files, templates, alone };
}

/** The custom workloads of the given YAML files' CRDs and the root builds' (without an index: relation rules off). */
function filesWorkloads(files: readonly ProjectPath[], roots: readonly KustomizeBuild[], host: ProjectHost): CustomWorkloads {
  const entries = [];
  for (const file of files) {
    if (isKustomizationFile(file) || fileKindOf(file) !== 'yaml') continue;
    const text = host.readFile(file);
    if (text !== undefined && text.length <= MAX_INDEXED_FILE) entries.push(...textWorkloads(text));
  }
  for (const b of roots) for (const o of b.objects) if (scalarText(child(o.node, 'kind')) === 'CustomResourceDefinition') entries.push(...crdNodeWorkloads(o.node));
  return customWorkloads(entries);
}

/** Plain files larger than this (UTF-16 units) are not in the project index: relation rules do not see their objects. */
export const MAX_INDEXED_FILE = 1_000_000;

/** The settings relation rules are created with: the root's, else the first file's that has some. */
function projectSettings(files: readonly ProjectPath[], options: ProjectLintOptions): EngineSettings {
  const root = options.root === undefined ? undefined : options.settingsFor(options.root);
  if (root) return root;
  for (const f of files) {
    const s = options.settingsFor(f);
    if (s) return s;
  }
  return DEFAULT_SETTINGS;
}

/**
 * The project index: the root builds' objects, and the objects of the plain
 * YAML documents of the given files that no build used (not kustomization
 * files, not patches, not documents a build took objects from).
 */
function projectIndex(
  files: readonly ProjectPath[],
  roots: readonly KustomizeBuild[],
  charts: readonly HelmBuild[],
  sources: ReadonlyMap<ProjectPath, Span[]>,
  patches: ReadonlySet<ProjectPath>,
  options: ProjectLintOptions,
  host: ProjectHost,
  parses: Map<ProjectPath, ParsedChunks>,
): ProjectIndex {
  const plain = [];
  const declared: ImageLink[] = [];
  const dockerfiles: ProjectPath[] = [];
  for (const file of files) {
    if (fileKindOf(file) === 'dockerfile' && options.settingsFor(file)) dockerfiles.push(file);
    if (isKustomizationFile(file) || patches.has(file) || fileKindOf(file) !== 'yaml' || !options.settingsFor(file)) continue;
    // Not kept in the texts: the index keeps only the objects' nodes. A file larger than the limit is left out (memory).
    const text = host.readFile(file);
    if (text === undefined || text.length > MAX_INDEXED_FILE) continue;
    const parsed = new ParsedChunks();
    parses.set(file, parsed);
    plain.push({ file, text, skip: new Set((sources.get(file) ?? []).map((s) => s.start)), parsed });
    if (mayBeCompose(text)) declared.push(...safely(() => composeLinks(file, text)));
  }
  const index = ProjectIndex.build({ plain, builds: roots, charts });
  // Images built in the project (compose files, skaffold configs, Dockerfiles' folders): what the image relation rules read.
  declared.push(...safely(() => skaffoldLinks(index.objects)));
  const given = new Set(files);
  for (const file of options.imageSources ?? []) {
    if (given.has(file) || !options.settingsFor(file)) continue;
    if (fileKindOf(file) === 'dockerfile') dockerfiles.push(file);
    const text = fileKindOf(file) === 'yaml' ? host.readFile(file) : undefined;
    if (text === undefined || text.length > MAX_INDEXED_FILE) continue;
    declared.push(...safely(() => fileLinks(file, text)));
  }
  index.images = new BuiltImages({ declared, dockerfiles, readText: (path) => host.readFile(path), ...(options.root !== undefined ? { root: options.root } : {}) });
  return index;
}

/** A reader's result, or nothing when it fails (the file's own lint reports what is wrong with it). */
function safely<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** lintBuiltObject, or on an unexpected failure one internal-error finding at the object's source (nothing throws out of the engine). */
function lintObjectSafely(object: BuiltObject, settings: EngineSettings, readText: (file: ProjectPath) => string | undefined, hooks: RuleHooks & { workloads?: CustomWorkloads }): MappedFinding[] {
  try {
    return lintBuiltObject(object, settings, readText, hooks);
  } catch (e) {
    const meta = SYNTAX_RULES.internalError.meta;
    const { file, span } = object.source;
    const f = engineFinding(meta, settings, 'failed', { rule: 'kustomize', error: e instanceof Error ? e.name : 'error' }, readText(file) ?? '', span.start, span.end);
    return f ? [{ file, finding: f }] : [];
  }
}

/** A problem of a build as a kustomize-build finding (info problems stay info), or undefined when the rule is off. */
function problemFinding(problem: { span: Span; message: string; severity: 'error' | 'info' }, text: string, settings: EngineSettings): Finding | undefined {
  const meta = SYNTAX_RULES.kustomizeBuild.meta;
  const severity = effectiveSeverity(meta, settings);
  if (severity === 'off') return undefined;
  return { ruleId: meta.id, severity: problem.severity === 'info' ? 'info' : severity, message: problem.message, span: clampToLine(text, problem.span.start, problem.span.end) };
}

/** The collected finding naming its builds. */
function withBuilds(c: Collected, root: ProjectPath | undefined): Finding {
  if (c.builds.size === 0) return c.finding;
  const builds = [...c.builds].sort();
  const names = builds.map((b) => buildName(b, root));
  return { ...c.finding, message: `${c.finding.message} (in ${names.length > 1 ? 'kustomizations' : 'kustomization'} ${names.join(', ')})`, builds };
}

/**
 * A file's findings document by document: a document a build used (it took
 * objects from it, or the file is a patch) keeps only its text findings, plus
 * the builds' findings in it; the suppression comments of the document then
 * apply to all of them.
 */
function combine(text: string, alone: readonly Finding[], fromBuilds: readonly Finding[], settings: EngineSettings, isPatch: boolean, sources: readonly Span[]): Finding[] {
  const split = splitYamlDocuments(text);
  const chunks = split.length > 0 ? split : [{ offset: 0, text }];
  const byChunk = (list: readonly Finding[]): Finding[][] => {
    const out: Finding[][] = chunks.map(() => []);
    for (const f of list) out[chunkIndexAt(chunks, f.span.start)]!.push(f);
    return out;
  };
  const own = byChunk(alone);
  const built = byChunk(fromBuilds);
  const used = chunks.map(() => isPatch);
  for (const s of sources) used[chunkIndexAt(chunks, s.start)] = true;
  const out: Finding[] = [];
  chunks.forEach(({ offset, text: chunk }, i) => {
    if (!used[i] && built[i]!.length === 0) {
      for (const f of own[i]!) out.push(f);
      return;
    }
    const kept = own[i]!.filter((f) => f.ruleId !== SYNTAX_RULES.unusedSuppression.meta.id && (!used[i] || isTextFinding(f)));
    const local = [...kept, ...built[i]!].map((f) => shifted(f, -offset));
    const scope = { scopeWord: 'document' as const, scan: () => ({ topEnd: yamlTopEnd(chunk) }) };
    for (const f of suppress(local, chunk, settings, new Set(), scope)) out.push(shifted(f, offset));
  });
  return out.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The findings; one from a build gets the fixes of the same finding (rule
 * and span) of the file linted alone (linted when first asked), or none.
 */
function withStandaloneFixes(path: ProjectPath, text: string, settings: EngineSettings, findings: Finding[], workloads: CustomWorkloads): Finding[] {
  let standalone: readonly Finding[] | undefined;
  const match = (f: Finding): LazyFixes => {
    let built: readonly Fix[] | undefined;
    return () => {
      if (built) return built;
      standalone ??= fileKindOf(path) === 'dockerfile' ? [] : lintText(text, 'yaml', { settings, fileName: basenameOf(path), fixSources: Infinity, workloads });
      // The same span; else the one finding of the rule starting there (a build reports a setting on its key, the file alone on the key and value).
      const starting = standalone.filter((s) => s.ruleId === f.ruleId && s.span.start === f.span.start);
      const same = starting.find((s) => s.span.end === f.span.end) ?? (starting.length === 1 ? starting[0] : undefined);
      return (built = same ? findingFixes(same) : []);
    };
  };
  return findings.map((f) => (f.builds ? { ...f, fixes: match(f) } : f));
}
