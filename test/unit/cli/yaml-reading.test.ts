// Issue 16 through the built CLI: YAML 1.1 scalars as kubectl reads them and merge keys, with the
// related location in every output format.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBuilt, assertValid, jsonOf, lines, reportValidator, runCli, sarifValidator } from './helpers';

before(assertBuilt);

const DIR = 'test/fixtures/yaml-reading';

test('a pod with privileged: on and hostNetwork: yes is flagged and exits 1', () => {
  const r = runCli(['scan', `${DIR}/pod-privileged-on.yaml`]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const out = lines(r.stdout);
  assert.ok(out.some((l) => l.startsWith(`${DIR}/pod-privileged-on.yaml:12:9 error privileged-container`)), r.stdout);
  assert.ok(out.some((l) => l.startsWith(`${DIR}/pod-privileged-on.yaml:7:3 error host-network`)), r.stdout);
  assert.ok(!r.stdout.includes('schema-type'), r.stdout);
});

test('a compose file where two services merge a privileged anchor reports both, each on its << line, with "see line N"', () => {
  const r = runCli(['scan', `${DIR}/docker-compose.yml`]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const privileged = lines(r.stdout).filter((l) => l.includes('privileged-container'));
  assert.deepEqual(privileged, [
    `${DIR}/docker-compose.yml:7:5 error privileged-container Service "agent" runs privileged (privileged: true). (see line 4)`,
    `${DIR}/docker-compose.yml:9:5 error privileged-container Service "worker" runs privileged (privileged: true). (see line 4)`,
  ]);
});

test('json: related locations validate against the report schema', () => {
  const r = runCli(['scan', DIR, '--format', 'json']);
  assert.equal(r.status, 1);
  const report = jsonOf(r);
  assertValid(reportValidator(), report);
  const merged = report.findings.filter((f: any) => f.ruleId === 'privileged-container' && f.related);
  assert.deepEqual(
    merged.map((f: any) => [f.file.split('/').pop(), f.start.line, f.related.map((x: any) => [x.start.line, x.start.column, x.end.column])]),
    [
      ['docker-compose.yml', 7, [[4, 3, 19]]],
      ['docker-compose.yml', 9, [[4, 3, 19]]],
      ['merge-containers.yaml', 15, [[11, 9, 25]]],
    ],
  );
  assert.match(merged[0].related[0].message, /&common/);
});

test('sarif: related locations are relatedLocations of the result, and the log stays valid', () => {
  const r = runCli(['scan', DIR, '--format', 'sarif']);
  assert.equal(r.status, 1);
  const log = jsonOf(r);
  assertValid(sarifValidator(), log);
  const results = log.runs[0].results.filter((x: any) => x.ruleId === 'privileged-container' && x.relatedLocations);
  assert.equal(results.length, 3);
  for (const x of results) {
    const loc = x.relatedLocations[0];
    assert.equal(loc.id, 0);
    assert.equal(loc.physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(loc.physicalLocation.region.startLine < x.locations[0].physicalLocation.region.startLine);
    assert.ok(loc.message.text.length > 0);
  }
});
