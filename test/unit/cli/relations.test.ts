// `shipshape scan` with relation rules (issue 19): a binding resolved to a role in another folder carries the
// role rule as a related location in its own file, in JSON (related[].file), SARIF (relatedLocations) and text
// ("see file:line"). Runs the built CLI.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, assertValid, jsonOf, reportValidator, runCli, sarifValidator } from './helpers';

const FOLDERS = 'test/fixtures/project/relations/rbac-folders';
const KUSTOMIZE = 'test/fixtures/project/relations/rbac-kustomize';

describe('scan with relation rules', () => {
  before(assertBuilt);

  it('sarif: the role rule is a related location in the role file', () => {
    const log = jsonOf(runCli(['scan', '--format', 'sarif', FOLDERS]));
    assertValid(sarifValidator(), log);
    const results = log.runs[0].results.filter((x: any) => x.ruleId === 'rbac-binding-resolved');
    assert.equal(results.length, 2);
    const granted = results.find((x: any) => x.level === 'warning');
    assert.equal(granted.locations[0].physicalLocation.artifactLocation.uri, `${FOLDERS}/bindings/team.yaml`);
    assert.equal(granted.locations[0].physicalLocation.region.startLine, 9);
    assert.deepEqual(
      granted.relatedLocations.map((r: any) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine, r.message.text]),
      [[`${FOLDERS}/roles/secret-reader.yaml`, 10, 'Role "secret-reader" grants read Secrets here.']],
    );
    assert.ok(log.runs[0].tool.driver.rules.some((r: any) => r.id === 'rbac-binding-resolved'));
  });

  it('sarif: through an overlay, the related role is in the base and the overlay is listed too', () => {
    const log = jsonOf(runCli(['scan', '--format', 'sarif', KUSTOMIZE]));
    assertValid(sarifValidator(), log);
    const res = log.runs[0].results.find((x: any) => x.ruleId === 'rbac-binding-resolved');
    assert.deepEqual(
      res.relatedLocations.map((r: any) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region?.startLine]),
      [[`${KUSTOMIZE}/base/role.yaml`, 6], [`${KUSTOMIZE}/overlays/prod/kustomization.yaml`, undefined]],
    );
  });

  it('json: related[].file is the role file (display path); the report is valid', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', FOLDERS]));
    assertValid(reportValidator(), report);
    const f = report.findings.find((x: any) => x.ruleId === 'rbac-binding-resolved' && x.severity === 'warning');
    assert.deepEqual(f.related.map((r: any) => [r.file, r.start.line]), [[`${FOLDERS}/roles/secret-reader.yaml`, 10]]);
  });

  it('text: the related place is shown as file:line', () => {
    const r = runCli(['scan', FOLDERS]);
    assert.match(r.stdout, new RegExp(`bindings/team\\.yaml:9:9 warning rbac-binding-resolved .*\\(see ${FOLDERS.replace(/\//g, '\\/')}/roles/secret-reader\\.yaml:10\\)`));
  });
});
