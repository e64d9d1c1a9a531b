// internal-error: a rule that throws becomes one finding naming it (per rule and document), the other rules' findings
// stay, the caller's onInternalError hook hears of it once with the code location, and nothing the document holds leaks into either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, normalizeSettings, RULE_IDS, RULES, type Finding, type Rule } from '../../../server/src/engine';
import type { InternalError } from '../../../server/src/engine/run-rule';
import { FAKE } from '../../helpers/fake-secrets';
import { allResolved } from '../../helpers/resolved-fixes';

const TOKEN = FAKE.githubToken;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        privileged: true
      env:
        - name: GITHUB_TOKEN
          value: ${TOKEN}
    - name: b
      image: nginx:1.27
    - name: c
      image: nginx:1.27
`;

const COMPOSE = `services:
  web:
    image: nginx:1.27
    privileged: true
    environment:
      GITHUB_TOKEN: ${TOKEN}
`;

const DOCKERFILE = `FROM alpine:3.19
ENV GITHUB_TOKEN=${TOKEN}
RUN apk add curl
`;

function rule(id: string, visitors: (text: string, report: (at: { start: number; end: number }) => void) => ReturnType<Rule['create']>): Rule {
  return {
    meta: { id, title: id, description: id, defaultSeverity: 'warning', category: 'hardening', messages: { found: 'found {{what}}' }, references: {} },
    create: (ctx) => visitors(ctx.text, (at) => ctx.report({ messageId: 'found', data: { what: 'it' }, at })),
  };
}

/** Throws with the whole document (a token included) in its message, from every visitor it has. */
const thrower = (id: string): Rule =>
  rule(id, (text) => {
    const boom = (): never => {
      throw new TypeError(`cannot read ${text}`);
    };
    return { resource: boom, container: boom, composeService: boom, dockerfile: boom };
  });

const without = (findings: Finding[], id: string): Finding[] => findings.filter((f) => f.ruleId !== id);
const internal = (findings: Finding[]): Finding[] => findings.filter((f) => f.ruleId === 'internal-error');

/** A lint with `rules` run besides the registry's (passed explicitly: the engine keeps no rule list of its own to add to). */
function lint(text: string, kind: 'yaml' | 'dockerfile', rules: Rule[], fileName?: string, onInternalError?: (e: InternalError) => void): Finding[] {
  return lintText(text, kind, { rules: [...RULES, ...rules], ...(fileName ? { fileName } : {}), ...(onInternalError ? { onInternalError } : {}) });
}

for (const [format, text, kind, fileName] of [
  ['a Kubernetes object', POD, 'yaml', undefined],
  ['a compose file', COMPOSE, 'yaml', 'compose.yaml'],
  ['a Dockerfile', DOCKERFILE, 'dockerfile', undefined],
] as const) {
  test(`${format}: a throwing rule is one internal-error finding naming it; the other findings stay`, () => {
    const baseline = lintText(text, kind, fileName ? { fileName } : {});
    assert.ok(baseline.length > 3, 'the document has findings of other rules');
    assert.ok(baseline.some((f) => f.ruleId === 'secret-in-env'));
    const findings = lint(text, kind, [thrower('test-boom')], fileName);
    const errors = internal(findings);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const f = errors[0]!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^Rule "test-boom" failed on this document \(TypeError\)/);
    assert.ok(!f.message.includes(TOKEN) && !f.message.includes('cannot read'), f.message);
    // At the start of the object or file: the `kind:` line, the compose file's `services:` key, the first instruction.
    const anchor = kind === 'dockerfile' ? text.indexOf('FROM') : fileName ? text.indexOf('services:') : text.indexOf('kind:');
    assert.equal(f.span.start, anchor);
    assert.deepEqual(allResolved(without(findings, 'internal-error')), allResolved(baseline));
  });
}

test('once per rule and document, not once per visit: three containers, two documents', () => {
  const two = POD + '---\n' + POD.replace('name: web', 'name: api');
  const findings = lint(two, 'yaml', [thrower('test-boom')]);
  const errors = internal(findings);
  assert.equal(errors.length, 2);
  assert.deepEqual(errors.map((f) => f.object?.name), ['web', 'api']);
  assert.deepEqual(
    errors.map((f) => f.span.start),
    [two.indexOf('kind:'), two.indexOf('kind:', two.indexOf('---'))],
  );
});

test('each failing rule gets its finding, also in a compose file (findings at one anchor are not merged)', () => {
  for (const [text, kind, fileName] of [
    [POD, 'yaml', undefined],
    [COMPOSE, 'yaml', 'compose.yaml'],
    [DOCKERFILE, 'dockerfile', undefined],
  ] as const) {
    const errors = internal(lint(text, kind, [thrower('test-one'), thrower('test-two')], fileName));
    assert.deepEqual(
      errors.map((f) => /"([^"]+)"/.exec(f.message)![1]),
      ['test-one', 'test-two'],
    );
  }
});

test('what the rule reported before it threw is kept; a report with an unknown message id is an internal error too', () => {
  let calls = 0;
  const partial = rule('test-partial', (_text, report) => ({
    container(c) {
      if (++calls === 2) throw new RangeError('second container');
      report(c.nameSpan ?? { start: 0, end: 1 });
    },
  }));
  const findings = lint(POD, 'yaml', [partial]);
  assert.equal(findings.filter((f) => f.ruleId === 'test-partial').length, 1);
  assert.match(internal(findings)[0]!.message, /"test-partial" failed on this document \(RangeError\)/);

  const badReport: Rule = {
    meta: { id: 'test-bad-report', title: 't', description: 't', defaultSeverity: 'warning', category: 'hardening', messages: {}, references: {} },
    create: (ctx) => ({ resource: (r) => ctx.report({ messageId: 'nope', at: r.kindSpan }) }),
  };
  assert.match(internal(lint(POD, 'yaml', [badReport]))[0]!.message, /"test-bad-report" failed on this document \(Error\)/);
});

test('the onInternalError hook hears of each failure with the code location and nothing from the document', () => {
  const heard: InternalError[] = [];
  lint(POD, 'yaml', [thrower('test-boom')], undefined, (e) => heard.push(e));
  assert.equal(heard.length, 1);
  assert.equal(heard[0]!.ruleId, 'test-boom');
  assert.equal(heard[0]!.errorName, 'TypeError');
  assert.ok(heard[0]!.frames.length > 0 && heard[0]!.frames.every((l) => l.startsWith('at ')), JSON.stringify(heard[0]!.frames));
  assert.ok(!JSON.stringify(heard).includes(TOKEN));
  // The hook belongs to the lint it was passed to: another lint tells it nothing, and tells its own hook.
  lint(POD, 'yaml', [thrower('test-boom')]);
  assert.equal(heard.length, 1);
  const other: InternalError[] = [];
  lint(DOCKERFILE, 'dockerfile', [thrower('test-boom')], undefined, (e) => other.push(e));
  assert.equal(heard.length, 1);
  assert.deepEqual(other.map((e) => e.ruleId), ['test-boom']);
});

test('a thrown non-error, or an error whose name is not a class name, says only what kind of thing it was', () => {
  const throwsValue = rule('test-value', (text) => ({
    resource() {
      throw text; // a string holding the whole document
    },
  }));
  const renamed = rule('test-renamed', () => ({
    resource() {
      const e = new Error('x');
      e.name = TOKEN;
      throw e;
    },
  }));
  const heard: InternalError[] = [];
  const findings = lint(POD, 'yaml', [throwsValue, renamed], undefined, (e) => heard.push(e));
  const messages = internal(findings).map((f) => f.message);
  assert.match(messages[0]!, /\(a thrown string\)/);
  assert.match(messages[1]!, /\(Error\)/);
  assert.ok(!JSON.stringify({ messages, heard }).includes(TOKEN));
});

test('internal-error follows the severity settings like any rule', () => {
  const { settings } = normalizeSettings({ rules: { 'internal-error': 'off' } }, RULE_IDS);
  const findings = lintText(POD, 'yaml', { settings, rules: [...RULES, thrower('test-boom')] });
  assert.deepEqual(internal(findings), []);
  assert.deepEqual(allResolved(findings), allResolved(lintText(POD, 'yaml', { settings })));
  const warn = normalizeSettings({ rules: { 'internal-error': 'warning' } }, RULE_IDS).settings;
  assert.equal(internal(lintText(POD, 'yaml', { settings: warn, rules: [...RULES, thrower('test-boom')] }))[0]!.severity, 'warning');
});

test('without an injected rule, no document of the examples has an internal error', () => {
  assert.deepEqual(internal(lintText(POD, 'yaml')), []);
  assert.deepEqual(internal(lintText(COMPOSE, 'yaml', { fileName: 'compose.yaml' })), []);
  assert.deepEqual(internal(lintText(DOCKERFILE, 'dockerfile')), []);
});
