// Suppression comments in YAML and Dockerfiles: each form, its scope, reasons, and the unused-suppression
// reports (unknown, unused, misplaced, empty, turned off) with exact spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/engine/lint';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../server/src/engine/config/settings';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { scanDirectives, yamlTopEnd } from '../../../server/src/engine/suppress/directives';
import { assertFindings, dedent, findingsOf, settingsWith, workload } from '../../helpers/rule-tester';

/** Only these rules (and unused-suppression) run, so expectations do not move as rules are added. */
function only(...ids: string[]): EngineSettings {
  return settingsWith({ rules: Object.fromEntries([...RULE_IDS].map((id) => [id, ids.includes(id) || id === 'unused-suppression' ? 'warning' : 'off'])) });
}

const S = only('privileged-container', 'host-network', 'host-pid');
const ids = (text: string, settings = S) => lintText(text, 'yaml', { settings }).map((f) => f.ruleId);

const POD = (name: string, head = '') =>
  head +
  dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: ${name}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
  `);

test('the pod without suppressions has the three findings', () => {
  assert.deepEqual(ids(POD('a')), ['host-network', 'host-pid', 'privileged-container']);
});

test('shipshape-disable at the top of a document covers that document only', () => {
  const text = POD('a', '# shipshape-disable privileged-container, host-network -- node agent\n') + '---\n' + POD('b');
  const found = lintText(text, 'yaml', { settings: S });
  assert.deepEqual(
    found.map((f) => [f.ruleId, f.object?.name]),
    [
      ['host-pid', 'a'],
      ['host-network', 'b'],
      ['host-pid', 'b'],
      ['privileged-container', 'b'],
    ],
  );
});

test('shipshape-disable at the top of a later document (after its --- marker) covers only that document', () => {
  const text = POD('a') + '---\n# shipshape-disable privileged-container host-pid\n' + POD('b');
  assert.deepEqual(
    lintText(text, 'yaml', { settings: S }).map((f) => [f.ruleId, f.object?.name]),
    [
      ['host-network', 'a'],
      ['host-pid', 'a'],
      ['privileged-container', 'a'],
      ['host-network', 'b'],
    ],
  );
});

test('shipshape-disable in a comment block before a --- marker belongs to the document that follows', () => {
  const text = '# shipshape-disable host-network -- CNI\n---\n' + POD('a') + '---\n' + POD('b');
  assert.deepEqual(
    lintText(text, 'yaml', { settings: S }).map((f) => [f.ruleId, f.object?.name]),
    [
      ['host-pid', 'a'],
      ['privileged-container', 'a'],
      ['host-network', 'b'],
      ['host-pid', 'b'],
      ['privileged-container', 'b'],
    ],
  );
  // With several leading comment lines (and a %YAML directive) the same holds.
  const stacked = '# owned by team x\n\n# shipshape-disable host-network\n%YAML 1.2\n---\n' + POD('a');
  assert.deepEqual(ids(stacked), ['host-pid', 'privileged-container']);
});

test('shipshape-disable below the leading comments is misplaced and reported on the directive word', () => {
  const text = POD('a').replace('spec:\n', 'spec:\n  # shipshape-disable host-network\n');
  assertFindings(text, findingsOf('unused-suppression', text, S), [{ at: 'shipshape-disable', message: 'top of the document' }]);
  assert.deepEqual(ids(text).filter((id) => id !== 'unused-suppression'), ['host-network', 'host-pid', 'privileged-container']);
});

test('next-line covers the next line only, with comma and space separated ids', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: a
    spec:
      # shipshape-disable-next-line host-network,host-pid privileged-container -- not here
      hostNetwork: true
      hostPID: true
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            # shipshape-disable-next-line privileged-container , host-pid -- eBPF loader
            privileged: true
  `);
  const found = lintText(text, 'yaml', { settings: S });
  // hostNetwork suppressed; host-pid (next line is hostNetwork) and privileged-container unused in the first comment;
  // host-pid unused in the second.
  assertFindings(
    text,
    found.filter((f) => f.ruleId === 'unused-suppression'),
    [
      { at: 'host-pid', occurrence: 0, message: '"host-pid" is not reported on the next line' },
      { at: 'privileged-container', occurrence: 0, message: '"privileged-container" is not reported on the next line' },
      { at: 'host-pid', occurrence: 1, message: '"host-pid" is not reported on the next line' },
    ],
  );
  assert.deepEqual(found.filter((f) => f.ruleId !== 'unused-suppression').map((f) => f.ruleId), ['host-pid']);
});

