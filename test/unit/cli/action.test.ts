// The GitHub Action run as the runner runs it (issue 23): `node action/dist/index.js` with the
// inputs in INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, the checkout in
// GITHUB_WORKSPACE and the working folder examples/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeData, escapeProperty } from '../../../server/src/action/workflow-commands';
import { jsonOf, ROOT, runCli, sarifValidator, assertValid } from './helpers';

const BUNDLE = join(ROOT, 'action', 'dist', 'index.js');
const EXAMPLES = join(ROOT, 'examples');
const tmp = mkdtempSync(join(tmpdir(), 'shipshape-action-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Array<{ level: string; props: Record<string, string>; message: string }>;
}

let runs = 0;
function runAction(inputs: Record<string, string>): Run {
  const n = runs++;
  const output = join(tmp, `output-${n}`);
  const summary = join(tmp, `summary-${n}`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: ROOT, GITHUB_ACTIONS: 'true' };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [BUNDLE], { cwd: EXAMPLES, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const annotations = r.stdout
    .split('\n')
    .flatMap((l) => {
      const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(l);
      if (!m) return [];
      const props = Object.fromEntries((m[2] ?? '').split(',').filter((p) => p !== '').map((p) => [p.slice(0, p.indexOf('=')), decodeURIComponent(p.slice(p.indexOf('=') + 1))]));
      return [{ level: m[1]!, props, message: decodeURIComponent(m[3]!) }];
    });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, 'utf8'), annotations };
}

