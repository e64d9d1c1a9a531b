// examples/exempted: a node agent that needs host access, with every exemption form and its reason
// (.shipshape.yaml exemptions by object and by path, trusted registries, annotations, suppression
// comments). With its config it lints clean; without each form, the findings it covers come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, fileKindOf, lintText, type EngineSettings, type Finding } from '../../server/src/engine';
import { ConfigLoader } from '../../server/src/io/config-loader';

const DIR = join(__dirname, '..', '..', 'examples', 'exempted');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]))
    .filter((p) => !p.endsWith('.shipshape.yaml'));
}

function lintAll(settingsFor: (path: string) => EngineSettings | undefined, transform: (text: string) => string = (t) => t): Finding[] {
  const out: Finding[] = [];
  for (const path of files(DIR)) {
    const settings = settingsFor(path);
    const kind = fileKindOf(path);
    if (!settings || !kind) continue;
    out.push(...lintText(transform(readFileSync(path, 'utf8')), kind, { settings, fileName: path.split('/').pop() }).map((f) => ({ ...f, message: `${path.slice(DIR.length + 1)}: ${f.message}` })));
  }
  return out;
}

const withConfig = (loader = new ConfigLoader()) => (path: string) => {
  const r = loader.settingsFor(path, DEFAULT_SETTINGS, { stopDir: DIR });
  assert.deepEqual(r.config?.parsed.problems, [], 'the example config is valid');
  return r.ignored ? undefined : r.settings;
};

const ids = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

test('examples/exempted lints clean with its .shipshape.yaml, annotations and comments', () => {
  assert.deepEqual(lintAll(withConfig()), []);
});

test('without the config file, its exemptions and trusted registry no longer apply', () => {
  const found = lintAll(() => DEFAULT_SETTINGS);
  const agent = found.filter((f) => f.message.startsWith('node-exporter.yaml'));
  assert.deepEqual(ids(agent), ['host-path-volume', 'sensitive-host-path', 'untrusted-registry']);
  assert.ok(found.some((f) => f.message.startsWith('vendor/')), 'the vendored chart is checked again');
});

test('without the annotations, the host namespaces are reported; without the comments, the Dockerfile findings', () => {
  const noAnnotations = lintAll(withConfig(), (t) => t.replace(/ignore-check\.shipshape\.dev\//g, 'x-example/'));
  assert.deepEqual(ids(noAnnotations), ['host-network', 'host-pid']);
  const noComments = lintAll(withConfig(), (t) => t.replace(/shipshape-disable/g, 'disabled-example'));
  assert.deepEqual(ids(noComments), ['dockerfile-curl-pipe-shell', 'dockerfile-missing-healthcheck']);
  const forbidden = lintAll((p) => {
    const s = withConfig()(p);
    return s && { ...s, allowAnnotationExemptions: false, allowInlineSuppressions: false };
  });
  assert.deepEqual(ids(forbidden), ['dockerfile-curl-pipe-shell', 'dockerfile-missing-healthcheck', 'host-network', 'host-pid', 'unused-suppression']);
});
