import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';
import { schemaDefinitionFor } from '../../../server/src/engine/schema/validate';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'schema', 'newer-fields.yaml');
const text = fs.readFileSync(FIXTURE, 'utf8');
const SCHEMA_RULES = ['schema-unknown-field', 'schema-type', 'schema-required'];

test('fields and kinds of Kubernetes 1.31-1.36 outside the pod get no schema finding (issue 16: HPA scaleUp.tolerance)', () => {
  // Every document is of a kind the bundle has a schema for, so each one is really checked.
  for (const doc of parseAllDocuments(text)) {
    const { apiVersion, kind } = doc.toJS() as { apiVersion: string; kind: string };
    assert.ok(schemaDefinitionFor(apiVersion, kind), `${apiVersion} ${kind} has a schema`);
  }
  for (const rule of SCHEMA_RULES) assertFindings(text, findingsOf(rule, text), []);
});

test('a misspelling of each newer field is still an unknown field, with the field it meant', () => {
  const typos: [string, string, string][] = [
    ['      tolerance: 0.05', 'tolerence', 'tolerance'],
    ['  strategy: OldestEmulationVersion', 'stratgy', 'strategy'],
    ['      forNodes:', 'forNode', 'forNodes'],
    ['  nodeAllocatableUpdatePeriodSeconds:', 'nodeAllocatableUpdatePeriodSecond', 'nodeAllocatableUpdatePeriodSeconds'],
    ['    fieldSelector:', 'fieldSelectr', 'fieldSelector'],
    ['  cidrs:', 'cidr', 'cidrs'],
    ['        exactly:', 'exactyl', 'exactly'],
    ['  trafficDistribution:', 'trafficDistributon', 'trafficDistribution'],
    ['  successPolicy:', 'sucessPolicy', 'successPolicy'],
    ['  managedBy:', 'managedby', 'managedBy'],
  ];
  for (const [line, typo, meant] of typos) {
    assert.equal(text.split(line).length, 2, `the fixture has ${JSON.stringify(line)} once`);
    const mutated = text.replace(line, line.replace(meant, typo));
    assertFindings(mutated, findingsOf('schema-unknown-field', mutated), [{ at: typo, message: `Did you mean "${meant}"?` }]);
  }
});

/** The occurrence number of `needle` at `index` of `haystack` (for assertFindings). */
function occurrenceAt(haystack: string, needle: string, index: number): number {
  return haystack.slice(0, index).split(needle).length - 1;
}

test('a kind that became GA after 1.30 is validated, not skipped like a custom resource', () => {
  const mutated = text.replace('driverName: csi.example.com\nparameters', 'driver: csi.example.com\nparameters');
  const at = mutated.indexOf('driver: csi.example.com');
  const doc = mutated.lastIndexOf('apiVersion: storage.k8s.io/v1', at);
  assertFindings(mutated, findingsOf('schema-unknown-field', mutated), [{ at: 'driver', occurrence: occurrenceAt(mutated, 'driver', at), message: 'Unknown field "driver"' }]);
  assertFindings(mutated, findingsOf('schema-required', mutated), [
    { at: 'apiVersion', occurrence: occurrenceAt(mutated, 'apiVersion', doc), message: 'Missing required field "driverName" in (object).' },
  ]);
});

test('an API version removed since (policy/v1beta1 PodSecurityPolicy) is validated against its last schema', () => {
  const psp = dedent(`
    apiVersion: policy/v1beta1
    kind: PodSecurityPolicy
    metadata: {name: restricted}
    spec:
      privilegd: false
      runAsUser: {rule: MustRunAsNonRoot}
      seLinux: {rule: RunAsAny}
      supplementalGroups: {rule: RunAsAny}
      fsGroup: {rule: RunAsAny}
  `);
  assertFindings(psp, findingsOf('schema-unknown-field', psp), [{ at: 'privilegd', message: 'Did you mean "privileged"?' }]);
});
