// `shipshape scan` over Helm charts (issue 24): charts are rendered by default and each finding is reported at the
// values or template line that wrote it, with the chart and values files named in JSON and SARIF; `--helm-values`
// adds values files, `--no-helm` lints chart files as they are. Runs the built CLI.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, assertValid, jsonOf, reportValidator, ROOT, runCli, sarifValidator } from './helpers';

const CHART = 'test/fixtures/helm-lint/privileged';

describe('scan with Helm charts', () => {
  before(assertBuilt);

  it('json: privileged-container on the values.yaml line, naming the chart and values files', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', CHART]));
    assertValid(reportValidator(), report);
    const priv = report.findings.filter((f: any) => f.ruleId === 'privileged-container');
    assert.deepEqual(
      priv.map((f: any) => [f.file, f.start.line, f.helm]),
      [[`${CHART}/values.yaml`, 5, { chart: CHART, values: [`${CHART}/values.yaml`] }]],
    );
    assert.ok(priv[0].related.some((r: any) => r.file === `${CHART}/templates/deployment.yaml` && r.start.line === 20));
    // Templates are judged as the rendered chart: no "not checked" note, no YAML errors.
    assert.ok(!report.findings.some((f: any) => f.ruleId === 'helm-template' || f.ruleId === 'yaml-syntax'));
  });

  it('--helm-values: a later values file overrides values.yaml; the required value is given', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', '--helm-values', `${CHART}/ci/prod-values.yaml`, CHART]));
    assertValid(reportValidator(), report);
    assert.ok(!report.findings.some((f: any) => f.ruleId === 'privileged-container'));
    assert.ok(!report.findings.some((f: any) => f.ruleId === 'helm-render' && f.severity === 'error'));
    const any = report.findings.find((f: any) => f.helm);
    assert.deepEqual(any.helm.values, [`${CHART}/values.yaml`, `${CHART}/ci/prod-values.yaml`]);
    // The secret-looking value never appears in the report.
    assert.ok(!JSON.stringify(report).includes('not-a-real-secret'));
  });

  it('sarif: the chart is in the result properties', () => {
    const log = jsonOf(runCli(['scan', '--format', 'sarif', CHART]));
    assertValid(sarifValidator(), log);
    const res = log.runs[0].results.find((x: any) => x.ruleId === 'privileged-container');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, `${CHART}/values.yaml`);
    assert.deepEqual(res.properties.helm, { chart: CHART, values: [`${CHART}/values.yaml`] });
  });

  it('--no-helm: templates keep their note and nothing is reported in values.yaml', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', '--no-helm', CHART]));
    assert.ok(report.findings.some((f: any) => f.ruleId === 'helm-template'));
    assert.ok(!report.findings.some((f: any) => f.file.endsWith('values.yaml')));
  });

  it('bad arguments exit 2 with a clear message', () => {
    for (const [args, re] of [
      [['--kube-version', 'latest'], /--kube-version/],
      [['--helm-values', 'nope.yaml'], /cannot read --helm-values file 'nope.yaml'/],
      [['--helm-values', 'x.yaml', '--no-helm'], /cannot be used together/],
    ] as const) {
      const r = runCli(['scan', ...args, CHART]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, re);
    }
  });
});

describe('scan with Helm settings in .shipshape.yaml', () => {
  before(assertBuilt);
  const DIR = 'test/fixtures/helm-lint/configured';

  it('helm.valuesFiles renders with the chart-relative values file; --helm-values replaces it', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', DIR]));
    assertValid(reportValidator(), report);
    const hn = report.findings.filter((f: any) => f.ruleId === 'host-network');
    assert.deepEqual(hn.map((f: any) => [f.file, f.start.line, f.helm.values]), [[`${DIR}/chart/ci/prod-values.yaml`, 1, [`${DIR}/chart/values.yaml`, `${DIR}/chart/ci/prod-values.yaml`]]]);
    const plain = jsonOf(runCli(['scan', '--format', 'json', '--helm-values', `${DIR}/chart/values.yaml`, DIR]));
    assert.ok(!plain.findings.some((f: any) => f.ruleId === 'host-network'));
  });
});

describe('scan --fix with Helm charts', () => {
  before(assertBuilt);

  it('adds missing hardening to the values map toYaml renders; leaves privileged: true (a suggestion) alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-helm-fix-'));
    try {
      cpSync(join(ROOT, CHART), join(dir, 'chart'), { recursive: true });
      const r = runCli(['scan', '--fix', '--format', 'json', 'chart'], { cwd: dir });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const values = readFileSync(join(dir, 'chart', 'values.yaml'), 'utf8');
      assert.match(values, /securityContext:\n {2}privileged: true\n {2}runAsNonRoot: true\n {2}capabilities:\n {4}drop:\n {6}- ALL\n/);
      assert.doesNotMatch(values, /privileged: false/);
      // The template is not rewritten.
      assert.equal(readFileSync(join(dir, 'chart', 'templates', 'deployment.yaml'), 'utf8'), readFileSync(join(ROOT, CHART, 'templates', 'deployment.yaml'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scan with suppressions in a chart', () => {
  before(assertBuilt);
  const DIR = 'test/fixtures/helm-lint/suppressed';

  it('comments in values.yaml and templates ({{/* */}} and #) and a path exemption silence the findings reported there', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', DIR]));
    assertValid(reportValidator(), report);
    const at = (rule: string) => report.findings.filter((f: any) => f.ruleId === rule).map((f: any) => `${f.file}:${f.start.line}`);
    assert.deepEqual(at('privileged-container'), []);
    assert.deepEqual(at('host-pid'), []);
    assert.deepEqual(at('capabilities-not-dropped'), []);
    // A comment naming another rule silences nothing and is reported.
    assert.deepEqual(at('host-network'), [`${DIR}/chart/templates/daemonset.yaml:17`]);
    assert.deepEqual(at('unused-suppression'), [`${DIR}/chart/templates/daemonset.yaml:16`]);
  });
});
