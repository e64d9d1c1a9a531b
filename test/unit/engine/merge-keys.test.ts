// YAML merge keys (`<<: *anchor`): every object that merges an anchor is judged with the merged
// values; its finding sits on its own `<<` line with the written value as related information;
// fixes add a local override to the merging map and never edit the anchor (issue 16).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type Finding } from '../../../server/src/engine';
import { MAX_EXPANDED_NODES } from '../../../server/src/engine/parse/yaml-aliases';
import { assertFindings, dedent } from '../../helpers/rule-tester';
import { assertFix, assertNoFix } from '../../helpers/fix-tester';
import { findingFixes } from '../../../server/src/engine/types';

const lint = (text: string, fileName?: string): Finding[] => lintText(text, 'yaml', fileName ? { fileName } : {});
const of = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const relatedText = (text: string, f: Finding) => f.related?.map((r) => text.slice(r.span.start, r.span.end));

const COMPOSE = dedent(`
  x-common: &common
    image: busybox:1.36
    privileged: true
  services:
    a:
      <<: *common
    b:
      <<: *common
    c:
      <<: *common
      privileged: false
`);

test('issue 16 reproduction: two compose services merge a privileged anchor, both are reported', () => {
  const fs = of(lint(COMPOSE, 'docker-compose.yml'), 'privileged-container');
  assertFindings(COMPOSE, fs, [
    { at: '<<: *common', message: 'Service "a"' },
    { at: '<<: *common', occurrence: 1, message: 'Service "b"' },
  ]);
  for (const f of fs) {
    assert.deepEqual(relatedText(COMPOSE, f), ['privileged: true']);
    assert.match(f.related![0]!.message, /&common/);
  }
});

test('compose: a local key wins wherever it is written (compose-go, go-yaml v4)', () => {
  const text = dedent(`
    x-p: &p {privileged: true, image: busybox:1.36}
    services:
      before:
        privileged: false
        <<: *p
      after:
        <<: *p
        privileged: false
  `);
  assert.deepEqual(of(lint(text, 'compose.yaml'), 'privileged-container'), []);
});