test('the action on the insecure examples: annotations, outputs, SARIF, summary and a failed step', () => {
  const sarif = join(tmp, 'shipshape.sarif');
  const r = runAction({ paths: 'insecure/pod.yaml\ndocker/insecure', format: 'text', 'fail-on': 'error', 'sarif-file': sarif, profile: '', config: '' });
  assert.equal(r.status, 1, r.stderr + r.stdout);
  assert.equal(r.stderr, '');
  // The same findings the CLI reports from the repository root.
  const cli = jsonOf(runCli(['scan', 'examples/insecure/pod.yaml', 'examples/docker/insecure', '-f', 'json']));
  const s = cli.summary;
  assert.deepEqual(r.outputs, { errors: String(s.errors), warnings: String(s.warnings), info: String(s.info), total: String(cli.findings.length), 'sarif-file': sarif });
  // The text report in the log, with paths from the repository root.
  assert.match(r.stdout, /^examples\/insecure\/pod\.yaml:\d+:\d+ error privileged-container /m);
  // One annotation per finding (fewer than the cap), errors first, with the finding's place and rule.
  const perFinding = r.annotations.filter((a) => a.props.file);
  assert.equal(perFinding.length, cli.findings.length);
  const levels = perFinding.map((a) => a.level);
  assert.deepEqual(levels, [...levels].sort((a, b) => ['error', 'warning', 'notice'].indexOf(a) - ['error', 'warning', 'notice'].indexOf(b)));
  for (const f of cli.findings) {
    const a = perFinding.find((x) => x.props.file === f.file && x.props.line === String(f.start.line) && x.props.title === `shipshape ${f.ruleId}` && x.message === f.message);
    assert.ok(a, `annotation for ${f.file}:${f.start.line} ${f.ruleId}`);
    assert.equal(a.level, { error: 'error', warning: 'warning', info: 'notice' }[f.severity as string]);
    assert.equal(a.props.col, String(f.start.column));
  }
  // The step fails with a last annotation saying why.
  assert.deepEqual(r.annotations.at(-1), { level: 'error', props: {}, message: `Shipshape: ${s.errors} findings at or above fail-on: error` });
  // SARIF for upload-sarif, paths from the repository root.
  const log = JSON.parse(readFileSync(sarif, 'utf8'));
  assertValid(sarifValidator(), log);
  assert.equal(log.runs[0].results.length, cli.findings.length);
  const uris = new Set(log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ['examples/docker/insecure/Dockerfile', 'examples/insecure/pod.yaml']);
  // The step summary: a counts table and a findings table.
  assert.match(r.summary, /^## Shipshape: failed\n/);
  assert.ok(r.summary.includes(`| ${s.errors} | ${s.warnings} | ${s.info} | ${cli.findings.length} |`), r.summary);
  assert.match(r.summary, /^\| examples\/insecure\/pod\.yaml:\d+:\d+ \| error \| privileged-container \| /m);
});

test('the action passes on the hardened examples and fail-on none never fails', () => {
  const hardened = runAction({ paths: 'hardened', 'fail-on': 'warning' });
  assert.equal(hardened.status, 0, hardened.stdout);
  assert.equal(hardened.outputs.total, '0');
  assert.equal(hardened.annotations.length, 0);
  assert.match(hardened.summary, /^## Shipshape: passed\n/);
  const none = runAction({ paths: 'insecure', 'fail-on': 'none' });
  assert.equal(none.status, 0);
  assert.ok(Number(none.outputs.total) > 0);
});

test('annotations are capped at 50, with a notice of how many were left out', () => {
  const r = runAction({ paths: 'insecure', 'fail-on': 'warning' });
  assert.equal(r.status, 1);
  const total = Number(r.outputs.total);
  assert.ok(total > 60, `the insecure examples have many findings (${total})`);
  const perFinding = r.annotations.filter((a) => a.props.file);
  assert.equal(perFinding.length, 50);
  assert.equal(perFinding[0]!.level, 'error', 'errors come first');
  const note = r.annotations.find((a) => a.level === 'notice' && !a.props.file);
  assert.ok(note, 'a notice of the findings left out');
  assert.match(note.message, new RegExp(`^Shipshape: ${total - 50} more findings not annotated \\(at most 50\\)`));
});

test('the format input picks the report printed to the log; profile and config apply', () => {
  const junit = runAction({ paths: 'insecure/pod.yaml', format: 'junit', 'fail-on': 'none' });
  assert.match(junit.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="shipshape"/);
  const restricted = Number(runAction({ paths: 'insecure/pod.yaml', profile: 'restricted' }).outputs.total);
  const baseline = Number(runAction({ paths: 'insecure/pod.yaml', profile: 'baseline' }).outputs.total);
  assert.ok(baseline < restricted, `baseline ${baseline} < restricted ${restricted}`);
  const config = join(tmp, 'quiet.shipshape.yaml');
  writeFileSync(config, 'profile: baseline\n');
  assert.equal(Number(runAction({ paths: 'insecure/pod.yaml', config }).outputs.total), baseline);
});

test('a bad input is an error annotation and exit status 2, with nothing written', () => {
  const sarif = join(tmp, 'never.sarif');
  const bad = runAction({ paths: 'insecure', 'fail-on': 'sometimes', 'sarif-file': sarif });
  assert.equal(bad.status, 2);
  assert.deepEqual(bad.annotations, [{ level: 'error', props: {}, message: "shipshape: invalid value 'sometimes' for --fail-on (expected error, warning, info, none)" }]);
  assert.deepEqual(bad.outputs, {});
  assert.ok(!existsSync(sarif));
  const missing = runAction({ paths: 'no-such-folder' });
  assert.equal(missing.status, 2);
  assert.match(missing.annotations[0]!.message, /^shipshape: cannot read 'examples\/no-such-folder': no such file or directory$/);
});

test('workflow command escaping', () => {
  assert.equal(escapeData('100%\r\nnext'), '100%25%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
});

test('paths input: one path per line keeps spaces; one line splits on spaces, honouring quotes', async () => {
  const { pathsInput } = await import('../../../server/src/action/action');
  assert.deepEqual(pathsInput('k8s/my app\ncharts/web chart\n\n'), ['k8s/my app', 'charts/web chart']);
  assert.deepEqual(pathsInput('  a.yaml   b/ \t c\r\n'), ['a.yaml', 'b/', 'c']);
  assert.deepEqual(pathsInput(`"my charts/web" x.yaml 'it s'`), ['my charts/web', 'x.yaml', 'it s']);
  assert.deepEqual(pathsInput('"k8s/a b"\nc'), ['k8s/a b', 'c']);
  assert.deepEqual(pathsInput(''), []);
  assert.deepEqual(pathsInput('\n \n'), []);
});
