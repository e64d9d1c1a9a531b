// The Dockerfile pipeline: routing through lintText, totality (binary content, rule failures), settings, big inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindOf, getRule, lintText, normalizeSettings, RULE_IDS } from '../../../server/src/engine';
import { lintDockerfile } from '../../../server/src/engine/lint-dockerfile';
import type { Rule } from '../../../server/src/engine/rule';

const INSECURE = 'FROM node\nRUN curl -fsSL https://x.example | sudo bash\nADD app /app\nEXPOSE 22\n';

test('lintText routes Dockerfiles to the Dockerfile rules', () => {
  assert.equal(fileKindOf('/w/Dockerfile'), 'dockerfile');
  assert.equal(fileKindOf('/w/Containerfile'), 'dockerfile');
  assert.equal(fileKindOf('/w/api.Dockerfile'), 'dockerfile');
  assert.equal(fileKindOf('/w/Dockerfile.prod'), 'dockerfile');
  const ids = new Set(lintText(INSECURE, 'dockerfile').map((f) => f.ruleId));
  for (const id of ['image-latest-tag', 'dockerfile-curl-pipe-shell', 'dockerfile-sudo', 'dockerfile-add', 'ssh-port', 'dockerfile-root-user', 'dockerfile-missing-healthcheck']) {
    assert.ok(ids.has(id), id);
  }
  assert.deepEqual(lintText(INSECURE, 'yaml'), [], 'the same text as YAML is not a Kubernetes object');
});

test('findings are sorted, one line each, without Kubernetes object data', () => {
  const text = INSECURE.replace(/\n/g, '\r\n');
  const findings = lintDockerfile(text);
  const starts = findings.map((f) => f.span.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  for (const f of findings) {
    assert.ok(!/[\r\n]/.test(text.slice(f.span.start, f.span.end)), `${f.ruleId} spans lines`);
    assert.ok(f.span.end > f.span.start, `${f.ruleId} is empty`);
    assert.equal(f.object, undefined);
  }
});

test('empty and comment-only files yield nothing', () => {
  assert.deepEqual(lintDockerfile(''), []);
  assert.deepEqual(lintDockerfile('# nothing here\n'), []);
});

test('binary content gets the binary-file finding only', () => {
  const findings = lintDockerfile('FROM node\u0000\u0001\u0002 USER root');
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.span]), [['binary-file', 'info', { start: 0, end: 1 }]]);
});

test('settings: rules can be turned off or re-graded', () => {
  const { settings, problems } = normalizeSettings({ rules: { 'dockerfile-sudo': 'off', 'dockerfile-add': 'error' } }, RULE_IDS);
  assert.deepEqual(problems, []);
  const findings = lintDockerfile(INSECURE, { settings });
  assert.ok(!findings.some((f) => f.ruleId === 'dockerfile-sudo'));
  assert.deepEqual(findings.filter((f) => f.ruleId === 'dockerfile-add').map((f) => f.severity), ['error']);
});

test('a failing rule becomes one finding and the other rules still run', () => {
  const rule = getRule('dockerfile-sudo') as { create: Rule['create'] };
  const original = rule.create;
  rule.create = () => ({
    dockerfile() {
      throw new Error('boom');
    },
  });
  try {
    const findings = lintDockerfile(INSECURE);
    // One internal-error finding naming the rule (never the error's message, which may quote the file).
    const broken = findings.filter((f) => f.ruleId === 'internal-error');
    assert.equal(broken.length, 1);
    assert.match(broken[0]!.message, /^Rule "dockerfile-sudo" failed on this document \(Error\)/);
    assert.ok(!broken[0]!.message.includes('boom'));
    assert.ok(!findings.some((f) => f.ruleId === 'dockerfile-sudo'));
    assert.ok(findings.some((f) => f.ruleId === 'dockerfile-add'));
  } finally {
    rule.create = original;
  }
});

test('100,000 continuation lines are linted completely, without stack overflow', () => {
  const lines = ['FROM alpine:3.20', 'USER 1000', 'HEALTHCHECK NONE', 'RUN echo start \\'];
  for (let i = 0; i < 100_000; i++) lines.push(`  && echo ${i} \\`);
  lines.push('  && sudo echo end');
  const text = lines.join('\n') + '\n';
  const findings = lintDockerfile(text).filter((f) => !f.ruleId.startsWith('image-'));
  assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end)]), [['dockerfile-sudo', 'sudo']]);
  assert.equal(findings[0]!.span.start, text.lastIndexOf('sudo'));
});
