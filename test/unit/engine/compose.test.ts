// Compose files: detection (by name and by content, never confused with Kubernetes
// objects), the service view (volumes, security_opt, environment, merge keys), the
// format-neutral image and env visitors, caching by file name, the CLI's discovery and
// the examples under examples/compose/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { discoverFiles } from '../../../server/src/cli/files';
import { scan } from '../../../server/src/cli/scan';
import { DocumentCache, lintText, RULES, type Finding } from '../../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { ComposeFileView, isComposeFileName } from '../../../server/src/engine/views/compose';
import { isNoLimit, parseSecurityOpt, parseShortVolume } from '../../../server/src/engine/views/compose-values';
import { DocumentViews } from '../../../server/src/engine/views/view-set';
import { assertFindings, dedent } from '../../helpers/rule-tester';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

const lint = (text: string, fileName?: string): Finding[] => lintText(text, 'yaml', fileName === undefined ? {} : { fileName });
const ids = (fs: Finding[]): string[] => [...new Set(fs.map((f) => f.ruleId))].sort();
const view = (text: string, named = false): ComposeFileView | undefined => ComposeFileView.from(new YamlDocument(parseDocument(text) as Document.Parsed), text, named);

test('compose file names', () => {
  for (const name of ['docker-compose.yml', 'docker-compose.yaml', 'docker-compose.prod.yml', 'docker-compose-mysql.yml', 'docker-compose_secrets.yml', 'compose.yaml', 'compose.yml', 'compose.override.yaml', 'Compose.YAML', 'deploy/stack/compose.yaml', 'C:\\app\\docker-compose.yml']) {
    assert.ok(isComposeFileName(name), name);
  }
  for (const name of ['composer.yaml', 'deployment.yaml', 'my-compose.yml', 'compose.json', 'docker-compose', undefined]) {
    assert.ok(!isComposeFileName(name), String(name));
  }
});

test('detected by content: a services map with an image or a build; by name: a services map is enough', () => {
  assert.ok(view('services:\n  web:\n    image: nginx:1.27\n'));
  assert.ok(view('services:\n  web:\n    build: .\n'));
  assert.ok(view('services:\n  web:\n    build:\n      context: .\n'));
  assert.equal(view('services:\n  web:\n    ports: ["80:80"]\n'), undefined);
  assert.ok(view('services:\n  web:\n    ports: ["80:80"]\n', true));
  assert.equal(view('services:\n  - web\n', true), undefined, 'a list is not a services map (e.g. .gitlab-ci.yml)');
  assert.equal(view('services:\n  web:\n    image:\n      repository: nginx\n'), undefined, 'Helm-style image maps are not compose images');
  assert.equal(view('- a\n- b\n', true), undefined);
});

test('a Kubernetes object with a services key is never a compose file', () => {
  const text = dedent(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: web
    services:
      web:
        image: nginx
        privileged: true
        network_mode: host
  `);
  assert.equal(view(text, true), undefined);
  for (const name of [undefined, 'compose.yaml']) {
    const fs = lint(text, name);
    assert.deepEqual(fs.filter((f) => f.object === undefined), [], 'no compose findings');
    assert.ok(!fs.some((f) => ['privileged-container', 'host-network', 'image-latest-tag'].includes(f.ruleId)));
  }
});

test('a compose file with a kind key (but no apiVersion) is a compose file, not a Kubernetes object', () => {
  const text = 'kind: stack\nservices:\n  web:\n    image: nginx\n    privileged: true\n';
  for (const name of [undefined, 'docker-compose.yml']) {
    const fs = lint(text, name);
    // `nginx` (no tag) is image-latest-tag's finding only (issue 20: one token, one finding).
    assert.deepEqual(ids(fs), ['image-latest-tag', 'missing-cpu-limit', 'missing-memory-limit', 'missing-pids-limit', 'privilege-escalation-allowed', 'privileged-container', 'writable-root-filesystem']);
    assert.ok(fs.every((f) => f.object === undefined), JSON.stringify(fs));
    assert.equal(fs.find((f) => f.ruleId === 'privileged-container')?.container, 'web');
  }
});

test('Kubernetes manifests are linted as before and a compose document next to one in a file is linted as compose', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
      - name: c
        image: nginx:1.27
        securityContext:
          privileged: true
    ---
    services:
      web:
        image: nginx:1.27
        privileged: true
  `);
  const privileged = lint(text).filter((f) => f.ruleId === 'privileged-container');
  assertFindings(text, privileged, [
    { at: 'privileged: true', message: 'Container "c"' },
    { at: 'privileged: true', occurrence: 1, message: 'Service "web"' },
  ]);
  assert.deepEqual(privileged[0]!.object, { kind: 'Pod', name: 'p', namespace: undefined });
  assert.equal(privileged[1]!.object, undefined);
});

