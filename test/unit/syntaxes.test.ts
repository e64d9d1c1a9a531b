// The TextMate injection grammar that highlights shipshape-disable directives in comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PATH = 'syntaxes/shipshape-directives.injection.json';
const grammar = JSON.parse(readFileSync(join(ROOT, PATH), 'utf8'));
const directive = grammar.repository.directive;
// The patterns use only syntax that Oniguruma and JavaScript read alike (fixed-length lookbehind, \w).
const re = new RegExp(directive.match);
const ruleIdRe = new RegExp(directive.captures['2'].patterns[0].match, 'g');

test('package.json contributes the grammar, injected into YAML and Dockerfile', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const entry = (pkg.contributes.grammars as { path: string; scopeName: string; injectTo: string[] }[]).find((g) => g.path === `./${PATH}`);
  assert.ok(entry, 'contributes.grammars lists the injection grammar');
  assert.equal(entry.scopeName, grammar.scopeName);
  assert.deepEqual([...entry.injectTo].sort(), ['source.dockerfile', 'source.yaml']);
  assert.match(grammar.injectionSelector, /comment\.line\.number-sign/);
});

const cases: { comment: string; directive?: string; rules?: string[]; reason?: string }[] = [
  { comment: '# shipshape-disable-next-line host-network', directive: 'shipshape-disable-next-line', rules: ['host-network'] },
  { comment: '# shipshape-disable run-as-root, host-pid -- reviewed by security', directive: 'shipshape-disable', rules: ['run-as-root', 'host-pid'], reason: 'reviewed by security' },
  { comment: '#shipshape-disable', directive: 'shipshape-disable', rules: [] },
  { comment: '# shipshape-disable -- whole file is a test fixture', directive: 'shipshape-disable', rules: [], reason: 'whole file is a test fixture' },
  { comment: '# not-shipshape-disable host-pid' },
  { comment: '# shipshape-disabled host-pid' },
  { comment: '# an ordinary comment' },
];

for (const c of cases) {
  test(`directive grammar: ${JSON.stringify(c.comment)}`, () => {
    const m = re.exec(c.comment);
    if (c.directive === undefined) {
      assert.equal(m, null);
      return;
    }
    assert.ok(m);
    assert.equal(m[1], c.directive);
    assert.deepEqual(m[2]!.match(ruleIdRe) ?? [], c.rules);
    assert.equal(m[4], c.reason);
  });
}
