/**
 * `--format sarif`: SARIF 2.1.0 (one run). driver.rules lists the rules
 * enabled for this run (effective severity not `off`), in registry order;
 * results point into it with ruleIndex. Each rule's help (text and Markdown)
 * is in the log; helpUri is its page under the documentation base URL the
 * user gives (`--doc-url-base`), and absent without one: never a path on the
 * scanning machine. Artifact locations are relative to %SRCROOT% (the working
 * folder); files outside it get absolute `file:` URIs. Columns count UTF-16
 * code units (run.columnKind).
 *
 * partialFingerprints identify a result across commits (code scanning matches
 * alerts with them); see fingerprint.ts. Line numbers are not part of them, so
 * edits elsewhere in the file keep them.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { effectiveSeverity, equivalentChecks, findingBenchmarkItems, getRule, ruleDocPath, ruleMetas, type RuleMeta, type Severity } from '../../engine';
import { benchmarkReferenceLines } from '../../engine/benchmarks';
import { INFORMATION_URI, TOOL_NAME, TOOL_VERSION, ruleDocUrl } from '../package-info';
import type { ReportFinding, ScanReport } from '../report';
import { fingerprints } from './fingerprint';

export interface SarifOptions {
  /** Where the rules' documentation pages are published (`--doc-url-base`); helpUri is omitted without it. */
  docUrlBase?: string;
}

/** The partialFingerprints key (a fingerprint's name carries its version: a change of the recipe is a new key). */
export const FINGERPRINT_KEY = 'shipshapeFindingHash/v1';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** GitHub code scanning reads properties["security-severity"] (0.0-10.0) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

const PSS_NAMES = { baseline: 'Baseline', restricted: 'Restricted' } as const;

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/** Plain-text and Markdown help built from the rule's metadata. */
function ruleHelp(meta: RuleMeta, docUri: string | undefined): { text: string; markdown: string } {
  const refs = meta.references;
  const facts: string[] = [];
  if (refs.pss) facts.push(`Pod Security Standards: ${PSS_NAMES[refs.pss.level]}, "${refs.pss.control}"`);
  facts.push(...benchmarkReferenceLines(refs));
  const equivalents = equivalentChecks(refs).map(({ tool, ids }) => `${tool} ${ids.join(', ')}`);
  if (equivalents.length) facts.push(`Equivalent checks: ${equivalents.join('; ')}`);
  const doc = ruleDocPath(meta.id);
  const text = [meta.description, '', ...facts, docUri ? `Documentation: ${docUri}` : `Documentation: ${doc} in the shipshape package.`].join('\n');
  const markdown = [
    `**${meta.title}**`,
    '',
    meta.description,
    '',
    ...facts.map((f) => `- ${f}`),
    ...(refs.urls ?? []).map((u) => `- <${u}>`),
    '',
    docUri ? `[Documentation](${docUri}) (\`${doc}\`)` : `Documentation: \`${doc}\` in the shipshape package.`,
  ].join('\n');
  return { text, markdown };
}

function ruleDescriptor(meta: RuleMeta, docUrlBase: string | undefined) {
  const docUri = docUrlBase !== undefined ? ruleDocUrl(docUrlBase, meta.id) : undefined;
  const security = meta.category !== 'syntax';
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: ruleHelp(meta, docUri),
    ...(docUri ? { helpUri: docUri } : {}),
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity), ...(meta.enabledByDefault === false ? { enabled: false } : {}) },
    properties: {
      tags: security ? ['security', meta.category === 'dockerfile' ? 'docker' : 'kubernetes', meta.category] : [meta.category],
      category: meta.category,
      ...(meta.level ? { profile: meta.level } : {}),
      ...(security ? { 'security-severity': SECURITY_SEVERITY[meta.defaultSeverity] } : {}),
      ...benchmarkProperties(meta.references),
    },
  };
}

/** A URI reference for a report path: relative (percent-encoded segments) under %SRCROOT%, or an absolute file: URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * SARIF relatedLocations: the places that explain a finding (e.g. the anchor
 * a `<<` merges; the base value a kustomize patch overrides and the entry that
 * applies the patch, each with its own artifactLocation), then the
 * kustomization files whose build has it (also listed in the result's
 * properties.kustomizations).
 */
function relatedLocations(f: ReportFinding) {
  const same = (f.related ?? []).map((r) => ({
    physicalLocation: {
      artifactLocation: artifactLocation(r.file ?? f.file),
      region: { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column },
    },
    message: { text: r.message },
  }));
  const builds = (f.kustomizations ?? []).map((k) => ({ physicalLocation: { artifactLocation: artifactLocation(k) }, message: { text: `built by ${k}` } }));
  const all = [...same, ...builds];
  if (all.length === 0) return {};
  return { relatedLocations: all.map((r, id) => ({ id, ...r })) };
}

function result(f: ReportFinding, ruleIndex: number | undefined, fingerprint: string) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file),
          region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column },
        },
      },
    ],
    ...relatedLocations(f),
    ...resultProperties(f),
  };
}

/** The benchmark items (`cis`: CIS Kubernetes, `cisDocker`: CIS Docker) of a rule or a finding, as SARIF properties. */
function benchmarkProperties(refs: { cis?: readonly string[]; cisDocker?: readonly string[] }): { cis?: string[]; cisDocker?: string[] } {
  return { ...(refs.cis?.length ? { cis: [...refs.cis] } : {}), ...(refs.cisDocker?.length ? { cisDocker: [...refs.cisDocker] } : {}) };
}

/** A result's properties: the kustomizations whose output has it, the Helm chart and values it was rendered with, and the benchmark items it concerns. */
function resultProperties(f: ReportFinding) {
  const meta = getRule(f.ruleId)?.meta;
  const properties = {
    ...(f.kustomizations ? { kustomizations: f.kustomizations } : {}),
    ...(f.helm ? { helm: f.helm } : {}),
    ...benchmarkProperties({ cis: findingBenchmarkItems(f, meta, 'cis'), cisDocker: findingBenchmarkItems(f, meta, 'cisDocker') }),
  };
  return Object.keys(properties).length > 0 ? { properties } : {};
}

export function formatSarif(report: ScanReport, cwd: string, options: SarifOptions = {}): string {
  const metas = ruleMetas().filter((m) => effectiveSeverity(m, report.settings) !== 'off');
  // A finding from a rule outside the list (not expected) still gets a descriptor.
  for (const f of report.findings) {
    if (!metas.some((m) => m.id === f.ruleId)) {
      const meta = ruleMetas().find((m) => m.id === f.ruleId);
      if (meta) metas.push(meta);
    }
  }
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const prints = fingerprints(report.findings);
  let root = pathToFileURL(cwd).href;
  if (!root.endsWith('/')) root += '/';
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: INFORMATION_URI,
            rules: metas.map((m) => ruleDescriptor(m, options.docUrlBase)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f, i) => result(f, index.get(f.ruleId), prints[i]!)),
        ...(report.benchmark ? { properties: { benchmark: report.benchmark } } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
