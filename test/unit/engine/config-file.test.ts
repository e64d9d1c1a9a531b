// .shipshape.yaml: parsing and validation (every key, every kind of problem, exact spans), applyConfig's
// semantics, and exemptions by container and by path end to end through lintText.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyConfig, configFindings, parseConfig, type ShipshapeConfig } from '../../../server/src/engine/config/config-file';
import { DEFAULT_SETTINGS, DEFAULT_TRUSTED_REGISTRIES } from '../../../server/src/engine/config/settings';
import { lintText } from '../../../server/src/engine/lint';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { dedent } from '../../helpers/rule-tester';

/** Problems as [text the span covers, message]. */
function problems(text: string): [string, string][] {
  const r = parseConfig(text);
  assert.equal(r.config, undefined, 'an invalid config is never returned');
  return r.problems.map((p) => [text.slice(p.span.start, p.span.end), p.message]).sort((a, b) => text.indexOf(a[0]) - text.indexOf(b[0])) as [string, string][];
}

function valid(text: string): ShipshapeConfig {
  const r = parseConfig(text);
  assert.deepEqual(r.problems, [], text);
  assert.ok(r.config);
  return r.config;
}

const FULL = dedent(`
  profile: baseline
  rules:
    image-not-pinned: warning
    default-service-account: off
    host-path-volume:
      severity: error
      options:
        allowedPaths: ["/var/log"]
    secret-in-env: { severity: info }
  trustedRegistries:
    extendDefaults: true
    registries:
      - ghcr.io/acme
      - "*.dkr.ecr.eu-west-1.amazonaws.com"
  exemptions:
    - rules: [privileged-container, capabilities-not-dropped]
      container: istio-init
      reason: mesh init container, SEC-142
    - rules: [host-network]
      kind: DaemonSet
      namespace: kube-system
      name: "node-exporter*"
      reason: node metrics
    - rules: ["*"]
      paths: ["vendor/charts/**"]
      reason: upstream charts
  ignorePaths:
    - "charts/*/templates/**"
  allowAnnotationExemptions: false
  allowInlineSuppressions: true
  schemaValidation: false
`);

test('a config using every key is valid and read as written', () => {
  const c = valid(FULL);
  assert.equal(c.profile, 'baseline');
  assert.deepEqual(c.rules, {
    'image-not-pinned': 'warning',
    'default-service-account': 'off',
    'host-path-volume': { severity: 'error', options: { allowedPaths: ['/var/log'] } },
    'secret-in-env': { severity: 'info' },
  });
  assert.deepEqual(c.trustedRegistries, { extendDefaults: true, registries: ['ghcr.io/acme', '*.dkr.ecr.eu-west-1.amazonaws.com'] });
  assert.equal(c.exemptions?.length, 3);
  assert.deepEqual(c.exemptions?.[1], { rules: ['host-network'], kind: 'DaemonSet', namespace: 'kube-system', name: 'node-exporter*', reason: 'node metrics' });
  assert.deepEqual(c.ignorePaths, ['charts/*/templates/**']);
  assert.equal(c.allowAnnotationExemptions, false);
  assert.equal(c.allowInlineSuppressions, true);
  assert.equal(c.schemaValidation, false);
  assert.deepEqual(configFindings(FULL), []);
});

test('empty and comment-only configs are valid; a list form of trustedRegistries too', () => {
  assert.deepEqual(valid(''), {});
  assert.deepEqual(valid('# nothing yet\n'), {});
  assert.deepEqual(valid('trustedRegistries: [ghcr.io/acme]\n').trustedRegistries, ['ghcr.io/acme']);
  assert.deepEqual(valid('rules: {}\nexemptions: []\n'), { rules: {}, exemptions: [] });
});

test('wrong types are reported on the value with the key path', () => {
  const text = 'profile: strict\nrules: [a]\nallowInlineSuppressions: "yes"\nignorePaths: vendor/**\n';
  assert.deepEqual(problems(text), [
    ['strict', 'profile: must be one of baseline, restricted, got "strict"'],
    ['[a]', 'rules: must be a map, got ["a"]'],
    ['"yes"', 'allowInlineSuppressions: must be true or false, got "yes"'],
    ['vendor/**', 'ignorePaths: must be a list, got "vendor/**"'],
  ]);
  assert.deepEqual(problems('- a\n- b\n'), [['- a\n- b\n', 'the file: must be a map, got ["a","b"]']]);
});

