// `scan --fix` on a real node-agent DaemonSet (Sysdig's, from kubernetes/examples; see
// test/fixtures/golden/corpus/SOURCES.md): the agent runs privileged with the host's network, PID namespace and
// hostPath mounts on purpose. Fixes only add missing hardening; every privilege the author wrote stays, and is
// still reported (its change is a suggestion, offered one at a time in the editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { assertBuilt, jsonOf, runCli } from './helpers';

const SOURCE = join(__dirname, '..', '..', 'fixtures', 'golden', 'corpus', 'sysdig-daemonset.yaml');

test('scan --fix on a privileged node-agent DaemonSet keeps every explicit privilege and adds only missing hardening', () => {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-agent-'));
  try {
    const before = readFileSync(SOURCE, 'utf8');
    writeFileSync(join(dir, 'agent.yaml'), before);
    const r = runCli(['scan', '--fix', '--format', 'json', 'agent.yaml'], { cwd: dir });
    const after = readFileSync(join(dir, 'agent.yaml'), 'utf8');
    assert.match(r.stderr, /fixed \d+ problems in agent\.yaml/);
    assert.ok(parseAllDocuments(after).every((d) => d.errors.length === 0));
    // Nothing the author wrote was removed or changed: every original line is still there, in order.
    const kept = after.split('\n');
    let i = 0;
    for (const line of before.split('\n')) {
      while (i < kept.length && kept[i] !== line) i++;
      assert.ok(i < kept.length, `line kept: ${JSON.stringify(line)}`);
      i++;
    }
    for (const written of ['hostNetwork: true', 'hostPID: true', 'privileged: true', 'hostPath:']) assert.ok(after.includes(written), written);
    // What was added is hardening that was missing.
    assert.ok(after.includes('type: RuntimeDefault') && after.includes('- ALL'), after);
    const ids = new Set(jsonOf(r).findings.map((f: { ruleId: string }) => f.ruleId));
    for (const id of ['privileged-container', 'host-network', 'host-pid', 'host-path-volume']) assert.ok(ids.has(id), `${id} still reported`);
    for (const id of ['seccomp-profile-missing', 'capabilities-not-dropped']) assert.ok(!ids.has(id), `${id} fixed`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 20: DOCKER_CONTENT_TRUST=0 is a decision the author wrote; --fix keeps it (removing it is a suggestion)
// and still reports it, while safe fixes elsewhere in the file (ADD of a local file -> COPY) are applied.
test('scan --fix keeps an explicit DOCKER_CONTENT_TRUST=0 in a Dockerfile and still reports it', () => {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-dct-'));
  try {
    const before = 'FROM alpine:3.20\nENV DOCKER_CONTENT_TRUST=0\nADD app.sh /app.sh\nUSER 10001\n';
    writeFileSync(join(dir, 'Dockerfile'), before);
    const r = runCli(['scan', '--fix', '--format', 'json', 'Dockerfile'], { cwd: dir });
    const after = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.ok(after.includes('ENV DOCKER_CONTENT_TRUST=0\n'), after);
    assert.ok(after.includes('COPY app.sh /app.sh'), after);
    const ids = jsonOf(r).findings.map((f: { ruleId: string }) => f.ruleId);
    assert.ok(ids.includes('dockerfile-content-trust-disabled'), ids.join(', '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