test('image rules see the service image: `image: nginx` is image-latest-tag', () => {
  const text = 'services:\n  web:\n    image: nginx\n  api:\n    image: "nginx:1.27"\n';
  assertFindings(text, lint(text).filter((f) => f.ruleId === 'image-latest-tag'), [{ at: 'nginx', message: ['Service "web"', 'image "nginx"'] }]);
});

test('a service with build builds its image: image rules stay quiet', () => {
  const text = 'services:\n  app:\n    build: .\n    image: myapp\n';
  assert.deepEqual(lint(text).filter((f) => f.ruleId.startsWith('image-') || f.ruleId === 'untrusted-registry'), []);
});

test('secret-in-env sees environment in map and list form, never a passthrough or a reference', () => {
  const text = dedent(`
    services:
      db:
        image: postgres:16
        environment:
          DB_PASSWORD: hunter2-but-longer
          POSTGRES_USER: app
          API_TOKEN:
          REF_PASSWORD: \${DB_PASSWORD}
      app:
        image: postgres:16
        environment:
          - SMTP_PASSWORD=Tr0ub4dor&3-smtp
          - "MAIL_SECRET=correct-horse-battery"
          - SMTP_USER=app
          - DB_PASSWORD
          - DB_URL_PASSWORD=\${SECRET}
  `);
  const fs = lint(text).filter((f) => f.ruleId === 'secret-in-env');
  assertFindings(text, fs, [
    { at: 'DB_PASSWORD', message: ['Env var "DB_PASSWORD"', 'Service "db"'] },
    { at: 'SMTP_PASSWORD', message: 'Service "app"' },
    { at: 'MAIL_SECRET', message: 'Env var "MAIL_SECRET"' },
  ]);
  for (const f of fs) for (const secret of ['hunter2-but-longer', 'Tr0ub4dor&3-smtp', 'correct-horse-battery']) assert.ok(!f.message.includes(secret), f.message);
});

test('environment views: names, values and their spans in both forms', () => {
  const text = 'services:\n  a:\n    image: x:1\n    environment:\n      - A=1\n      - " B=two words"\n      - C\n      - D=\n  b:\n    image: x:1\n    environment:\n      E: 5\n      F:\n      G: true\n';
  const [a, b] = view(text)!.services;
  const show = (s: typeof a) =>
    s!.envVars().map((e) => [e.name, e.value, text.slice(e.nameSpan.start, e.nameSpan.end), e.valueSpan ? text.slice(e.valueSpan.start, e.valueSpan.end) : undefined]);
  assert.deepEqual(show(a), [
    ['A', '1', 'A', '1'],
    ['B', 'two words', 'B', 'two words'],
    ['C', undefined, 'C', undefined],
    ['D', '', 'D', '- D='.slice(2)],
  ]);
  assert.deepEqual(show(b), [
    ['E', '5', 'E', '5'],
    ['F', undefined, 'F', undefined],
    ['G', 'true', 'G', 'true'],
  ]);
});