test('unknown keys are reported on the key with a did-you-mean hint', () => {
  assert.deepEqual(problems('profil: baseline\n'), [['profil', 'unknown key "profil" (did you mean "profile"?)']]);
  const text = dedent(`
    exemptions:
      - rules: [host-network]
        containr: istio-proxy
        reason: x
  `);
  assert.deepEqual(problems(text), [['containr', 'exemptions[0]: unknown key "containr" (did you mean "container"?)']]);
  assert.deepEqual(problems('trustedRegistries:\n  registries: [a]\n  extendDefault: true\n'), [['extendDefault', 'trustedRegistries: unknown key "extendDefault" (did you mean "extendDefaults"?)']]);
  // Too far from any key for a hint: the allowed keys are listed.
  assert.deepEqual(problems('trustedRegistries:\n  registries: [a]\n  extend: true\n'), [['extend', 'trustedRegistries: unknown key "extend" (expected one of registries, extendDefaults)']]);
  const [[at, message]] = problems('zzzzzzzz: 1\n') as [[string, string]];
  assert.equal(at, 'zzzzzzzz');
  assert.match(message, /^unknown key "zzzzzzzz" \(expected one of profile, rules, /);
});

test('unknown rule ids in rules and in exemptions are reported with a hint', () => {
  assert.deepEqual(problems('rules:\n  privileged-containr: off\n'), [['privileged-containr', 'rules: unknown rule id "privileged-containr" (did you mean "privileged-container"?)']]);
  assert.deepEqual(problems('exemptions:\n  - rules: [host-network, host-netwrk]\n    reason: x\n'), [
    ['host-netwrk', 'exemptions[0].rules[1]: unknown rule id "host-netwrk" (did you mean "host-network"?); use a rule id or "*"'],
  ]);
  assert.deepEqual(problems('exemptions:\n  - rules: []\n    reason: x\n'), [['[]', 'exemptions[0].rules: must list at least one entry']]);
});

test('a missing or empty reason is reported', () => {
  const missing = 'exemptions:\n  - rules: [host-network]\n    kind: DaemonSet\n';
  assert.deepEqual(problems(missing), [['rules: [host-network]\n    kind: DaemonSet\n', 'exemptions[0]: missing required key "reason" (every exemption says why it is justified)']]);
  assert.deepEqual(problems('exemptions:\n  - rules: [host-network]\n    reason: ""\n'), [['""', 'exemptions[0].reason: must not be empty']]);
  assert.deepEqual(problems('exemptions:\n  - rules: [host-network]\n    reason: "   "\n'), [['"   "', 'exemptions[0].reason: must not be empty']]);
  const nullReason = 'exemptions:\n  - rules: [host-network]\n    reason:\n';
  const r = parseConfig(nullReason);
  assert.deepEqual(r.problems.map((p) => p.message), ['exemptions[0].reason: must be a string, got null']);
  const at = r.problems[0]!.span;
  assert.equal(nullReason.slice(at.start, at.end), 'reason', 'an empty value is reported on its key, never on an empty range');
});

test('a bad severity and options on a rule without options are reported', () => {
  assert.deepEqual(problems('rules:\n  host-network: loud\n'), [['loud', 'rules.host-network: must be one of off, info, warning, error, got "loud"']]);
  assert.deepEqual(problems('rules:\n  host-network: { severity: warning, options: { x: 1 } }\n'), [['options', 'rules.host-network: this rule takes no options']]);
  assert.deepEqual(problems('rules:\n  host-network: { severity: high }\n'), [['high', 'rules.host-network.severity: must be one of off, info, warning, error, got "high"']]);
  // Options of a rule that takes them are validated against its options schema.
  const bad = problems('rules:\n  host-path-volume: { options: { allowedPaths: "/var/log" } }\n');
  assert.equal(bad.length, 1);
  assert.equal(bad[0]![0], '"/var/log"');
  assert.match(bad[0]![1], /^rules\.host-path-volume\.options\.allowedPaths: must be a list/);
});

test('YAML syntax errors and duplicate keys are reported at their place', () => {
  const syntax = problems('rules:\n  host-network: [off\n');
  assert.equal(syntax.length >= 1, true);
  const dup = 'profile: baseline\nprofile: restricted\n';
  const r = parseConfig(dup);
  assert.equal(r.config, undefined);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.span.start, dup.indexOf('profile', 1));
  assert.match(r.problems[0]!.message, /unique/);
});

