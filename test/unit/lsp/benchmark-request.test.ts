// The language server's benchmark report (server/src/lsp/benchmark.ts): the workspace folders' files linted with the
// settings for each (open documents' unsaved text first, ignored files left out) and judged by the engine's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { benchmarkList, benchmarkReportFor } from '../../../server/src/lsp/benchmark';
import { diskFiles } from '../../../server/src/lsp/project-index';

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
