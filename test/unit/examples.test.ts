// The bundled examples: every hardened example lints clean, and the insecure ones
// together trigger every rule of the registry except the syntax rules: the rules that
// are on by default with the default settings, the ones that are off by default once
// they are turned on. Examples are found anywhere under examples/ (Kubernetes manifests
// in insecure/ and hardened/, other formats in folders of their own): a file belongs to
// a set when a segment of its path starts with "insecure" or "hardened".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileKindOf, lintText, normalizeSettings, RULES, RULE_IDS, type EngineSettings, type FileKind, type Finding, type Rule } from '../../server/src/engine';
import { WORKLOAD_KINDS } from '../../server/src/engine/views/workloads';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config/settings';
import { lintProject } from '../../server/src/engine/project/lint-project';
import { diskHost } from '../helpers/kustomize-host';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
/** Every rule an example can show: all but the syntax rules (parse errors, Helm templates, binary files). */
const CHECKED_RULES: readonly Rule[] = RULES.filter((r) => r.meta.category !== 'syntax');
const ON_BY_DEFAULT = CHECKED_RULES.filter((r) => r.meta.enabledByDefault !== false);
const OFF_BY_DEFAULT = CHECKED_RULES.filter((r) => r.meta.enabledByDefault === false);

interface Example {
  /** Path relative to examples/, with forward slashes. */
  file: string;
  text: string;
  kind: FileKind;
  /** `kind` of every YAML document (empty for other formats). */
  kinds: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

const SET = /^(insecure|hardened)(?=$|[.\-_])/;

function load(set: 'insecure' | 'hardened'): Example[] {
  const out: Example[] = [];
  for (const path of walk(EXAMPLES)) {
    const file = relative(EXAMPLES, path).split(sep).join('/');
    const kind = fileKindOf(file);
    if (kind === undefined || file.split('/').find((s) => SET.test(s))?.match(SET)?.[1] !== set) continue;
    const text = readFileSync(path, 'utf8');
    const kinds = kind === 'yaml' ? parseAllDocuments(text).map((d) => (d.toJS() as { kind?: unknown } | null)?.kind) : [];
    out.push({ file, text, kind, kinds: kinds.filter((k): k is string => typeof k === 'string') });
  }
  return out;
}

const lint = (ex: Example, settings?: EngineSettings): Finding[] => lintText(ex.text, ex.kind, { settings, fileName: ex.file });

const describe = (text: string, fs: Finding[]): string =>
  fs.map((f) => `  ${f.ruleId} ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}`).join('\n');

const insecure = load('insecure');
const hardened = load('hardened');

test('the example sets are found, Kubernetes manifests in insecure/ and hardened/', () => {
  for (const [name, set] of [['insecure', insecure], ['hardened', hardened]] as const) {
    assert.ok(set.some((e) => e.file.startsWith(`${name}/`) && e.kind === 'yaml'), `${name}: no manifest in examples/${name}/`);
  }
});

test('each workload kind has an insecure and a hardened example', () => {
  for (const [name, set] of [['insecure', insecure], ['hardened', hardened]] as const) {
    const kinds = new Set(set.flatMap((e) => e.kinds));
    assert.deepEqual(WORKLOAD_KINDS.filter((k) => !kinds.has(k)), [], `${name}: kinds without an example`);
  }
});

for (const ex of hardened) {
  test(`hardened example ${ex.file} yields no finding`, () => {
    const findings = lint(ex);
    assert.equal(findings.length, 0, `${ex.file}:\n${describe(ex.text, findings)}`);
  });
}

for (const ex of insecure) {
  test(`insecure example ${ex.file} yields findings and no syntax error`, () => {
    const findings = lint(ex);
    assert.ok(findings.length > 0, `${ex.file}: no finding`);
    const syntax = findings.filter((f) => RULES.find((r) => r.meta.id === f.ruleId)?.meta.category === 'syntax');
    assert.deepEqual(syntax, [], `${ex.file}: syntax findings`);
  });
}

/**
 * The findings of the insecure examples linted as projects (relation rules judge objects together): the manifests of
 * insecure/, and each other folder of insecure examples (Dockerfiles with the manifests that run their images).
 */
function lintInsecureProject(): Finding[] {
  const skaffold = join(EXAMPLES, 'will-it-start', 'skaffold.yaml').split(sep).join('/');
  return [...lintProjectOf(insecure.filter((ex) => ex.file.startsWith('insecure/'))), ...lintProjectOf(insecure.filter((ex) => ex.file.startsWith('will-it-start/')), [skaffold])];
}

/** `imageSources`: files that link images to Dockerfiles and are no example themselves (a skaffold config). */
function lintProjectOf(examples: readonly Example[], imageSources: string[] = []): Finding[] {
  const files = examples.map((ex) => join(EXAMPLES, ex.file).split(sep).join('/'));
  const lint = lintProject(diskHost(), files, { settingsFor: () => DEFAULT_SETTINGS, imageSources });
  return [...lint.files.values()].flat();
}

test('the insecure examples together trigger every rule that is on by default (relation rules: linted as a project)', () => {
  const expected = ON_BY_DEFAULT.map((r) => r.meta.id);
  assert.ok(expected.includes('privileged-container') && expected.includes('pod-security-policy-removed'), 'the registry is loaded');
  const seen = new Set([...insecure.flatMap((ex) => lint(ex).map((f) => f.ruleId)), ...lintInsecureProject().map((f) => f.ruleId)]);
  assert.deepEqual(expected.filter((id) => !seen.has(id)), [], 'rules no insecure example triggers');
});

test('with the off-by-default rules turned on, the insecure examples trigger each of them', () => {
  const { settings, problems } = normalizeSettings({ rules: Object.fromEntries(OFF_BY_DEFAULT.map((r) => [r.meta.id, r.meta.defaultSeverity])) }, RULE_IDS);
  assert.deepEqual(problems, []);
  const quiet = new Set(insecure.flatMap((ex) => lint(ex).map((f) => f.ruleId)));
  const loud = new Set(insecure.flatMap((ex) => lint(ex, settings).map((f) => f.ruleId)));
  for (const { meta } of OFF_BY_DEFAULT) {
    assert.ok(!quiet.has(meta.id), `${meta.id} is off by default but fired with the default settings`);
    assert.ok(loud.has(meta.id), `${meta.id}: no insecure example triggers it when it is turned on`);
  }
});

test('the hardened examples include a Namespace that enforces a Pod Security Standard', () => {
  // PodSecurityPolicy was removed: its hardened counterpart is the namespace label that replaces it.
  const enforcing = hardened.filter((ex) => ex.kind === 'yaml').flatMap((ex) =>
    parseAllDocuments(ex.text)
      .map((d) => d.toJS() as { kind?: unknown; metadata?: { labels?: Record<string, unknown> } } | null)
      .filter((o) => o?.kind === 'Namespace' && ['baseline', 'restricted'].includes(String(o.metadata?.labels?.['pod-security.kubernetes.io/enforce']))),
  );
  assert.ok(enforcing.length > 0, 'no hardened Namespace with pod-security.kubernetes.io/enforce: baseline or restricted');
});

test('the insecure examples exercise init and ephemeral containers', () => {
  const containerNames = (text: string, key: string): string[] =>
    parseAllDocuments(text).flatMap((d) => {
      const names: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === key && Array.isArray(v)) for (const c of v) if (typeof c?.name === 'string') names.push(c.name);
            walk(v);
          }
        }
      };
      walk(d.toJS());
      return names;
    });
  for (const key of ['initContainers', 'ephemeralContainers']) {
    const flagged = insecure.filter((ex) => ex.kind === 'yaml').flatMap((ex) => {
      const names = new Set(containerNames(ex.text, key));
      return lint(ex).filter((f) => f.container !== undefined && names.has(f.container));
    });
    assert.ok(flagged.length > 0, `no finding on any of the ${key}`);
  }
});
