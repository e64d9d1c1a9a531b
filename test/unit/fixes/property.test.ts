// Property tests of fix-all over the examples and generated manifests: it is idempotent, never
// breaks parsing, and never changes a document that has no safe fix.
// `npm test` runs a bounded number of cases; `npm run fuzz` (SHIPSHAPE_FUZZ_RUNS) runs many more.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fixAll } from '../../../server/src/engine/fixes/apply';
import { lintText, type FileKind } from '../../../server/src/engine/lint';
import { findingFixes } from '../../../server/src/engine/types';

const RUNS = Math.max(1, Number(process.env.SHIPSHAPE_FUZZ_RUNS ?? '') || 40);
const ROOT = join(__dirname, '..', '..', '..');
const PARSE_RULES = new Set(['yaml-syntax', 'dockerfile-syntax', 'helm-template']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const parseErrors = (text: string, kind: FileKind) => lintText(text, kind).filter((f) => PARSE_RULES.has(f.ruleId)).length;
const hasSafeFix = (text: string, kind: FileKind) => lintText(text, kind).some((f) => findingFixes(f).some((x) => x.kind === 'fix' && x.edits.length > 0));

function checkProperties(text: string, kind: FileKind, label: string): void {
  const once = fixAll(text, kind);
  assert.ok(parseErrors(once.text, kind) <= parseErrors(text, kind), `${label}: fix-all broke parsing\n${once.text}`);
  if (!hasSafeFix(text, kind)) assert.equal(once.text, text, `${label}: changed without a safe fix`);
  const twice = fixAll(once.text, kind);
  assert.equal(twice.text, once.text, `${label}: not idempotent`);
}

describe('fix-all properties', () => {
  it('holds for every example file', () => {
    const files = walk(join(ROOT, 'examples')).filter((p) => /\.ya?ml$/.test(p) || /Dockerfile[^/]*$/.test(p));
    assert.ok(files.length > 10);
    for (const path of files) checkProperties(readFileSync(path, 'utf8'), /Dockerfile[^/]*$/.test(path) ? 'dockerfile' : 'yaml', path);
  });

  const scalar = fc.constantFrom('true', 'false', '"true"', 'yes', '0', '1000', 'null', '~', '[]', '{}');
  const caps = fc.subarray(['ALL', 'NET_ADMIN', 'SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN']);
  const securityContext = fc.record(
    {
      privileged: scalar,
      allowPrivilegeEscalation: scalar,
      runAsNonRoot: scalar,
      runAsUser: scalar,
      readOnlyRootFilesystem: scalar,
      procMount: fc.constantFrom('Default', 'Unmasked'),
      seccompProfile: fc.constantFrom('{type: Unconfined}', '{type: RuntimeDefault}', '{}'),
      drop: caps,
      add: caps,
    },
    { requiredKeys: [] },
  );
  const container = fc.record({
    name: fc.constantFrom('app', 'web', 'sidecar', 'init'),
    comment: fc.boolean(),
    sc: fc.option(securityContext, { nil: undefined }),
    flowCaps: fc.boolean(),
  });
  const manifest = fc.record({
    kind: fc.constantFrom('Pod', 'Deployment', 'CronJob'),
    unit: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    crlf: fc.boolean(),
    hostNetwork: fc.option(scalar, { nil: undefined }),
    hostPID: fc.option(scalar, { nil: undefined }),
    podSeccomp: fc.option(fc.constantFrom('Unconfined', 'RuntimeDefault', 'Localhost'), { nil: undefined }),
    containers: fc.array(container, { minLength: 1, maxLength: 3 }),
    docs: fc.integer({ min: 1, max: 2 }),
  });

  type Manifest = typeof manifest extends fc.Arbitrary<infer T> ? T : never;

  function render(m: Manifest): string {
    const u = ' '.repeat(m.unit);
    const lines: string[] = [];
    const podSpec = (ind: string) => {
      if (m.hostNetwork !== undefined) lines.push(`${ind}hostNetwork: ${m.hostNetwork}`);
      if (m.hostPID !== undefined) lines.push(`${ind}hostPID: ${m.hostPID}`);
      if (m.podSeccomp !== undefined) lines.push(`${ind}securityContext:`, `${ind}${u}seccompProfile:`, `${ind}${u}${u}type: ${m.podSeccomp}`);
      lines.push(`${ind}containers:`);
      const item = m.indentSeq ? ind + u : ind;
      m.containers.forEach((c, i) => {
        lines.push(`${item}- name: ${c.name}${i}${c.comment ? ' # keep me' : ''}`);
        const f = `${item}  `;
        lines.push(`${f}image: nginx:1.25`);
        if (c.sc) {
          lines.push(`${f}securityContext:`);
          const s = f + u;
          for (const key of ['privileged', 'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser', 'readOnlyRootFilesystem', 'procMount', 'seccompProfile'] as const) {
            if (c.sc[key] !== undefined) lines.push(`${s}${key}: ${c.sc[key]}`);
          }
          if (c.sc.drop || c.sc.add) {
            lines.push(`${s}capabilities:`);
            for (const key of ['drop', 'add'] as const) {
              const list = c.sc[key];
              if (!list) continue;
              if (c.flowCaps || list.length === 0) lines.push(`${s}${u}${key}: [${list.join(', ')}]`);
              else {
                lines.push(`${s}${u}${key}:`);
                for (const v of list) lines.push(`${s}${u}${m.indentSeq ? u : ''}- ${v}`);
              }
            }
          }
        }
      });
    };
    for (let d = 0; d < m.docs; d++) {
      if (d > 0) lines.push('---');
      lines.push(m.kind === 'CronJob' ? 'apiVersion: batch/v1' : m.kind === 'Pod' ? 'apiVersion: v1' : 'apiVersion: apps/v1', `kind: ${m.kind}`, 'metadata:', `${u}name: w${d}`, 'spec:');
      if (m.kind === 'Pod') podSpec(u);
      else if (m.kind === 'Deployment') {
        lines.push(`${u}selector:`, `${u}${u}matchLabels: {app: w}`, `${u}template:`, `${u}${u}metadata:`, `${u}${u}${u}labels: {app: w}`, `${u}${u}spec:`);
        podSpec(u + u + u);
      } else {
        lines.push(`${u}schedule: "* * * * *"`, `${u}jobTemplate:`, `${u}${u}spec:`, `${u}${u}${u}template:`, `${u}${u}${u}${u}spec:`);
        podSpec(u.repeat(5));
      }
    }
    return lines.join(m.crlf ? '\r\n' : '\n') + (m.crlf ? '\r\n' : '\n');
  }

  it('holds for generated manifests', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        const text = render(m);
        checkProperties(text, 'yaml', 'generated');
        // A line ending style is never mixed.
        if (m.crlf) assert.ok(!/[^\r]\n/.test(fixAll(text, 'yaml').text), 'a bare LF in a CRLF file');
      }),
      { numRuns: RUNS, seed: process.env.SHIPSHAPE_FUZZ_RUNS ? undefined : 20261126 },
    );
  });
});
