// The bundled examples: every hardened manifest lints clean, and the insecure ones
// together trigger every Pod Security and hardening rule of the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintYaml, RULES, type Finding, type RuleCategory } from '../../server/src/engine';
import { WORKLOAD_KINDS } from '../../server/src/engine/views/workloads';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const CHECKED_CATEGORIES: readonly RuleCategory[] = ['pod-security-baseline', 'pod-security-restricted', 'hardening'];

interface Example {
  file: string;
  text: string;
  kinds: string[];
}

function load(set: 'insecure' | 'hardened'): Example[] {
  const dir = join(EXAMPLES, set);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const kinds = parseAllDocuments(text).map((d) => (d.toJS() as { kind?: unknown } | null)?.kind);
      return { file: `${set}/${f}`, text, kinds: kinds.filter((k): k is string => typeof k === 'string') };
    });
}

const describe = (text: string, fs: Finding[]): string =>
  fs.map((f) => `  ${f.ruleId} ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}`).join('\n');

const insecure = load('insecure');
const hardened = load('hardened');

test('each workload kind has an insecure and a hardened example', () => {
  for (const [name, set] of [['insecure', insecure], ['hardened', hardened]] as const) {
    const kinds = new Set(set.flatMap((e) => e.kinds));
    assert.deepEqual(WORKLOAD_KINDS.filter((k) => !kinds.has(k)), [], `${name}: kinds without an example`);
  }
});

for (const ex of hardened) {
  test(`hardened example ${ex.file} yields no finding`, () => {
    const findings = lintYaml(ex.text);
    assert.equal(findings.length, 0, `${ex.file}:\n${describe(ex.text, findings)}`);
  });
}

for (const ex of insecure) {
  test(`insecure example ${ex.file} yields findings and no syntax error`, () => {
    const findings = lintYaml(ex.text);
    assert.ok(findings.length > 0, `${ex.file}: no finding`);
    const syntax = findings.filter((f) => RULES.find((r) => r.meta.id === f.ruleId)?.meta.category === 'syntax');
    assert.deepEqual(syntax, [], `${ex.file}: syntax findings`);
  });
}

test('the insecure examples together trigger every pod-security and hardening rule', () => {
  const expected = RULES.filter((r) => CHECKED_CATEGORIES.includes(r.meta.category)).map((r) => r.meta.id);
  assert.ok(expected.length > 0, 'the registry has pod-security rules');
  const seen = new Set(insecure.flatMap((ex) => lintYaml(ex.text).map((f) => f.ruleId)));
  assert.deepEqual(expected.filter((id) => !seen.has(id)), [], 'rules no insecure example triggers');
});

test('the insecure examples exercise init and ephemeral containers', () => {
  const containerNames = (text: string, key: string): string[] =>
    parseAllDocuments(text).flatMap((d) => {
      const names: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === key && Array.isArray(v)) for (const c of v) if (typeof c?.name === 'string') names.push(c.name);
            walk(v);
          }
        }
      };
      walk(d.toJS());
      return names;
    });
  for (const key of ['initContainers', 'ephemeralContainers']) {
    const flagged = insecure.flatMap((ex) => {
      const names = new Set(containerNames(ex.text, key));
      return lintYaml(ex.text).filter((f) => f.container !== undefined && names.has(f.container));
    });
    assert.ok(flagged.length > 0, `no finding on any of the ${key}`);
  }
});
