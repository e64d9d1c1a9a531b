/**
 * The invariants the fuzz tests (test/unit/fuzz/) check for one input. Each check throws an
 * assertion error naming what broke. They run in a worker (fuzz-worker.ts) so a hang can be
 * cut off, but are plain functions: a failing case can be replayed in a debugger with them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { DEFAULT_SETTINGS, DocumentCache, RULE_IDS, findingFixes, lintText, normalizeSettings, type EngineSettings, type Finding } from '../../server/src/engine';
import { allResolved } from './resolved-fixes';
import { applyConfig, configFindings, parseConfig } from '../../server/src/engine/config/config-file';
import { applyEdits, fixAll, normalizeEdits } from '../../server/src/engine/fixes/apply';
import { FAKE, substringsOf } from './fake-secrets';
import { PLANTED_SECRETS, ROOT, type ConfigCase, type FuzzKind, type LintCase, type SettingsId } from './fuzz-inputs';

const SEVERITIES = new Set(['error', 'warning', 'info']);
const PARSE_RULES = new Set(['yaml-syntax', 'dockerfile-syntax', 'helm-template', 'binary-file']);

/** A finding that stands for a failure of the engine rather than a problem of the input. */
function engineFailure(f: Finding): boolean {
  return f.ruleId === 'internal-error' || /internal error/i.test(f.message) || /could not be checked/.test(f.message) || /parser failed/.test(f.message);
}

const show = (f: Finding) => JSON.stringify({ ruleId: f.ruleId, message: f.message, span: f.span });

