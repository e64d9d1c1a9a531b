/**
 * Every fix and suggestion the YAML rules offer on the example manifests and
 * compose files, one at a time: the output parses, the finding is gone, no
 * new finding appears, and the lines outside the edit are untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintYaml } from '../../../server/src/engine/lint';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { assertFix } from '../../helpers/fix-tester';
import { settingsWith } from '../../helpers/rule-tester';
import { findingFixes } from '../../../server/src/engine/types';

const ROOT = join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** secret-in-env's suggestion reads the value from a Secret through the environment, which secret-via-env-var (info) reports. */
const ALLOWED_AFTER: Record<string, string[]> = { 'secret-in-env': ['secret-via-env-var'] };

const files = [...yamlFiles(join(ROOT, 'examples', 'insecure')), ...yamlFiles(join(ROOT, 'examples', 'compose', 'insecure'))];

test('the examples offer fixes', () => {
  let count = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    count += lintYaml(text, { fileName: file }).filter((f) => findingFixes(f).length).length;
  }
  assert.ok(count >= 30, `only ${count} findings with fixes in the examples`);
});

const variants: Array<[string, (t: string) => string]> = [
  ['', (t) => t],
  // The same files with CRLF line endings: every fix keeps them.
  [' (CRLF)', (t) => t.replace(/\r?\n/g, '\r\n')],
];

for (const file of files) for (const [label, variant] of variants) {
  test(`every fix in ${relative(ROOT, file)}${label} is sound`, () => {
    const text = variant(readFileSync(file, 'utf8'));
    const findings = lintYaml(text, { fileName: file });
    const byRule = new Map<string, number>();
    for (const f of findings) {
      const index = byRule.get(f.ruleId) ?? 0;
      byRule.set(f.ruleId, index + 1);
      for (const fix of findingFixes(f)) {
        const allowed = ALLOWED_AFTER[f.ruleId];
        const settings = allowed ? settingsWith({ rules: Object.fromEntries(allowed.map((id) => [id, 'off'])) }) : DEFAULT_SETTINGS;
        // The same finding under the settings used (rules turned off do not shift the index of this rule).
        const { output } = assertFix(text, f.ruleId, { index, title: fix.title, settings, fileName: file });
        if (label) assert.ok(!/[^\r]\n/.test(output), `${fix.title}: a bare LF in a CRLF file`);
      }
    }
  });
}