test('an alias bomb (billion laughs) is refused, not expanded', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const r = parseConfig(lines.join('\n') + '\n');
  assert.equal(r.config, undefined);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /alias/i);
});

test('configFindings are invalid-config errors with the problems\' spans', () => {
  const text = 'profil: baseline\nrules:\n  host-netwrok: off\n';
  const fs = configFindings(text);
  assert.deepEqual(fs.map((f) => [f.ruleId, f.severity, text.slice(f.span.start, f.span.end)]).sort(), [
    ['invalid-config', 'error', 'host-netwrok'],
    ['invalid-config', 'error', 'profil'],
  ]);
  assert.deepEqual(configFindings(text, { ...DEFAULT_SETTINGS, rules: { 'invalid-config': 'off' } }), []);
});

test('applyConfig: the config wins over the base settings for what it sets', () => {
  const base = { ...DEFAULT_SETTINGS, profile: 'restricted' as const, rules: { 'host-network': 'info' as const, 'host-pid': 'info' as const }, allowAnnotationExemptions: true };
  const { settings, ignored } = applyConfig(base, valid(FULL), 'manifests/app.yaml');
  assert.equal(ignored, false);
  assert.equal(settings.profile, 'baseline');
  assert.equal(settings.rules['host-network'], 'info', 'a rule the config does not set keeps the base value');
  assert.equal(settings.rules['image-not-pinned'], 'warning');
  assert.equal(settings.rules['default-service-account'], 'off');
  assert.equal(settings.rules['host-path-volume'], 'error');
  assert.deepEqual(settings.ruleOptions['host-path-volume'], { allowedPaths: ['/var/log'] });
  assert.equal(settings.rules['secret-in-env'], 'info');
  assert.equal(settings.allowAnnotationExemptions, false);
  assert.equal(settings.schemaValidation, false);
  // Unset keys keep the base values.
  const same = applyConfig(base, {}, 'x.yaml').settings;
  assert.deepEqual(same, { ...base, rules: base.rules, ruleOptions: base.ruleOptions, exemptions: [] });
});

test('applyConfig: trustedRegistries as a list replaces, with extendDefaults extends the defaults', () => {
  const base = { ...DEFAULT_SETTINGS, trustedRegistries: ['corp.example'] };
  assert.deepEqual(applyConfig(base, valid('trustedRegistries: [" ghcr.io/acme "]\n'), 'a.yaml').settings.trustedRegistries, ['ghcr.io/acme']);
  assert.deepEqual(applyConfig(base, valid('trustedRegistries: { registries: [ghcr.io/acme], extendDefaults: true }\n'), 'a.yaml').settings.trustedRegistries, [
    ...DEFAULT_TRUSTED_REGISTRIES,
    'ghcr.io/acme',
  ]);
  assert.deepEqual(applyConfig(base, valid('trustedRegistries: { registries: [ghcr.io/acme] }\n'), 'a.yaml').settings.trustedRegistries, ['ghcr.io/acme']);
  assert.deepEqual(applyConfig(base, valid('profile: baseline\n'), 'a.yaml').settings.trustedRegistries, ['corp.example']);
});