/** Every finding well-formed, its span inside `text` on one line, its fixes' edits inside `text`, no engine failure. */
export function checkFindings(findings: readonly Finding[], text: string, what: string): void {
  assert.ok(Array.isArray(findings), `${what}: not an array`);
  for (const f of findings) {
    assert.ok(RULE_IDS.has(f.ruleId) || f.ruleId === 'internal-error', `${what}: unknown rule id ${show(f)}`);
    assert.ok(SEVERITIES.has(f.severity), `${what}: bad severity ${f.severity} in ${show(f)}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${what}: empty message in ${show(f)}`);
    assert.ok(!engineFailure(f), `${what}: the engine failed on this input: ${show(f)}`);
    const { start, end } = f.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: non-integer span ${show(f)}`);
    assert.ok(0 <= start && start <= end && end <= text.length, `${what}: span outside the text (length ${text.length}): ${show(f)}`);
    assert.ok(!/[\r\n]/.test(text.slice(start, end)), `${what}: span crosses a line break: ${show(f)} covers ${JSON.stringify(text.slice(start, end))}`);
    for (const fix of findingFixes(f)) {
      assert.ok(fix.kind === 'fix' || fix.kind === 'suggestion', `${what}: bad fix kind in ${show(f)}`);
      for (const e of fix.edits) {
        assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= text.length, `${what}: fix "${fix.title}" of ${show(f)} edits outside the text: ${JSON.stringify(e)}`);
        assert.equal(typeof e.text, 'string', `${what}: fix "${fix.title}" of ${show(f)} has a non-string edit`);
      }
      assert.ok(normalizeEdits(text, fix.edits), `${what}: fix "${fix.title}" of ${show(f)} has overlapping edits: ${JSON.stringify(fix.edits)}`);
    }
  }
}

/** No finding quotes a planted fake credential that is in the text (not even 8 characters of it). */
export function checkNoSecrets(findings: readonly Finding[], text: string, what: string): void {
  const planted = PLANTED_SECRETS.filter((v) => text.includes(v));
  if (planted.length === 0) return;
  for (const f of findings) {
    const shown = [f.message, ...findingFixes(f).map((x) => x.title)].join('\n');
    for (const v of planted) {
      // Of a connection string only the password is secret (its host may well be quoted).
      const secret = v === FAKE.connectionString ? /:\/\/[^:]+:([^@]+)@/.exec(v)![1]! : v;
      const leaked = substringsOf(secret).find((sub) => shown.includes(sub));
      assert.ok(leaked === undefined, `${what}: a secret value from the text appears in ${show(f)} (${JSON.stringify(leaked)} of ${JSON.stringify(v.slice(0, 4))}...)`);
    }
  }
}

const parseErrors = (findings: readonly Finding[]) => findings.filter((f) => PARSE_RULES.has(f.ruleId)).length;

// ---------------------------------------------------------------------------------------------
// Settings variants

const settingsCache = new Map<SettingsId, EngineSettings>();

export function settingsFor(id: SettingsId): EngineSettings {
  let s = settingsCache.get(id);
  if (s) return s;
  switch (id) {
    case 'default':
      s = DEFAULT_SETTINGS;
      break;
    case 'baseline':
      s = { ...DEFAULT_SETTINGS, profile: 'baseline' };
      break;
    case 'all-rules':
      // Every rule on (the ones off by default too), with options and a custom registry list.
      s = {
        ...DEFAULT_SETTINGS,
        rules: Object.fromEntries([...RULE_IDS].map((r) => [r, 'warning'])),
        ruleOptions: { 'host-path-volume': { allowedPaths: ['/var/log/**', '/etc/*.conf', '/data/{a,b}/*'] } },
        trustedRegistries: ['ghcr.io/org', '*.dkr.ecr.*.amazonaws.com', 'bitnami', 'docker.io/library/*'],
      };
      break;
    case 'exempted-config': {
      const parsed = parseConfig(readFileSync(join(ROOT, 'examples', 'exempted', '.shipshape.yaml'), 'utf8'));
      assert.ok(parsed.config, 'examples/exempted/.shipshape.yaml is invalid');
      const base = applyConfig(DEFAULT_SETTINGS, parsed.config, 'node-exporter.yaml').settings;
      s = {
        ...base,
        exemptions: [
          ...base.exemptions,
          { rules: ['run-as-root', 'capabilities-not-dropped'], container: 'init*', reason: 'fuzz' },
          { rules: ['*'], kind: 'Cron*', namespace: 'kube-*', reason: 'fuzz' },
        ],
      };
      break;
    }
    case 'strict-no-suppress':
      s = {
        ...DEFAULT_SETTINGS,
        allowAnnotationExemptions: false,
        allowInlineSuppressions: false,
        schemaValidation: false,
        rules: { 'image-not-pinned': 'error', 'privileged-container': 'off', 'unused-suppression': 'error' },
      };
      break;
  }
  settingsCache.set(id, s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Lint cases

/** Shared across cases like the language server's cache across edits; small, so eviction happens. */
const sharedCache = new DocumentCache(64);

export function checkLintCase(c: LintCase): void {
  const settings = settingsFor(c.settings);
  const opts = { settings, fileName: c.fileName };
  const { text, kind } = c;

  const plain = lintText(text, kind, opts);
  checkFindings(plain, text, 'lintText');
  checkNoSecrets(plain, text, 'lintText');

  // Deterministic, and the per-document cache changes nothing: a fresh cache, a cache that
  // saw the previous version of the text (an edit), and a cache that saw this very text.
  assert.deepStrictEqual(allResolved(lintText(text, kind, { ...opts, cache: new DocumentCache() })), allResolved(plain), 'lintText with a fresh DocumentCache differs from lintText without one (not deterministic)');
  lintText(c.previous, kind, { ...opts, cache: sharedCache });
  assert.deepStrictEqual(allResolved(lintText(text, kind, { ...opts, cache: sharedCache })), allResolved(plain), 'lintText with the cache after linting the previous version differs from an uncached lint');
  assert.deepStrictEqual(allResolved(lintText(text, kind, { ...opts, cache: sharedCache })), allResolved(plain), 'lintText with a warm cache differs from an uncached lint');

  // The same text as the other kind (a YAML file opened as a Dockerfile and vice versa).
  const other: FuzzKind = kind === 'yaml' ? 'dockerfile' : 'yaml';
  const asOther = lintText(text, other, { settings });
  checkFindings(asOther, text, `lintText as ${other}`);
  checkNoSecrets(asOther, text, `lintText as ${other}`);

  // Fix-all never throws and leaves a text whose findings are still well-formed.
  const fixed = fixAll(text, kind, opts);
  assert.equal(typeof fixed.text, 'string');
  checkFindings(fixed.findings, fixed.text, 'fixAll result');
  assert.deepStrictEqual(allResolved(fixed.findings), allResolved(lintText(fixed.text, kind, opts)), 'fixAll findings differ from linting its output');
  assert.ok(parseErrors(fixed.findings) <= parseErrors(plain), `fixAll broke parsing:\n${fixed.text}`);
  const fixedCached = fixAll(text, kind, { ...opts, cache: sharedCache });
  assert.equal(fixedCached.text, fixed.text, 'fixAll with the shared cache differs from fixAll without one');

  // One single fix or suggestion, applied as a code action would.
  const fixes = plain.flatMap((f) => findingFixes(f).map((fix) => ({ f, fix })));
  if (fixes.length > 0) {
    const { f, fix } = fixes[c.fixPick % fixes.length]!;
    const out = applyEdits(text, fix.edits);
    assert.ok(out !== undefined, `fix "${fix.title}" of ${show(f)} cannot be applied`);
    const after = lintText(out, kind, opts);
    checkFindings(after, out, `after the fix "${fix.title}" of ${show(f)}`);
    assert.ok(parseErrors(after) <= parseErrors(plain), `the ${fix.kind} "${fix.title}" of ${show(f)} breaks parsing:\n${out}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Config cases

const SAMPLE_MANIFEST = readFileSync(join(ROOT, 'examples', 'insecure', 'deployment.yaml'), 'utf8');
const SAMPLE_DOCKERFILE = readFileSync(join(ROOT, 'examples', 'docker', 'insecure', 'Dockerfile'), 'utf8');

export function checkConfigCase(c: ConfigCase): void {
  const { text } = c;
  const parsed = parseConfig(text);
  assert.deepStrictEqual(parseConfig(text), parsed, 'parseConfig is not deterministic');
  assert.ok(Array.isArray(parsed.problems), 'parseConfig: problems is not an array');
  assert.equal(parsed.config !== undefined, parsed.problems.length === 0, 'parseConfig: a config must come with no problems, problems with no config');
  for (const p of parsed.problems) {
    const what = `parseConfig problem ${JSON.stringify(p)}`;
    assert.ok(typeof p.message === 'string' && p.message.length > 0, `${what}: empty message`);
    assert.ok(!/[\r\n]/.test(p.message), `${what}: the message is not one line`);
    const { start, end } = p.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, `${what}: span outside the text (length ${text.length})`);
  }
  checkFindings(configFindings(text), text, 'configFindings');

  if (parsed.config) {
    const applied = applyConfig(DEFAULT_SETTINGS, parsed.config, c.relPath);
    assert.equal(typeof applied.ignored, 'boolean');
    checkFindings(lintText(SAMPLE_MANIFEST, 'yaml', { settings: applied.settings }), SAMPLE_MANIFEST, 'lintText under the config');
    checkFindings(lintText(SAMPLE_DOCKERFILE, 'dockerfile', { settings: applied.settings }), SAMPLE_DOCKERFILE, 'lintText of a Dockerfile under the config');
  }

  // The same text as editor settings (the language server's boundary): never throws.
  let raw: unknown;
  try {
    raw = parseDocument(text, { prettyErrors: false }).toJS({ maxAliasCount: 100 });
  } catch {
    raw = undefined;
  }
  const normalized = normalizeSettings(raw, RULE_IDS);
  assert.ok(Array.isArray(normalized.problems));
  checkFindings(lintText(SAMPLE_MANIFEST, 'yaml', { settings: normalized.settings }), SAMPLE_MANIFEST, 'lintText under the config as editor settings');
}
