// `--format json` and `--list-rules --format json`, validated against schemas/shipshape-report.schema.json.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../../server/src/engine/rules';
import { RULE_CATEGORIES } from '../../../server/src/engine/types';
import { assertBuilt, assertValid, FIX, FIXTURES, jsonOf, reportValidator, ROOT, runCli } from './helpers';

before(assertBuilt);

const validate = reportValidator();
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const rank = { info: 1, warning: 2, error: 3 } as const;

test('json: a folder scan validates against the report schema and lists the files it scanned', () => {
  const r = runCli(['scan', FIX, '--format', 'json']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const report = jsonOf(r);
  assertValid(validate, report);
  assert.equal(report.version, 1);
  assert.deepEqual(report.tool, { name: 'shipshape', version });
  assert.equal(report.profile, 'restricted');
  assert.equal(report.columnKind, 'utf16CodeUnits');
  // Folder scans pick YAML by name (pod.manifest is not listed) and JSON by content (pod.json of issue 16 is).
  const acceptance = ['deploymentconfig.yaml', 'docker-compose.yml', 'list.yaml', 'pod.json', 'privileged-on.yaml', 'utf16.yaml'].map((f) => `issue16-acceptance/${f}`);
  const expected = ['empty.yaml', 'escape-pod.yaml', 'hardened-pod.yaml', 'helm/templates/deployment.yaml', 'insecure-pod.yaml', ...acceptance, 'malformed.yaml', 'unicode-pod.yaml', 'workflow.yml'];
  assert.deepEqual(report.files, expected.map((f) => `${FIX}/${f}`));
  assert.equal(report.summary.filesScanned, expected.length);
  const count = (sev: string) => report.findings.filter((f: any) => f.severity === sev).length;
  assert.deepEqual([report.summary.errors, report.summary.warnings, report.summary.info], [count('error'), count('warning'), count('info')]);
  assert.equal(report.summary.filesWithFindings, new Set(report.findings.map((f: any) => f.file)).size);
  // Findings follow the file order, then offsets.
  const order = report.findings.map((f: any) => [report.files.indexOf(f.file), f.start.offset]);
  assert.deepEqual(order, [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  // Quiet files stay quiet; broken and templated files give exactly one finding.
  const of = (name: string) => report.findings.filter((f: any) => f.file === `${FIX}/${name}`);
  assert.deepEqual(of('empty.yaml'), []);
  assert.deepEqual(of('workflow.yml'), []);
  assert.deepEqual(of('malformed.yaml').map((f: any) => [f.ruleId, f.severity]), [['yaml-syntax', 'error']]);
  assert.deepEqual(of('helm/templates/deployment.yaml').map((f: any) => [f.ruleId, f.severity, f.start.line, f.start.column]), [['helm-template', 'info', 4, 9]]);
});

test('json: the privileged finding with 1-based positions and 0-based UTF-16 offsets', () => {
  const report = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, `${FIX}/unicode-pod.yaml`, '-f', 'json']));
  assertValid(validate, report);
  const priv = report.findings.filter((f: any) => f.ruleId === 'privileged-container');
  assert.equal(priv.length, 2);
  const text = readFileSync(join(FIXTURES, 'insecure-pod.yaml'), 'utf8');
  const offset = text.indexOf('privileged: true');
  assert.deepEqual(priv[0], {
    file: `${FIX}/insecure-pod.yaml`,
    ruleId: 'privileged-container',
    severity: 'error',
    message: 'Container "web" runs privileged (securityContext.privileged: true).',
    start: { line: 11, column: 9, offset },
    end: { line: 11, column: 25, offset: offset + 'privileged: true'.length },
    object: { kind: 'Pod', name: 'insecure' },
    container: 'web',
  });
  const utext = readFileSync(join(FIXTURES, 'unicode-pod.yaml'), 'utf8');
  const u = priv[1];
  assert.equal(utext.slice(u.start.offset, u.end.offset), 'privileged: true');
  assert.equal(u.start.column, utext.split('\n')[6]!.indexOf('privileged: true') + 1);
  assert.equal(u.container, 'wéb😀');
});