test('applyConfig: exemptions are kept only where their paths match; ignorePaths', () => {
  const c = valid(FULL);
  const at = (rel: string) => applyConfig(DEFAULT_SETTINGS, c, rel);
  assert.equal(at('manifests/app.yaml').settings.exemptions.length, 2);
  const vendored = at('vendor/charts/redis/templates/sts.yaml').settings.exemptions;
  assert.equal(vendored.length, 3);
  assert.deepEqual(vendored[2], { rules: ['*'], reason: 'upstream charts' }, 'paths are dropped once matched');
  assert.equal(at('vendor/other.yaml').settings.exemptions.length, 2);
  assert.equal(at('charts/redis/templates/sts.yaml').ignored, true);
  assert.equal(at('charts/redis/values.yaml').ignored, false);
  assert.equal(at('x/charts/redis/templates/sts.yaml').ignored, false, 'globs are relative to the config folder');
  assert.equal(applyConfig(DEFAULT_SETTINGS, valid('ignorePaths: ["**/.hidden/**"]\n'), 'a/.hidden/b.yaml').ignored, true, 'dot files match');
});

test('globs that cannot match what was meant are reported on the entry, quoted short', () => {
  const long = 'a'.repeat(70000); // over picomatch's maximum pattern length
  const text = `ignorePaths: [ok/**, "${long}"]\nexemptions:\n  - rules: ["*"]\n    container: "${long}"\n    reason: x\n`;
  const r = problems(text);
  assert.deepEqual(r.map(([at]) => at.length), [long.length + 2, long.length + 2]);
  assert.match(r[0]![1], /^ignorePaths\[1\]: the glob "a{57}\.\.\." cannot be compiled/);
  assert.match(r[1]![1], /^exemptions\[0\]\.container: the glob "a{57}\.\.\." cannot be compiled/);
  assert.ok(r.every(([, m]) => m.length < 200), 'one short line each');

  const paths = 'ignorePaths: ["/abs/**", "../x/**", "vendor\\\\charts", "[abc", "{a,b", "ok/**", "a/(b|c)/*.yaml", "x/[]]/*", "esc\\\\[/*"]\n';
  assert.deepEqual(problems(paths), [
    ['"/abs/**"', 'ignorePaths[0]: the glob "/abs/**" is absolute: paths are relative to the folder of the configuration file'],
    ['"../x/**"', 'ignorePaths[1]: the glob "../x/**" has a ".." segment: paths are relative to the folder of the configuration file and cannot leave it'],
    ['"vendor\\\\charts"', 'ignorePaths[2]: the glob "vendor\\\\charts" uses "\\" as a separator: write paths with "/"'],
    ['"[abc"', 'ignorePaths[3]: the glob "[abc" has an unclosed "["'],
    ['"{a,b"', 'ignorePaths[4]: the glob "{a,b" has an unclosed "{"'],
  ]);
  // Name globs: brackets are checked, slashes and dots are not path problems there.
  const names = 'exemptions:\n  - rules: ["*"]\n    name: "web-{a,b"\n    namespace: "../team"\n    container: "side)car"\n    reason: x\n';
  assert.deepEqual(problems(names), [
    ['"web-{a,b"', 'exemptions[0].name: the glob "web-{a,b" has an unclosed "{"'],
    ['"side)car"', 'exemptions[0].container: the glob "side)car" has an unmatched ")" at position 5'],
  ]);
});

const AGENT = dedent(`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: node-agent
    namespace: kube-system
  spec:
    selector:
      matchLabels:
        app: agent
    template:
      metadata:
        labels:
          app: agent
      spec:
        initContainers:
          - name: istio-init
            image: nginx:1.27
            securityContext:
              privileged: true
        containers:
          - name: agent
            image: nginx:1.27
            securityContext:
              privileged: true
`);

const ONLY = `rules:\n${[...RULE_IDS].map((id) => `  ${id}: ${id === 'privileged-container' || id === 'host-network' ? 'error' : 'off'}`).join('\n')}\n`;
const found = (config: string, rel: string, text = AGENT) => {
  const applied = applyConfig(DEFAULT_SETTINGS, valid(ONLY + config), rel);
  return applied.ignored ? 'ignored' : lintText(text, 'yaml', { settings: applied.settings }).map((f) => `${f.ruleId}:${f.container ?? '-'}`);
};