test('short volume specs are split like compose-go, Windows drives included', () => {
  assert.deepEqual(parseShortVolume('/var/run/docker.sock:/var/run/docker.sock:ro'), {
    source: { text: '/var/run/docker.sock', at: 0 },
    target: '/var/run/docker.sock',
    options: ['ro'],
  });
  assert.deepEqual(parseShortVolume('C:\\data:/data:rw,z'), { source: { text: 'C:\\data', at: 0 }, target: '/data', options: ['rw', 'z'] });
  assert.deepEqual(parseShortVolume('data:C:\\data'), { source: { text: 'data', at: 0 }, target: 'C:\\data', options: [] });
  assert.deepEqual(parseShortVolume('/cache'), { target: '/cache', options: [] });
  assert.equal(parseShortVolume('data::b'), undefined);
  assert.deepEqual(parseShortVolume('a:/b'), { target: 'a:/b', options: [] }, 'a one-letter name before a colon is a drive, as in compose-go');
  assert.equal(parseShortVolume('src:/dst:ro:extra'), undefined);
});

test('volume views: bind or volume, source spans in short and long syntax', () => {
  const text = 'services:\n  a:\n    image: x:1\n    volumes:\n      - "  ./conf:/etc/app:ro"\n      - data:/data\n      - type: bind\n        source: /srv\n        target: /srv\n        read_only: true\n      - /tmp/x\n';
  const vols = view(text)!.services[0]!.volumes();
  assert.deepEqual(
    vols.map((v) => [v.type, v.source, v.target, v.readOnly, v.syntax, v.sourceSpan && text.slice(v.sourceSpan.start, v.sourceSpan.end)]),
    [
      ['bind', './conf', '/etc/app', true, 'short', './conf'],
      ['volume', 'data', '/data', false, 'short', 'data'],
      ['bind', '/srv', '/srv', true, 'long', '/srv'],
      ['volume', undefined, '/tmp/x', false, 'short', undefined],
    ],
  );
});

test('security_opt entries: = first, then the legacy colon; no-new-privileges alone', () => {
  assert.deepEqual(parseSecurityOpt('seccomp=unconfined'), { key: 'seccomp', value: 'unconfined' });
  assert.deepEqual(parseSecurityOpt('seccomp:unconfined'), { key: 'seccomp', value: 'unconfined' });
  assert.deepEqual(parseSecurityOpt('label=type:svirt_apache_t'), { key: 'label', value: 'type:svirt_apache_t' });
  assert.deepEqual(parseSecurityOpt('no-new-privileges'), { key: 'no-new-privileges', value: undefined });
  assert.deepEqual(parseSecurityOpt('no-new-privileges:true'), { key: 'no-new-privileges', value: 'true' });
});

test('limit values Docker treats as no limit', () => {
  for (const v of [0, -1, '0', '0.0', '0m', ' 0 G ', '-1']) assert.ok(isNoLimit(v), JSON.stringify(v));
  for (const v of [1, 0.5, '512m', '1.5G', '${MEM}', '', 'm', '.', null, true, '0'.repeat(100) + 'x']) assert.ok(!isNoLimit(v), JSON.stringify(v));
});

test('merge keys: each merging service is judged with the merged values, on its own `<<` line', () => {
  const text = dedent(`
    x-agent: &agent
      network_mode: host
      cap_add: [SYS_ADMIN]
    services:
      a:
        <<: *agent
        image: busybox:1.36
      b:
        <<: [*agent]
        image: busybox:1.36
        network_mode: bridge
  `);
  const fs = lint(text);
  assertFindings(text, fs.filter((f) => f.ruleId === 'host-network'), [{ at: '<<: *agent', message: 'Service "a"' }]);
  assertFindings(text, fs.filter((f) => f.ruleId === 'dangerous-capabilities'), [
    { at: '<<: *agent', message: 'Service "a"' },
    { at: '<<', occurrence: 1, message: 'Service "b"' },
  ]);
  const related = fs.filter((f) => f.ruleId === 'dangerous-capabilities').map((f) => f.related?.map((r) => text.slice(r.span.start, r.span.end)));
  assert.deepEqual(related, [['SYS_ADMIN'], ['SYS_ADMIN']], 'the related location is where the value is written');
  assert.equal(view(text)!.services[1]!.setting(['network_mode'])!.value, 'bridge', 'own keys override merged ones');
});