const POD = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n${containers}`;

const K8S = POD(
  dedent(`
    - name: a
      image: nginx:1.27
      securityContext: &sc
        privileged: true
    - name: b
      image: nginx:1.27
      securityContext:
        <<: *sc
    - name: c
      image: nginx:1.27
      securityContext:
        <<: *sc
        privileged: false
  `).replace(/^/gm, '    '),
);

test('Kubernetes containers merging a securityContext anchor: each is judged, on its own << line; a later local key overrides', () => {
  const fs = lint(K8S);
  assertFindings(K8S, of(fs, 'privileged-container'), [
    { at: 'privileged: true', message: 'Container "a"' },
    { at: '<<: *sc', message: 'Container "b"' },
  ]);
  const b = of(fs, 'privileged-container')[1]!;
  assert.deepEqual(relatedText(K8S, b), ['privileged: true']);
  assert.equal(of(fs, 'privileged-container')[0]!.related, undefined, 'the anchor itself needs no related location');
  assert.deepEqual(of(fs, 'schema-unknown-field'), [], '<< is a merge, not a field');
});

test('Kubernetes: a key written before << is overridden by the merge, as kubectl (go-yaml v2) reads it', () => {
  const text = POD(
    dedent(`
      - name: a
        image: nginx:1.27
        securityContext: &sc
          privileged: true
      - name: b
        image: nginx:1.27
        securityContext:
          privileged: false
          <<: *sc
    `).replace(/^/gm, '    '),
  );
  assertFindings(text, of(lint(text), 'privileged-container'), [
    { at: 'privileged: true', message: 'Container "a"' },
    { at: '<<: *sc', message: 'Container "b"' },
  ]);
  // Setting the overridden key would change nothing: no fix.
  assertNoFix(text, 'privileged-container', 1);
});

test('nested merges: the finding is on the merging object, the related location where the value is written', () => {
  const text = dedent(`
    x-base: &base
      privileged: true
    x-mid: &mid
      <<: *base
      image: busybox:1.36
    services:
      web:
        <<: *mid
  `);
  const fs = of(lint(text, 'compose.yaml'), 'privileged-container');
  assertFindings(text, fs, [{ at: '<<: *mid', message: 'Service "web"' }]);
  assert.deepEqual(relatedText(text, fs[0]!), ['privileged: true']);
});

test('missing hardening in a merging map: the fix adds a local override after <<, the anchor stays', () => {
  const text = POD(
    dedent(`
      - name: a
        image: nginx:1.27
        securityContext: &sc
          runAsNonRoot: true
      - name: b
        image: nginx:1.27
        securityContext:
          <<: *sc
    `).replace(/^/gm, '    '),
  );
  const { output } = assertFix(text, 'privilege-escalation-allowed', { index: 1 });
  assert.ok(output.includes('        <<: *sc\n        allowPrivilegeEscalation: false\n'), output);
  assert.ok(output.includes('securityContext: &sc\n        runAsNonRoot: true\n    - name: b'), 'the anchor is unchanged');
  // The anchored map is merged elsewhere: editing it would change every object merging it, so no fix there.
  assertNoFix(text, 'privilege-escalation-allowed', 0);
});

test('a merged privileged: true gets a local privileged: false in the merging service, never an edit of the anchor', () => {
  const { output } = assertFix(COMPOSE, 'privileged-container', { index: 1, fileName: 'compose.yaml' });
  assert.ok(output.includes('  b:\n    <<: *common\n    privileged: false\n'), output);
  assert.ok(output.startsWith('x-common: &common\n  image: busybox:1.36\n  privileged: true\n'), output);
});

test('a parent map that a merge provides is not replaced by a fix (that would drop the merged settings)', () => {
  const text = dedent(`
    x-base: &base
      image: busybox:1.36
      cap_drop: [ALL]
      security_opt: [no-new-privileges:true]
    services:
      web:
        <<: *base
  `);
  const fs = lint(text, 'compose.yaml');
  for (const f of fs) for (const fix of findingFixes(f)) for (const e of fix.edits) assert.ok(e.start >= text.indexOf('services:'), `${f.ruleId}: ${fix.title} edits the anchor`);
});

test('an unknown field in an anchor is reported for the anchor and for each object merging it', () => {
  const text = POD(
    dedent(`
      - name: a
        image: nginx:1.27
        securityContext: &sc
          privilegd: true
      - name: b
        image: nginx:1.27
        securityContext:
          <<: *sc
    `).replace(/^/gm, '    '),
  );
  assertFindings(text, of(lint(text), 'schema-unknown-field'), [{ at: 'privilegd' }, { at: '<<: *sc' }]);
});

test('a merge bomb is one finding, found quickly', () => {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', '  labels: &l0 {a: b}'];
  for (let i = 1; i <= 14; i++) lines.push(`  x${i}: &l${i}`, `    <<: [${Array.from({ length: 6 }, () => `*l${i - 1}`).join(', ')}]`, `    k${i}: v`);
  const text = lines.join('\n') + '\n';
  const t0 = performance.now();
  const fs = lint(text);
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  // Merges with overlapping keys stay small, so this one is linted; a bigger fan-out is refused at parse time.
  assert.ok(fs.length < 50, `${fs.length} findings`);
  const wide = ['x0: &a0 {' + Array.from({ length: 40 }, (_, i) => `k${i}: v`).join(', ') + '}'];
  for (let i = 1; i <= 12; i++) wide.push(`x${i}: &a${i}\n  <<: [${Array.from({ length: 8 }, () => `*a${i - 1}`).join(', ')}]\n  own${i}: v`);
  wide.push('services:\n  web:\n    <<: *a12\n    image: busybox:1.36');
  const bomb = wide.join('\n') + '\n';
  const t1 = performance.now();
  const bf = lint(bomb, 'compose.yaml');
  assert.ok(performance.now() - t1 < 2000);
  assert.deepEqual(bf.map((f) => f.ruleId), ['yaml-syntax'], JSON.stringify(bf));
  assert.match(bf[0]!.message, new RegExp(`over ${MAX_EXPANDED_NODES.toLocaleString('en-US')}|alias bomb`));
});

test('two values merged by one << are two findings on that line, told apart by their related locations', () => {
  const text = dedent(`
    x-caps: &caps
      image: busybox:1.36
      cap_add: [SYS_ADMIN, NET_ADMIN]
    services:
      web:
        <<: *caps
  `);
  const fs = of(lint(text, 'compose.yaml'), 'dangerous-capabilities');
  assertFindings(text, fs, [
    { at: '<<: *caps', message: 'SYS_ADMIN' },
    { at: '<<: *caps', message: 'NET_ADMIN' },
  ]);
  assert.deepEqual(fs.map((f) => relatedText(text, f)), [['SYS_ADMIN'], ['NET_ADMIN']]);
});

test('a << that merges no map stays a key: the schema check reports it', () => {
  const text = POD('    - name: a\n      image: nginx:1.27\n      securityContext:\n        <<: 5\n');
  assertFindings(text, of(lint(text), 'schema-unknown-field'), [{ at: '<<' }]);
});

test('many objects merging one anchor: linear work, every one judged', () => {
  const n = 2000;
  const lines = ['x-base: &base', '  image: busybox:1.36', '  privileged: true', '  cap_add: [SYS_ADMIN]', 'services:'];
  for (let i = 0; i < n; i++) lines.push(`  s${i}:`, '    <<: *base', `    hostname: h${i}`);
  const text = lines.join('\n') + '\n';
  const t0 = performance.now();
  const fs = lint(text, 'compose.yaml');
  const ms = performance.now() - t0;
  assert.equal(of(fs, 'privileged-container').length, n);
  assert.equal(of(fs, 'dangerous-capabilities').length, n);
  assert.ok(ms < 5000, `${ms.toFixed(0)} ms for ${n} services`);
});
