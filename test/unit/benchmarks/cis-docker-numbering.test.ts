// The CIS Docker Benchmark v1.7.0 ids the catalog and the rules use (issue 22 follow-up). v1.7.0 keeps v1.6.0's
// numbering: swarm mode is 5.1, the container runtime items run from AppArmor (5.2) to the Docker socket (5.32), and
// section 7 (swarm) has 7.1-7.9. Sources: a v1.7.0 item list extracted from the benchmark PDF, compose-lint's
// v1.7.0-pinned citations, Docker Bench for Security (v1.6.0) and Tenable's v1.7.0 audit (1.1.9 docker.sock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CIS_DOCKER } from '../../../server/src/engine/benchmarks/cis-docker';
import { RULES } from '../../../server/src/engine/rules';

const items = new Map(CIS_DOCKER.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
const title = (id: string): string => items.get(id)?.title ?? `(no item ${id})`;

test('CIS Docker v1.7.0: the ids of the items whose numbering changed from v1.5.0', () => {
  const expected: Array<[string, RegExp]> = [
    ['1.1.9', /- docker\.sock$/],
    ['2.9', /^Enable user namespace support$/],
    ['2.10', /default cgroup usage/],
    ['4.7', /update instructions are not used alone in Dockerfiles/],
    ['5.1', /swarm mode is not Enabled/],
    ['5.2', /AppArmor Profile/],
    ['5.6', /sensitive host system directories/],
    ['5.10', /host's network namespace/],
    ['5.11', /memory usage/],
    ['5.12', /CPU priority/],
    ['5.16', /host's process namespace/],
    ['5.26', /restricted from acquiring additional privileges/],
    ['5.29', /PIDs cgroup limit/],
    ['5.31', /host's user namespaces/],
    ['5.32', /Docker socket is not mounted/],
    ['7.1', /minimum number of manager nodes/],
    ['7.9', /management plane traffic/],
  ];
  for (const [id, re] of expected) assert.match(title(id), re, id);
  assert.equal(items.get('5.33'), undefined);
  assert.equal(items.get('7.10'), undefined);
  assert.equal(CIS_DOCKER.sections.find((s) => s.id === '5')!.items.length, 32);
  assert.equal(CIS_DOCKER.sections.find((s) => s.id === '7')!.items.length, 9);
});

test('CIS Docker v1.7.0: rules name the v1.7.0 ids', () => {
  const named = (ruleId: string): readonly string[] => RULES.find((r) => r.meta.id === ruleId)!.meta.references.cisDocker ?? [];
  assert.deepEqual(named('apparmor-unconfined'), ['5.2']);
  assert.deepEqual(named('privilege-escalation-allowed'), ['5.26']);
  assert.deepEqual(named('missing-pids-limit'), ['5.29']);
  assert.deepEqual(named('sensitive-host-path'), ['5.6', '5.32']);
  assert.deepEqual(named('host-pid'), ['5.16']);
  assert.deepEqual(named('host-userns'), ['5.31']);
  assert.deepEqual(named('docker-daemon-userns-remap'), ['2.9']);
});
