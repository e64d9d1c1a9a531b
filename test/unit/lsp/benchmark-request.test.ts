// The language server's benchmark report (server/src/lsp/benchmark.ts): the workspace folders' files linted with the
// settings for each (open documents' unsaved text first, ignored files left out) and judged by the engine's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../server/src/engine/config/settings';
import { STATUS_LABEL } from '../../../server/src/engine/benchmarks/format';
import type { ItemStatus } from '../../../server/src/engine/benchmarks/report';
import { benchmarkList, benchmarkReportFor } from '../../../server/src/lsp/benchmark';
import { diskFiles } from '../../../server/src/lsp/project-index';
import { assertBuilt, jsonOf, runCli } from '../cli/helpers';

test('the benchmarks offered name their versions', () => {
  assert.deepEqual(benchmarkList().map((b) => b.label), ['CIS Kubernetes Benchmark v1.10.0', 'CIS Docker Benchmark v1.7.0']);
});

test('a workspace report as Markdown: failing items with file:line, unsaved text wins, ignored files and node_modules left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
  try {
    mkdirSync(join(dir, 'docker'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'docker', 'daemon.json'), '{ "icc": false }\n');
    writeFileSync(join(dir, 'node_modules', 'x', 'daemon.json'), '{ "experimental": true }\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    uts: host\n');
    writeFileSync(join(dir, 'ignored.Dockerfile'), 'FROM alpine:3.20\nRUN apt-get update\n');
    const daemonUri = pathToFileURL(join(dir, 'docker', 'daemon.json')).href;
    const result = await benchmarkReportFor(
      { benchmark: 'cis-docker' },
      {
        folders: () => [pathToFileURL(dir).href],
        openText: (uri) => (uri === daemonUri ? '{\n  "icc": true\n}\n' : undefined),
        settingsFor: async (uri) => (uri.endsWith('ignored.Dockerfile') ? undefined : DEFAULT_SETTINGS),
        hooks: {},
        files: diskFiles(),
      },
    );
    assert.match(result.markdown, /^# CIS Docker Benchmark v1\.7\.0\n/);
    assert.match(result.markdown, /Files of the workspace checked: 2/);
    assert.match(result.markdown, /\| \*\*FAIL\*\* \| 2\.2 \| .* \| docker\/daemon\.json:2:3 `docker-daemon-icc`/);
    assert.match(result.markdown, /\| \*\*FAIL\*\* \| 5\.21 \| .* \| compose\.yaml:4:5 `host-uts`/);
    assert.match(result.markdown, /\| PASS \| 2\.18 \|/, 'node_modules is not walked');
    assert.match(result.markdown, /\| N\/A \| 4\.7 \|/, 'the ignored Dockerfile is not read');
    assert.match(result.totals, /^\d+ PASS, \d+ FAIL, \d+ N\/A, \d+ MANUAL, \d+ HOST-ONLY$/);
    await assert.rejects(benchmarkReportFor({ benchmark: 'nope' }, { folders: () => [], openText: () => undefined, settingsFor: async () => DEFAULT_SETTINGS, hooks: {}, files: diskFiles() }), /unknown benchmark/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The workspace judged as a project, as `shipshape scan --benchmark` judges the folder: a kustomize overlay whose patch
// makes the base's container privileged, and a Helm chart whose values do.
const PROJECT: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '',
  ].join('\n'),
  'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n',
  'overlays/prod/privileged.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          securityContext:',
    '            privileged: true',
    '',
  ].join('\n'),
  'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
  'chart/values.yaml': 'image: nginx:1.27\nsecurityContext:\n  privileged: true\n',
  'chart/templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: api',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: api',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: {{ .Values.image }}',
    '          securityContext:',
    '            {{- toYaml .Values.securityContext | nindent 12 }}',
    '',
  ].join('\n'),
};

function projectWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-project-'));
  for (const [file, text] of Object.entries(PROJECT)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** The report's Markdown rows: item id -> its status and what it cites. */
function markdownItems(markdown: string): Map<string, { status: string; cited: string }> {
  const out = new Map<string, { status: string; cited: string }>();
  for (const m of markdown.matchAll(/^\| (?:\*\*)?([A-Z/-]+)(?:\*\*)? \| ([\d.]+) \|(.*)$/gm)) out.set(m[2]!, { status: m[1]!, cited: m[3]! });
  return out;
}

const deps = (dir: string, extra: Partial<Parameters<typeof benchmarkReportFor>[1]> = {}): Parameters<typeof benchmarkReportFor>[1] => ({
  folders: () => [pathToFileURL(dir).href],
  openText: () => undefined,
  settingsFor: async () => DEFAULT_SETTINGS,
  hooks: {},
  files: diskFiles(),
  ...extra,
});

test('the workspace judged as the CLI judges it: the overlay\'s patch and the chart\'s values fail 5.2.2 at their lines, the same verdicts as scan --benchmark', async () => {
  assertBuilt();
  const dir = projectWorkspace();
  try {
    const result = await benchmarkReportFor({ benchmark: 'cis-kubernetes' }, deps(dir));
    assert.match(result.markdown, /judged as a project as \\`shipshape scan --benchmark cis-kubernetes\\` judges it: kustomize builds applied .*Helm charts rendered .*relation rules/);
    const items = markdownItems(result.markdown);
    const privileged = items.get('5.2.2')!;
    assert.equal(privileged.status, 'FAIL');
    assert.match(privileged.cited, /overlays\/prod\/privileged\.yaml:11:\d+ `privileged-container`/, 'the patch line');
    assert.match(privileged.cited, /chart\/values\.yaml:3:\d+ `privileged-container`/, 'the values line');
    assert.doesNotMatch(privileged.cited, /chart\/templates/, 'the template is judged as the rendered chart');

    const cli = jsonOf(runCli(['scan', '--benchmark', 'cis-kubernetes', '-f', 'json', '.'], { cwd: dir }));
    const cliItems = new Map<string, string>(cli.benchmark.sections.flatMap((s: any) => s.items).map((i: any) => [i.id, STATUS_LABEL[i.status as ItemStatus]]));
    assert.ok(cliItems.size > 50);
    assert.deepEqual(new Map([...items].map(([id, i]) => [id, i.status])), cliItems);
    const cliPrivileged = cli.benchmark.sections.flatMap((s: any) => s.items).find((i: any) => i.id === '5.2.2');
    for (const f of cliPrivileged.findings) assert.ok(privileged.cited.includes(`${f.file}:${f.line}:${f.column} \`${f.ruleId}\``), `${f.file}:${f.line} in ${privileged.cited}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the project pass: files.exclude and unsaved text count; a failure of the pass falls back to each file alone, and the report says so', async () => {
  const dir = projectWorkspace();
  try {
    const patch = pathToFileURL(join(dir, 'overlays', 'prod', 'privileged.yaml')).href;
    const unsaved = PROJECT['overlays/prod/privileged.yaml']!.replace('privileged: true', 'privileged: false');
    const excluded = await benchmarkReportFor({ benchmark: 'cis-kubernetes' }, deps(dir, { openText: (uri) => (uri === patch ? unsaved : undefined), excludes: async () => (rel) => rel === 'chart' }));
    assert.equal(markdownItems(excluded.markdown).get('5.2.2')!.status, 'PASS', 'the unsaved patch and no chart');

    const failed = await benchmarkReportFor({ benchmark: 'cis-kubernetes' }, deps(dir, { lintProject: () => { throw new RangeError('boom'); } }));
    assert.match(failed.markdown, /each linted on its own: judging the workspace as a project failed \(RangeError\), so kustomize builds, Helm charts and relation rules are not applied here/);
    assert.doesNotMatch(markdownItems(failed.markdown).get('5.2.2')!.cited, /chart\/values\.yaml/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Helm settings of a chart apply (its extra values files; helm.enabled false lints its files alone)', async () => {
  const dir = projectWorkspace();
  try {
    writeFileSync(join(dir, 'chart', 'values.yaml'), 'image: nginx:1.27\nsecurityContext: {}\n');
    writeFileSync(join(dir, 'chart', 'prod-values.yaml'), 'securityContext:\n  privileged: true\n');
    rmSync(join(dir, 'overlays'), { recursive: true });
    const report = async (helm: EngineSettings['helm']) =>
      markdownItems((await benchmarkReportFor({ benchmark: 'cis-kubernetes' }, deps(dir, { settingsFor: async () => ({ ...DEFAULT_SETTINGS, helm }) }))).markdown).get('5.2.2')!;
    assert.equal((await report(undefined)).status, 'PASS', 'values.yaml alone');
    const prod = await report({ valuesFiles: ['prod-values.yaml'] });
    assert.equal(prod.status, 'FAIL');
    assert.match(prod.cited, /chart\/prod-values\.yaml:2:\d+ `privileged-container`/);
    assert.equal((await report({ enabled: false, valuesFiles: ['prod-values.yaml'] })).status, 'PASS', 'no chart rendered');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
