// Parser error messages never quote the document (it may hold credentials); the range shows the place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { yamlErrorMessage } from '../../../server/src/engine/parse/yaml-message';
import { FAKE } from '../../helpers/fake-secrets';

test('yaml errors quoting source text are cut before the quote; positions dropped', () => {
  for (const text of [`token: |${FAKE.githubToken}\n  x\n`, `apiVersion v1\n# c\ntoken ${FAKE.githubToken}\n`, `a: "${FAKE.githubToken}\n`, `- a\nb: ${FAKE.githubToken}\n`]) {
    const errors = parseAllDocuments(text, { prettyErrors: true }).flatMap((d) => ('errors' in d ? d.errors : []));
    assert.ok(errors.length > 0, text);
    for (const e of errors) {
      const m = yamlErrorMessage(e.message);
      assert.ok(!m.includes(FAKE.githubToken.slice(0, 12)), `${JSON.stringify(m)} quotes the token`);
      assert.ok(!/\n|at line \d+/.test(m), m);
      assert.ok(m.length > 5, m);
    }
  }
  assert.equal(yamlErrorMessage('Map keys must be unique at line 3, column 1:\n\nfoo: 1\n^^^\n'), 'Map keys must be unique');
  assert.equal(yamlErrorMessage(''), 'invalid YAML');
});