test('stacked next-line comments and blank lines all apply to the next content line', () => {
  const text = POD('a').replace(
    '  hostNetwork: true\n',
    '  # shipshape-disable-next-line host-network -- CNI\n\n  # a plain comment\n  # shipshape-disable-next-line host-pid\n  hostNetwork: true\n',
  );
  const found = lintText(text, 'yaml', { settings: S });
  // host-pid is reported on the line after hostNetwork, so the second comment suppresses nothing.
  assertFindings(text, found.filter((f) => f.ruleId === 'unused-suppression'), [{ at: 'host-pid', occurrence: 0 }]);
  assert.deepEqual(found.filter((f) => f.ruleId !== 'unused-suppression').map((f) => f.ruleId), ['host-pid', 'privileged-container']);
});

test('a next-line comment at the end of the file covers nothing and is reported', () => {
  const text = POD('a') + '# shipshape-disable-next-line host-network\n';
  assertFindings(text, findingsOf('unused-suppression', text, S), [{ at: 'host-network', message: 'not reported on the next line' }]);
});

test('reasons: text after " -- " is the reason, never a rule id', () => {
  const directives = scanDirectives('# shipshape-disable-next-line a, b c -- because -- really\nx: 1\n', { topEnd: 0 });
  assert.equal(directives.length, 1);
  assert.deepEqual(directives[0]!.rules.map((r) => r.id), ['a', 'b', 'c']);
  assert.equal(directives[0]!.reason, 'because -- really');
  assert.equal(scanDirectives('# shipshape-disable-next-line a\nx: 1\n', { topEnd: 0 })[0]!.reason, undefined);
  assert.equal(scanDirectives('# shipshape-disable-next-line a --\nx: 1\n', { topEnd: 0 })[0]!.reason, '');
  // `--x` is not a separator; `a--b` is one token.
  assert.deepEqual(scanDirectives('# shipshape-disable-next-line a--b\nx: 1\n', { topEnd: 0 })[0]!.rules.map((r) => r.id), ['a--b']);
  // A word that merely starts with the directive is not a directive.
  assert.deepEqual(scanDirectives('# shipshape-disabled host-network\nx: 1\n', { topEnd: 0 }), []);
  // Only whole-line comments count.
  assert.deepEqual(scanDirectives('x: 1 # shipshape-disable-next-line host-network\ny: 2\n', { topEnd: 0 }), []);
  // The reason is not reported, whatever it says.
  const text = POD('a').replace('  hostNetwork: true\n', '  # shipshape-disable-next-line host-network -- host-pid is fine, privileged-containr\n  hostNetwork: true\n');
  assertFindings(text, findingsOf('unused-suppression', text, S), []);
});