test('json: the hardened pod has no pod security finding', () => {
  const report = jsonOf(runCli(['scan', `${FIX}/hardened-pod.yaml`, '-f', 'json']));
  assertValid(validate, report);
  const podSecurity = new Set(RULES.filter((r) => r.meta.category.startsWith('pod-security')).map((r) => r.meta.id));
  assert.deepEqual(report.findings.filter((f: any) => podSecurity.has(f.ruleId)), []);
});

test('json: --output writes the report to a file and nothing to stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  try {
    const out = join(dir, 'report.json');
    const r = runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'json', '-o', out]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'json'])));
    assert.deepEqual(jsonOf(runCli(['scan', join(FIXTURES, 'insecure-pod.yaml'), '-f', 'json', '-o', '-'], { cwd: dir })), jsonOf(runCli(['scan', join(FIXTURES, 'insecure-pod.yaml'), '-f', 'json'], { cwd: dir })), "'-o -' is stdout");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('json: the exit status follows the findings and --fail-on', () => {
  for (const file of ['insecure-pod.yaml', 'helm', 'workflow.yml', 'malformed.yaml']) {
    const report = jsonOf(runCli(['scan', `${FIX}/${file}`, '-f', 'json', '--fail-on', 'none']));
    for (const failOn of ['error', 'warning', 'info'] as const) {
      const expected = report.findings.some((f: any) => rank[f.severity as keyof typeof rank] >= rank[failOn]) ? 1 : 0;
      assert.equal(runCli(['scan', `${FIX}/${file}`, '-f', 'json', '--fail-on', failOn]).status, expected, `${file} --fail-on ${failOn}`);
    }
  }
});

test('json: the report schema lists exactly the rule categories of the engine', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'shipshape-report.schema.json'), 'utf8'));
  const enums: string[][] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (key === 'category' && k === 'enum' && Array.isArray(v)) enums.push(v as string[]);
        walk(v, k);
      }
    }
  };
  walk(schema);
  assert.ok(enums.length > 0, 'the schema has a category enum');
  for (const e of enums) assert.deepEqual([...e].sort(), [...RULE_CATEGORIES].sort());
});

test('json: --list-rules lists every registered rule and validates against the schema', () => {
  const r = runCli(['--list-rules', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const list = jsonOf(r);
  assertValid(validate, list);
  assert.deepEqual(list.rules.map((x: any) => x.id), RULES.map((x) => x.meta.id));
  const priv = list.rules.find((x: any) => x.id === 'privileged-container');
  assert.deepEqual(priv, {
    id: 'privileged-container',
    title: 'Privileged container',
    description: RULES.find((x) => x.meta.id === 'privileged-container')!.meta.description,
    category: 'pod-security-baseline',
    level: 'baseline',
    defaultSeverity: 'error',
    enabledByDefault: true,
    severity: 'error',
    fixable: 'suggestion',
    docs: 'docs/rules/privileged-container.md',
    benchmarks: { cis: ['5.2.2'], cisDocker: ['5.5'] },
  });
  // --profile and --rule change the effective severity shown.
  const baseline = jsonOf(runCli(['scan', '--list-rules', '-f', 'json', '--profile', 'baseline', '--rule', 'privileged-container=warning']));
  assertValid(validate, baseline);
  assert.equal(baseline.profile, 'baseline');
  for (const rule of baseline.rules) {
    if (rule.id === 'privileged-container') assert.equal(rule.severity, 'warning');
    else if (rule.level === 'restricted') assert.equal(rule.severity, 'off', rule.id);
  }
});

test('json: the schema rejects reports that break the contract', () => {
  const report = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'json']));
  const broken = structuredClone(report);
  broken.findings[0].start.line = 0;
  assert.equal(validate(broken), false, '0 is not a 1-based line');
  const extra = structuredClone(report);
  extra.findings[0].source = 'privileged: true';
  assert.equal(validate(extra), false, 'unknown fields are not part of the report');
  const sev = structuredClone(report);
  sev.findings[0].severity = 'critical';
  assert.equal(validate(sev), false);
});
