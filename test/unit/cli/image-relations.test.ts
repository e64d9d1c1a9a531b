// `shipshape scan` with the image relation rules (issue 19, "Will it start?"): a folder with a skaffold config, a
// Dockerfile and manifests; the Dockerfile line is a related location in JSON (related[].file) and SARIF
// (relatedLocations). Runs the built CLI.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, assertValid, jsonOf, reportValidator, runCli, sarifValidator } from './helpers';

const SKAFFOLD = 'test/fixtures/project/relations/images-skaffold';
const COMPOSE = 'test/fixtures/project/relations/images-compose';

describe('scan with image relation rules', () => {
  before(assertBuilt);

  it('sarif: the Dockerfile line, the image and the skaffold artifact are related locations', () => {
    const log = jsonOf(runCli(['scan', '--format', 'sarif', SKAFFOLD]));
    assertValid(sarifValidator(), log);
    const res = log.runs[0].results.find((x: any) => x.ruleId === 'run-as-non-root-image-root');
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, `${SKAFFOLD}/k8s/deploy.yaml`);
    assert.equal(res.locations[0].physicalLocation.region.startLine, 13);
    assert.deepEqual(
      res.relatedLocations.map((r: any) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine]),
      [[`${SKAFFOLD}/services/orders/build/Dockerfile`, 7], [`${SKAFFOLD}/k8s/deploy.yaml`, 16], [`${SKAFFOLD}/skaffold.yaml`, 7]],
    );
    assert.match(res.message.text, new RegExp(`built from ${SKAFFOLD}/services/orders/build/Dockerfile, is FROM scratch with no USER`));
  });

  it('json: every image rule reports in the compose folder, with the Dockerfile as related[].file', () => {
    const report = jsonOf(runCli(['scan', '--format', 'json', COMPOSE]));
    assertValid(reportValidator(), report);
    const rules = ['run-as-non-root-image-root', 'run-as-non-root-image-user-name', 'image-port-not-exposed', 'read-only-root-image-writes'];
    const found = report.findings.filter((x: any) => rules.includes(x.ruleId));
    assert.deepEqual(found.map((x: any) => `${x.ruleId}@${x.start.line}`).sort(), [
      'image-port-not-exposed@19',
      'image-port-not-exposed@23',
      'read-only-root-image-writes@60',
      'run-as-non-root-image-root@13',
      'run-as-non-root-image-user-name@43',
    ]);
    const user = found.find((x: any) => x.ruleId === 'run-as-non-root-image-user-name');
    assert.deepEqual(user.related[0].file, `${COMPOSE}/worker/Dockerfile.prod`);
    assert.equal(user.related[0].start.line, 3);
  });
});