test('a # line inside a block scalar is text, not a suppression', () => {
  const text = dedent(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: a
      annotations:
        script: |
          # shipshape-disable-next-line host-network
          echo hi
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
  `);
  assert.deepEqual(ids(text), ['host-network']);
  // A multi-line plain or quoted scalar too.
  const quoted = text.replace('script: |\n      # shipshape-disable-next-line host-network\n      echo hi', 'script: "first\n      # shipshape-disable-next-line host-network\n      last"');
  assert.notEqual(quoted, text);
  assert.deepEqual(ids(quoted), ['host-network']);
});

test('CRLF line endings: both forms work and spans exclude the carriage return', () => {
  const lf = POD('a', '# shipshape-disable host-pid -- x\n').replace('  hostNetwork: true\n', '  # shipshape-disable-next-line host-network, host-ipc\n  hostNetwork: true\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  const s = only('privileged-container', 'host-network', 'host-pid', 'host-ipc');
  const found = lintText(crlf, 'yaml', { settings: s });
  assert.deepEqual(found.map((f) => f.ruleId), ['unused-suppression', 'privileged-container']);
  assertFindings(crlf, found.filter((f) => f.ruleId === 'unused-suppression'), [{ at: 'host-ipc' }]);
  const d = scanDirectives(crlf, { topEnd: yamlTopEnd(crlf) });
  assert.equal(d[0]!.reason, 'x');
  assert.ok(!crlf.slice(d[0]!.span.start, d[0]!.span.end).includes('\r'));
  assert.equal(crlf.slice(d[1]!.covers.start, d[1]!.covers.end), '  hostNetwork: true');
});

test('unknown rule ids are reported with a did-you-mean hint, on the id', () => {
  const text = POD('a', '# shipshape-disable host-netwrok, zzzz-qqqq -- typo\n');
  assertFindings(text, findingsOf('unused-suppression', text, S), [
    { at: 'host-netwrok', message: ['Unknown rule id "host-netwrok"', '(did you mean "host-network"?)'] },
    { at: 'zzzz-qqqq', message: 'Unknown rule id "zzzz-qqqq"; this suppression has no effect.' },
  ]);
  assert.ok(!findingsOf('unused-suppression', text, S)[1]!.message.includes('did you mean'));
});

test('a document-level disable naming a rule the document does not report is unused', () => {
  const text = POD('a', '# shipshape-disable host-ipc -- legacy\n');
  assertFindings(text, findingsOf('unused-suppression', text, only('host-ipc')), [{ at: 'host-ipc', message: '"host-ipc" is not reported in this document' }]);
});

test('a directive that names no rule is reported on the directive word', () => {
  const text = POD('a', '# shipshape-disable -- everything please\n').replace('  hostPID: true\n', '  # shipshape-disable-next-line\n  hostPID: true\n');
  assertFindings(text, findingsOf('unused-suppression', text, S), [
    { at: 'shipshape-disable', message: 'shipshape-disable names no rule' },
    { at: 'shipshape-disable-next-line', message: 'shipshape-disable-next-line names no rule' },
  ]);
  assert.deepEqual(ids(text).filter((i) => i !== 'unused-suppression'), ['host-network', 'host-pid', 'privileged-container']);
});

test('a suppression naming a rule that is off under the settings is not reported', () => {
  const text = POD('a', '# shipshape-disable run-as-root -- baseline cluster\n');
  assertFindings(text, findingsOf('unused-suppression', text, S), []);
  // Under restricted with the rule on, the same comment is used (run-as-root fires): still nothing to report.
  assertFindings(text, findingsOf('unused-suppression', text, only('run-as-root')), []);
  assert.deepEqual(findingsOf('run-as-root', text, only('run-as-root')), []);
  // Profile baseline turns the restricted rule off: not reported either.
  const baseline = { ...DEFAULT_SETTINGS, profile: 'baseline' as const };
  assertFindings(text, findingsOf('unused-suppression', text, baseline), []);
  // A schema rule while schema validation is off cannot be judged either.
  const schema = [...RULE_IDS].find((id) => id.startsWith('schema'));
  if (schema) {
    const t = POD('a', `# shipshape-disable ${schema}\n`);
    assertFindings(t, findingsOf('unused-suppression', t, { ...DEFAULT_SETTINGS, schemaValidation: false }), []);
  }
});

test('allowInlineSuppressions false: every comment is ignored and reported on its directive word', () => {
  const text = POD('a', '# shipshape-disable host-pid\n').replace('  hostNetwork: true\n', '  # shipshape-disable-next-line host-network\n  hostNetwork: true\n');
  const off = { ...S, allowInlineSuppressions: false };
  assertFindings(text, findingsOf('unused-suppression', text, off), [
    { at: 'shipshape-disable', occurrence: 0, message: 'allowInlineSuppressions: false' },
    { at: 'shipshape-disable-next-line', message: 'allowInlineSuppressions: false' },
  ]);
  assert.deepEqual(ids(text, off).filter((i) => i !== 'unused-suppression'), ['host-network', 'host-pid', 'privileged-container']);
  // With unused-suppression itself off, nothing is reported and nothing suppressed.
  const quiet = { ...off, rules: { ...off.rules, 'unused-suppression': 'off' as const } };
  assert.deepEqual(ids(text, quiet), ['host-network', 'host-pid', 'privileged-container']);
});

test('suppression applies in every workload kind (pod template findings)', () => {
  const text = workload('CronJob', `
    # shipshape-disable-next-line host-network -- x
    hostNetwork: true
    containers:
      - name: web
        image: nginx:1.27
  `);
  assert.deepEqual(ids(text), []);
});

// Dockerfiles

const DS = settingsWith({
  rules: Object.fromEntries([...RULE_IDS].map((id) => [id, ['dockerfile-curl-pipe-shell', 'dockerfile-root-user', 'dockerfile-missing-healthcheck', 'unused-suppression'].includes(id) ? 'warning' : 'off'])),
});
const dids = (text: string, settings = DS) => lintText(text, 'dockerfile', { settings }).map((f) => f.ruleId);

const DOCKERFILE = dedent(`
  FROM alpine:3.20
  RUN apk add curl && \\
      curl -fsSL https://example.com/install.sh | sh
  USER root
`);

test('Dockerfile: the unsuppressed file has the expected findings', () => {
  assert.deepEqual(new Set(dids(DOCKERFILE)), new Set(['dockerfile-curl-pipe-shell', 'dockerfile-root-user', 'dockerfile-missing-healthcheck']));
});