test('an alias bomb in merge keys stays cheap', () => {
  const lines = ['x-0: &a0 {privileged: true}'];
  for (let i = 1; i <= 12; i++) lines.push(`x-${i}: &a${i}\n  <<: [${Array.from({ length: 8 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push('services:\n  web:\n    <<: *a12\n    image: busybox:1.36');
  const text = lines.join('\n') + '\n';
  const fs = lint(text);
  assert.ok(fs.every((f) => !f.message.startsWith('Internal error')), JSON.stringify(fs));
});

test('the cache keeps results by file name: the same text is a compose file only under a compose name', () => {
  const text = 'services:\n  web:\n    privileged: true\n';
  const cache = new DocumentCache();
  assert.deepEqual(lintText(text, 'yaml', { cache }), []);
  assert.deepEqual(ids(lintText(text, 'yaml', { cache, fileName: 'docker-compose.override.yml' })), ['privileged-container']);
  assert.deepEqual(lintText(text, 'yaml', { cache, fileName: 'values.yaml' }), []);
});

test('every rule with a composeService visitor has an "In compose files" section in its doc page', () => {
  const docs = join(__dirname, '..', '..', '..', 'docs', 'rules');
  const composeRules = RULES.filter((r) => {
    const ctx = { meta: r.meta, options: {}, profile: 'restricted' as const, trustedRegistries: [], fixDefaults: DEFAULT_SETTINGS.fixDefaults, text: '', views: new DocumentViews(), report() {} };
    return r.create(ctx).composeService !== undefined;
  });
  assert.ok(composeRules.length >= 11, composeRules.map((r) => r.meta.id).join());
  for (const r of composeRules) {
    assert.match(readFileSync(join(docs, `${r.meta.id}.md`), 'utf8'), /^## In compose files$/m, r.meta.id);
  }
});

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'compose');

test('examples/compose: the hardened file lints clean, the insecure one triggers every compose rule', () => {
  const hardened = readFileSync(join(EXAMPLES, 'hardened', 'compose.yaml'), 'utf8');
  assert.deepEqual(lint(hardened, 'compose.yaml').map((f) => `${f.ruleId}: ${f.message}`), []);
  const insecure = readFileSync(join(EXAMPLES, 'insecure', 'compose.yaml'), 'utf8');
  const seen = ids(lint(insecure, 'compose.yaml'));
  const expected = [
    'apparmor-unconfined', 'dangerous-capabilities', 'host-devices', 'host-ipc', 'host-network', 'host-pid', 'host-userns', 'host-uts',
    'image-latest-tag', 'image-not-pinned', 'missing-cpu-limit', 'missing-memory-limit', 'missing-pids-limit', 'port-all-interfaces',
    'privilege-escalation-allowed', 'privileged-container', 'restart-policy-unlimited', 'run-as-root', 'seccomp-unconfined', 'secret-in-env',
    'sensitive-host-path', 'shared-mount-propagation', 'untrusted-registry', 'writable-root-filesystem',
  ];
  assert.deepEqual(seen, expected);
});

test('the CLI scans compose files found in folders, by name and content, and tells them apart from manifests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-compose-'));
  const service = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
  writeFileSync(join(dir, 'compose.yaml'), service);
  writeFileSync(join(dir, 'docker-compose.override.yml'), 'services:\n  web:\n    network_mode: host\n');
  writeFileSync(join(dir, 'stack.yml'), service);
  writeFileSync(join(dir, 'notes.txt'), service);
  assert.deepEqual(discoverFiles([dir], dir).map((f) => f.display), ['compose.yaml', 'docker-compose.override.yml', 'stack.yml']);
  const report = scan({ paths: [dir], format: 'text', profile: 'restricted', failOn: 'error', rules: {} }, dir);
  const hits = report.findings.filter((f) => ['privileged-container', 'host-network'].includes(f.ruleId)).map((f) => `${f.file}: ${f.ruleId}`);
  assert.deepEqual(hits.sort(), ['compose.yaml: privileged-container', 'docker-compose.override.yml: host-network', 'stack.yml: privileged-container']);
});
