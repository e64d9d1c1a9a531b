// `shipshape scan` with relation rules over rendered Helm charts (issue 24, relations of issue 19): the findings of
// a chart's objects name the chart and values files (`helm`), at the values or template line; --helm-values
// renders with another values file set. Runs the built CLI. Fixture: test/fixtures/project/relations/helm-missing.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, assertValid, jsonOf, reportValidator, runCli, sarifValidator } from './helpers';

const DIR = 'test/fixtures/project/relations/helm-missing';
const CHART = `${DIR}/shop`;
const RULES = ['rbac-binding-resolved', 'service-account-not-found', 'service-selects-nothing', 'service-target-port-missing', 'run-as-non-root-image-root'];

const tags = (report: any) =>
  report.findings.filter((f: any) => RULES.includes(f.ruleId)).map((f: any) => `${f.ruleId} ${f.file.slice(CHART.length + 1)}:${f.start.line}`).sort();

describe('scan: relation rules over Helm charts', () => {
  before(assertBuilt);

  it('json: a binding to a missing Role, an undefined ServiceAccount, Services selecting nothing, each with helm {chart, values}', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', DIR]));
    assertValid(reportValidator(), report);
    assert.deepEqual(tags(report), [
      'rbac-binding-resolved templates/rbac.yaml:30',
      'rbac-binding-resolved templates/static-binding.yaml:8',
      'rbac-binding-resolved values.yaml:7',
      'run-as-non-root-image-root values.yaml:12',
      'service-account-not-found values.yaml:5',
      'service-selects-nothing templates/service.yaml:6',
      'service-target-port-missing templates/service.yaml:20',
    ]);
    for (const f of report.findings.filter((x: any) => RULES.includes(x.ruleId))) assert.deepEqual(f.helm, { chart: CHART, values: [`${CHART}/values.yaml`] }, f.ruleId);
    const account = report.findings.find((f: any) => f.ruleId === 'service-account-not-found');
    assert.deepEqual(account.related.map((r: any) => [r.file, r.start.line]), [[`${CHART}/templates/deployment.yaml`, 34]]);
  });

  it('--helm-values: the values file that names an account the chart renders settles the finding, and is named', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', '--helm-values', `${CHART}/ci/account-values.yaml`, DIR]));
    assert.ok(!tags(report).some((t: string) => t.startsWith('service-account-not-found')), tags(report).join('\n'));
    const binding = report.findings.find((f: any) => f.ruleId === 'rbac-binding-resolved' && f.file === `${CHART}/values.yaml`);
    assert.deepEqual(binding.helm.values, [`${CHART}/values.yaml`, `${CHART}/ci/account-values.yaml`]);
  });

  it('sarif: the relation finding carries properties.helm and its template line as a related location', () => {
    const sarif = jsonOf(runCli(['scan', '--format', 'sarif', DIR]));
    assertValid(sarifValidator(), sarif);
    const res = sarif.runs[0].results.find((r: any) => r.ruleId === 'rbac-binding-resolved' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('values.yaml'));
    assert.ok(res);
    assert.deepEqual(res.properties.helm, { chart: CHART, values: [`${CHART}/values.yaml`] });
    assert.ok(res.relatedLocations.some((l: any) => l.physicalLocation.artifactLocation.uri.endsWith('templates/rbac.yaml') && l.physicalLocation.region.startLine === 8));
  });
});