test('Dockerfile: shipshape-disable before the first instruction covers the whole file', () => {
  const text = '# syntax=docker/dockerfile:1\n# shipshape-disable dockerfile-root-user, dockerfile-missing-healthcheck -- probed by k8s\n\n' + DOCKERFILE;
  assert.deepEqual(dids(text), ['dockerfile-curl-pipe-shell']);
});

test('Dockerfile: next-line covers the whole next instruction, continuation lines included', () => {
  const text = DOCKERFILE.replace('RUN apk', '# shipshape-disable-next-line dockerfile-curl-pipe-shell -- vendor installer, pinned\nRUN apk');
  const found = lintText(text, 'dockerfile', { settings: DS });
  assert.deepEqual(found.map((f) => f.ruleId).sort(), ['dockerfile-missing-healthcheck', 'dockerfile-root-user']);
  // Without the comment the curl finding lies on the continuation line, so the test is meaningful.
  const curl = lintText(DOCKERFILE, 'dockerfile', { settings: DS }).find((f) => f.ruleId === 'dockerfile-curl-pipe-shell')!;
  assert.ok(curl.span.start > DOCKERFILE.indexOf('\n', DOCKERFILE.indexOf('RUN')), 'the finding is on the continuation line');
  // next-line pointing at USER does not cover the RUN, and is reported unused for a rule not there.
  const wrong = DOCKERFILE.replace('USER root', '# shipshape-disable-next-line dockerfile-curl-pipe-shell\nUSER root');
  assertFindings(wrong, lintText(wrong, 'dockerfile', { settings: DS }).filter((f) => f.ruleId === 'unused-suppression'), [
    { at: 'dockerfile-curl-pipe-shell', message: 'not reported on the next line' },
  ]);
});

test('Dockerfile: shipshape-disable after the first instruction is misplaced', () => {
  const text = DOCKERFILE.replace('USER root', '# shipshape-disable dockerfile-root-user\nUSER root');
  const found = lintText(text, 'dockerfile', { settings: DS });
  assertFindings(text, found.filter((f) => f.ruleId === 'unused-suppression'), [{ at: 'shipshape-disable', message: 'top of the file' }]);
  assert.ok(found.some((f) => f.ruleId === 'dockerfile-root-user'));
});

test('Dockerfile: a # line inside a heredoc is not a suppression', () => {
  const text = dedent(`
    # syntax=docker/dockerfile:1
    FROM alpine:3.20
    COPY <<EOF /etc/motd
    # shipshape-disable-next-line dockerfile-root-user
    EOF
    USER root
  `);
  assert.ok(dids(text).includes('dockerfile-root-user'));
  assert.ok(!dids(text).includes('unused-suppression'));
});

test('Dockerfile: unknown and empty directives, and allowInlineSuppressions false', () => {
  const text = '# shipshape-disable dockerfile-root-usr\n# shipshape-disable-next-line\n' + DOCKERFILE;
  assertFindings(text, lintText(text, 'dockerfile', { settings: DS }).filter((f) => f.ruleId === 'unused-suppression'), [
    { at: 'dockerfile-root-usr', message: 'did you mean "dockerfile-root-user"' },
    { at: 'shipshape-disable-next-line', message: 'names no rule' },
  ]);
  const t2 = '# shipshape-disable dockerfile-root-user\n' + DOCKERFILE;
  const off = { ...DS, allowInlineSuppressions: false };
  const found = lintText(t2, 'dockerfile', { settings: off });
  assertFindings(t2, found.filter((f) => f.ruleId === 'unused-suppression'), [{ at: 'shipshape-disable', message: 'turned off' }]);
  assert.ok(found.some((f) => f.ruleId === 'dockerfile-root-user'));
});

test('a comment naming thousands of rule ids: the first 100 are read, one finding says how many more there were', () => {
  const many = Array.from({ length: 50_000 }, (_, i) => `no-rule-${i}`);
  for (const directive of ['shipshape-disable', 'shipshape-disable-next-line']) {
    const text = POD('a', `# ${directive} host-network, ${many.join(', ')}\n`);
    const found = findingsOf('unused-suppression', text, S);
    // The next line (apiVersion) has no host-network finding: that id is reported unused too.
    assert.equal(found.length, directive === 'shipshape-disable' ? 100 : 101, `${directive}: 99 unknown ids and the overflow`);
    const overflow = found.find((f) => f.message.includes('more rule ids'))!;
    assert.equal(overflow.message, 'This suppression names 49,901 more rule ids after the first 100; they are not read and suppress nothing.');
    assert.equal(text.slice(overflow.span.start, overflow.span.end), 'no-rule-99', 'on the first id not read');
    // host-network, the first id, still works: its finding is suppressed.
    if (directive === 'shipshape-disable') assert.ok(!ids(text).includes('host-network'));
  }
});
