// `shipshape scan` over kustomize layouts (issue 18): kustomizations are built by default and each
// finding is reported where its value was written, with the overlay named in text, JSON and SARIF;
// `--no-kustomize` lints files as they are; `--fix` edits the patch file. Runs the built CLI.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, assertValid, jsonOf, reportValidator, ROOT, runCli, sarifValidator } from './helpers';

const ARGO = 'test/fixtures/project/argo';
const PROD = `${ARGO}/overlays/prod`;

describe('scan with kustomize builds', () => {
  before(assertBuilt);

  it('json: a privileged patch is privileged-container on the patch line, naming the overlay; patches get nothing else', () => {
    const r = runCli(['scan', '--format', 'json', ARGO]);
    const report = jsonOf(r);
    assertValid(reportValidator(), report);
    const inPatches = report.findings.filter((f: any) => f.file.startsWith(`${ARGO}/overlays/`) && !f.file.includes('sidecar'));
    assert.deepEqual(
      inPatches.map((f: any) => [f.file, f.ruleId, f.start.line, f.kustomizations]),
      [[`${PROD}/privileged.yaml`, 'privileged-container', 12, [`${PROD}/kustomization.yaml`]]],
    );
    const base = report.findings.filter((f: any) => f.file === `${ARGO}/base/deployment.yaml` && f.ruleId === 'image-latest-tag');
    assert.equal(base.length, 1, 'a base used by four overlays is reported once');
    assert.equal(base[0].kustomizations.length, 4);
    assert.equal(r.status, 1);
  });

  it('sarif: the overlay is in the result properties and related locations', () => {
    const r = runCli(['scan', '--format', 'sarif', ARGO]);
    const log = jsonOf(r);
    assertValid(sarifValidator(), log);
    const results = log.runs[0].results.filter((x: any) => x.ruleId === 'privileged-container');
    assert.equal(results.length, 1);
    const res = results[0];
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, `${PROD}/privileged.yaml`);
    assert.equal(res.locations[0].physicalLocation.region.startLine, 12);
    assert.deepEqual(res.properties.kustomizations, [`${PROD}/kustomization.yaml`]);
    assert.ok(res.relatedLocations.some((l: any) => l.physicalLocation.artifactLocation.uri === `${PROD}/kustomization.yaml`));
  });

  it('text: the message names the overlay', () => {
    const r = runCli(['scan', PROD]);
    assert.match(r.stdout, new RegExp(`${PROD}/privileged.yaml:12:\\d+ error privileged-container .*\\(in kustomization ${PROD}\\)`));
  });

  it('a patch overriding a base value: related locations in the base and the kustomization, in json, sarif and text', () => {
    const dir = 'test/fixtures/project/override';
    const base = `${dir}/base/deployment.yaml`;
    const kust = `${dir}/overlays/debug/kustomization.yaml`;
    const report = jsonOf(runCli(['scan', '--format', 'json', dir]));
    assertValid(reportValidator(), report);
    const [f] = report.findings;
    assert.equal(report.findings.length, 1);
    assert.deepEqual([f.file, f.ruleId, f.start.line], [`${dir}/overlays/debug/debug.yaml`, 'privileged-container', 11]);
    assert.deepEqual(f.related.map((r: any) => [r.file, r.start.line, r.start.column, r.message]), [
      [base, 26, 25, "overrides the base's value here"],
      [kust, 6, 5, 'the patch is applied here'],
    ]);
    const log = jsonOf(runCli(['scan', '--format', 'sarif', dir]));
    assertValid(sarifValidator(), log);
    const related = log.runs[0].results[0].relatedLocations;
    assert.deepEqual(related.slice(0, 2).map((l: any) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.message.text]), [
      [base, 26, "overrides the base's value here"],
      [kust, 6, 'the patch is applied here'],
    ]);
    assert.match(runCli(['scan', dir]).stdout, new RegExp(`\\(see ${base}:26, ${kust}:6\\)`));
  });

  it('a missing resource file is one kustomize-build error at its line', () => {
    const r = runCli(['scan', '--format', 'json', 'test/fixtures/project/broken']);
    const found = jsonOf(r).findings.filter((f: any) => f.ruleId === 'kustomize-build');
    assert.deepEqual(
      found.map((f: any) => [f.file, f.start.line, f.severity]),
      [['test/fixtures/project/broken/overlay/kustomization.yaml', 3, 'error']],
    );
  });

  it('--no-kustomize lints every file as it is (the old behaviour)', () => {
    const r = runCli(['scan', '--no-kustomize', '--format', 'json', ARGO]);
    const report = jsonOf(r);
    assert.ok(report.findings.some((f: any) => f.file === `${PROD}/replicas.yaml` && f.ruleId === 'schema-required'));
    assert.ok(report.findings.every((f: any) => f.kustomizations === undefined));
  });

  it('scanning one overlay reports what it builds from its base in the base file, and prints --fix-dry-run diffs of patches', () => {
    const r = runCli(['scan', '--format', 'json', `${ARGO}/overlays/sidecar`]);
    const report = jsonOf(r);
    assert.ok(report.files.includes(`${ARGO}/base/deployment.yaml`));
    const base = report.findings.filter((f: any) => f.file === `${ARGO}/base/deployment.yaml`);
    assert.deepEqual(
      base.map((f: any) => [f.ruleId, f.kustomizations]),
      [
        // image-not-pinned is not reported where image-latest-tag is (issue 20).
        ['image-latest-tag', [`${ARGO}/overlays/sidecar/kustomization.yaml`]],
      ],
    );
    const dry = runCli(['scan', '--fix-dry-run', `${ARGO}/overlays/sidecar`]);
    assert.match(dry.stdout, /^--- a\/test\/fixtures\/project\/argo\/overlays\/sidecar\/sidecar\.yaml$/m);
    assert.match(dry.stdout, /^\+ +allowPrivilegeEscalation: false$/m);
    assert.doesNotMatch(dry.stdout, /base\/deployment\.yaml/);
  });

  it('--fix edits the patch that a finding is reported in, not the base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-kfix-'));
    try {
      cpSync(join(ROOT, ARGO), dir, { recursive: true });
      const base = readFileSync(join(dir, 'base/deployment.yaml'), 'utf8');
      const r = runCli(['scan', '--fix', '--format', 'json', '.'], { cwd: dir });
      assert.match(r.stderr, /fixed 2 problems in overlays\/sidecar\/sidecar\.yaml/);
      const sidecar = readFileSync(join(dir, 'overlays/sidecar/sidecar.yaml'), 'utf8');
      assert.match(sidecar, /allowPrivilegeEscalation: false/);
      assert.equal(readFileSync(join(dir, 'base/deployment.yaml'), 'utf8'), base);
      const left = jsonOf(r).findings.filter((f: any) => f.file === 'overlays/sidecar/sidecar.yaml').map((f: any) => f.ruleId);
      assert.deepEqual(left, ['image-not-pinned']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