test('end to end: an exemption by container exempts that container only', () => {
  assert.deepEqual(found('', 'a.yaml'), ['privileged-container:istio-init', 'privileged-container:agent']);
  const byContainer = 'exemptions:\n  - rules: [privileged-container]\n    container: "istio-*"\n    reason: mesh\n';
  assert.deepEqual(found(byContainer, 'a.yaml'), ['privileged-container:agent']);
  const wrongNamespace = 'exemptions:\n  - rules: [privileged-container]\n    container: istio-init\n    namespace: default\n    reason: mesh\n';
  assert.deepEqual(found(wrongNamespace, 'a.yaml'), ['privileged-container:istio-init', 'privileged-container:agent']);
  const byObject = 'exemptions:\n  - rules: [privileged-container]\n    kind: DaemonSet\n    name: "node-*"\n    namespace: kube-system\n    reason: agent\n';
  assert.deepEqual(found(byObject, 'a.yaml'), []);
  const otherRule = 'exemptions:\n  - rules: [host-network]\n    container: "*"\n    reason: x\n';
  assert.deepEqual(found(otherRule, 'a.yaml'), ['privileged-container:istio-init', 'privileged-container:agent']);
});

test('end to end: an exemption by path applies only to files under it; "*" exempts every rule', () => {
  const byPath = 'exemptions:\n  - rules: ["*"]\n    paths: ["vendor/**"]\n    reason: upstream\n';
  assert.deepEqual(found(byPath, 'vendor/chart/agent.yaml'), []);
  assert.deepEqual(found(byPath, 'deploy/agent.yaml'), ['privileged-container:istio-init', 'privileged-container:agent']);
  assert.equal(found('ignorePaths: ["vendor/**"]\n', 'vendor/agent.yaml'), 'ignored');
  // Exemptions do not remove unused-suppression findings.
  const stale = '# shipshape-disable host-network\n' + AGENT;
  const withUnused = ONLY.replace('unused-suppression: off', 'unused-suppression: info');
  const applied = applyConfig(DEFAULT_SETTINGS, valid(withUnused + byPath), 'vendor/a.yaml');
  assert.deepEqual(lintText(stale, 'yaml', { settings: applied.settings }).map((f) => f.ruleId), ['unused-suppression']);
  // And the same exemptions apply to Dockerfiles (by path).
  const df = 'FROM alpine:3.20\nUSER root\n';
  const dfSettings = (rel: string) => applyConfig(DEFAULT_SETTINGS, valid('exemptions:\n  - rules: [dockerfile-root-user]\n    paths: ["legacy/**"]\n    reason: old\n'), rel).settings;
  assert.ok(!lintText(df, 'dockerfile', { settings: dfSettings('legacy/Dockerfile') }).some((f) => f.ruleId === 'dockerfile-root-user'));
  assert.ok(lintText(df, 'dockerfile', { settings: dfSettings('Dockerfile') }).some((f) => f.ruleId === 'dockerfile-root-user'));
});

test('a config of 40,000 unknown rule ids: 50 problems listed and one saying how many more', { timeout: 60_000 }, () => {
  const text = `rules:\n${Array.from({ length: 40_000 }, (_, i) => `  no-rule-${i}: off`).join('\n')}\n`;
  const r = parseConfig(text);
  assert.equal(r.config, undefined);
  assert.equal(r.problems.length, 51);
  assert.match(r.problems[0]!.message, /^rules: unknown rule id "no-rule-0"/);
  assert.equal(r.problems[50]!.message, '39,950 more problems are not listed: fix these first');
  assert.equal(text.slice(r.problems[50]!.span.start, r.problems[50]!.span.end), 'no-rule-50');
});

test('a duplicate key after 40,000 keys is found (a linear check: the library compares every pair)', { timeout: 20_000 }, () => {
  const text = `ignorePaths:\n  - a\nrules:\n${Array.from({ length: 40_000 }, (_, i) => `  r${i}: off`).join('\n')}\n  r7: error\n`;
  const r = parseConfig(text);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /unique/);
  assert.equal(r.problems[0]!.span.start, text.lastIndexOf('r7'));
});
