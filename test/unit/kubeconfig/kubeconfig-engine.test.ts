// Kubeconfig explorer engine: locate like kubectl, merge several files, lint the merged view, minimal edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { locateKubeconfig } from '../../../shared/kubeconfig/locate';
import {
  mergeKubeconfigs,
  setContextNamespace,
  setCurrentContext,
  findContext,
  type EditResult,
} from '../../../server/src/engine/kubeconfig';
import { dedent, settingsWith } from '../../helpers/rule-tester';

const SECRETS = ['s3cr3t-token-value', 'hunter2-password', 'PRIVATEKEYDATA', 'exec-secret-arg', 'refresh-me-secret'];

const A = dedent(`
  apiVersion: v1
  kind: Config
  # the team's clusters
  clusters:
  - name: prod
    cluster:
      server: https://ops:hunter2-password@api.prod.example.com:6443
      certificate-authority-data: Q0E=
  - name: lab
    cluster:
      server: http://lab.example.com:8080   # plain http
  contexts:
  - name: prod-admin
    context:
      cluster: prod
      user: admin
      namespace: kube-system
  - name: lab
    context: {cluster: lab, user: dev}
  users:
  - name: admin
    user:
      token: s3cr3t-token-value
  - name: dev
    user:
      username: dev
      password: hunter2-password
      client-key-data: PRIVATEKEYDATA
      exec:
        command: get-token
        args: [exec-secret-arg]
  current-context: lab
`);

const B = dedent(`
  apiVersion: v1
  kind: Config
  clusters:
  - name: prod
    cluster:
      server: https://shadowed.example.com
  - name: staging
    cluster:
      server: https://staging.example.com
      insecure-skip-tls-verify: true
  contexts:
  - name: lab
    context:
      cluster: staging
      user: nobody
  - name: staging
    context:
      cluster: staging
      user: sso
      namespace: web
  users:
  - name: sso
    user:
      auth-provider:
        name: oidc
        config:
          refresh-token: refresh-me-secret
  current-context: staging
`);

function ok(r: EditResult): string {
  if (!r.ok) assert.fail(r.error);
  return r.text;
}

/** Old and new text differ only inside the edit; everything else is byte-identical. */
function assertMinimal(before: string, r: EditResult): string {
  const after = ok(r);
  if (!r.ok) return after;
  assert.equal(after.slice(0, r.edit.start), before.slice(0, r.edit.start));
  assert.equal(after.slice(r.edit.start + r.edit.text.length), before.slice(r.edit.end));
  return after;
}

test('locate: explicit file, KUBECONFIG list (empty entries, duplicates, missing files), ~/.kube/config', () => {
  const exists = (p: string) => !p.includes('missing');
  const base = { homedir: '/home/u', platform: 'linux', exists };
  assert.deepEqual(locateKubeconfig({ ...base, env: {} }), { source: 'default', paths: ['/home/u/.kube/config'], existing: ['/home/u/.kube/config'], defaultFile: '/home/u/.kube/config' });
  const list = locateKubeconfig({ ...base, env: { KUBECONFIG: ':/missing/a::/b:/c:/b' } });
  assert.deepEqual(list.paths, ['/missing/a', '/b', '/c']);
  assert.deepEqual(list.existing, ['/b', '/c']);
  assert.equal(list.defaultFile, '/b', 'current-context goes to the first existing file');
  assert.equal(locateKubeconfig({ ...base, env: { KUBECONFIG: '/missing/only' } }).defaultFile, '/missing/only', 'a single entry is the default file even when missing');
  assert.equal(locateKubeconfig({ ...base, env: { KUBECONFIG: '/missing/1:/missing/2' } }).defaultFile, '/missing/2', 'none exists: the last one');
  assert.equal(locateKubeconfig({ ...base, env: { KUBECONFIG: ' : ' } }).source, 'default', 'an all-empty list is unset');
  const win = locateKubeconfig({ homedir: 'C:\\Users\\u', platform: 'win32', exists, env: { KUBECONFIG: 'C:\\a;D:\\b' } });
  assert.deepEqual(win.paths, ['C:\\a', 'D:\\b'], "';' separates on Windows, ':' of drive letters stays");
  assert.equal(locateKubeconfig({ homedir: 'C:\\Users\\u', platform: 'win32', exists, env: {} }).defaultFile, 'C:\\Users\\u\\.kube\\config');
  const explicit = locateKubeconfig({ ...base, env: { KUBECONFIG: '/b' }, explicit: '~/k.yaml' });
  assert.deepEqual(explicit, { source: 'explicit', paths: ['/home/u/k.yaml'], existing: ['/home/u/k.yaml'], defaultFile: '/home/u/k.yaml' });
});

test('merge: single file model, current context, cluster and user display fields', () => {
  const m = mergeKubeconfigs([{ path: '/a', text: A }]);
  assert.equal(m.currentContext, 'lab');
  assert.equal(m.currentContextFile, '/a');
  assert.deepEqual(m.contexts.map((c) => [c.name, c.current, c.namespace]), [['prod-admin', false, 'kube-system'], ['lab', true, undefined]]);
  const prod = findContext(m, 'prod-admin')!;
  assert.equal(prod.clusterInfo?.server, 'https://api.prod.example.com:6443', 'user info is stripped from the URL');
  assert.equal(prod.clusterInfo?.tls, 'verified');
  assert.equal(prod.clusterInfo?.certificateAuthority, 'data');
  assert.deepEqual(prod.userInfo?.authMethods, ['token']);
  assert.deepEqual(findContext(m, 'lab')!.userInfo?.authMethods, ['client-certificate', 'exec', 'basic-auth'].filter((x) => x !== 'client-certificate'));
  assert.equal(prod.line, 13);
  assert.equal(m.files[0]!.status, 'ok');
});

test('merge: the first file wins a name whole and the first current-context; shadowed entries are listed', () => {
  const m = mergeKubeconfigs([{ path: '/a', text: A }, { path: '/b', text: B }]);
  assert.equal(m.currentContext, 'lab');
  assert.equal(m.currentContextFile, '/a');
  assert.deepEqual(m.contexts.map((c) => `${c.name}@${c.file}`), ['prod-admin@/a', 'lab@/a', 'staging@/b']);
  const lab = findContext(m, 'lab')!;
  assert.equal(lab.cluster, 'lab', 'no field-by-field merge: the whole entry of the first file');
  assert.equal(findContext(m, 'prod-admin')!.clusterInfo?.server, 'https://api.prod.example.com:6443');
  assert.deepEqual(
    m.shadowed.map((s) => `${s.list}:${s.name}@${s.file}<${s.winner}`),
    ['clusters:prod@/b</a', 'contexts:lab@/b</a'],
  );
  const staging = findContext(m, 'staging')!;
  assert.equal(staging.clusterInfo?.tls, 'insecure-skip-tls-verify');
  assert.deepEqual(staging.userInfo?.authMethods, ['auth-provider']);
  assert.equal(staging.userInfo?.authProvider, 'oidc');
  // Reversed order: B wins.
  const r = mergeKubeconfigs([{ path: '/b', text: B }, { path: '/a', text: A }]);
  assert.equal(r.currentContext, 'staging');
  assert.equal(findContext(r, 'lab')!.cluster, 'staging');
});

test('merge: missing, unreadable and malformed files do not stop the others', () => {
  const m = mergeKubeconfigs([
    { path: '/gone' },
    { path: '/locked', readError: 'permission denied' },
    { path: '/bad', text: 'apiVersion: v1\nkind: Config\ncontexts: [\n  - name: x\n' },
    { path: '/b', text: B },
  ]);
  assert.deepEqual(m.files.map((f) => f.status), ['missing', 'unreadable', 'malformed', 'ok']);
  assert.equal(m.files[1]!.error, 'permission denied');
  assert.ok(m.files[2]!.error && m.files[2]!.errorLine! >= 1, 'parse error with a line');
  assert.equal(m.currentContext, 'staging');
  assert.deepEqual(m.contexts.map((c) => c.name), ['lab', 'staging']);
  assert.equal(mergeKubeconfigs([{ path: '/two', text: 'a: 1\n---\nb: 2\n' }]).files[0]!.status, 'malformed', 'one document per file');
  assert.equal(mergeKubeconfigs([{ path: '/list', text: '- a\n' }]).files[0]!.status, 'malformed');
  const empty = mergeKubeconfigs([{ path: '/empty', text: '# nothing yet\n' }]);
  assert.equal(empty.files[0]!.status, 'ok', 'an empty file is an empty config');
  assert.deepEqual(empty.contexts, []);
});

test('merge: empty current-context is none; a later file can set it', () => {
  const first = 'apiVersion: v1\nkind: Config\ncurrent-context: ""\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\n';
  const m = mergeKubeconfigs([{ path: '/1', text: first }]);
  assert.equal(m.currentContext, undefined);
  assert.ok(m.contexts.every((c) => !c.current));
  const m2 = mergeKubeconfigs([{ path: '/1', text: first }, { path: '/2', text: 'current-context: a\n' }]);
  assert.equal(m2.currentContext, 'a');
  assert.equal(m2.currentContextFile, '/2');
});

test('lint: findings attach to the contexts they concern; dangling references use the merged names', () => {
  const m = mergeKubeconfigs([{ path: '/a', text: A }, { path: '/b', text: B }]);
  const ids = (name: string) => [...new Set(findContext(m, name)!.findings.map((f) => f.ruleId))].sort();
  assert.deepEqual(ids('prod-admin'), ['kubeconfig-plaintext-token']);
  assert.deepEqual(ids('lab'), ['kubeconfig-basic-auth', 'kubeconfig-plain-http']);
  assert.deepEqual(ids('staging'), ['kubeconfig-insecure-tls', 'kubeconfig-plaintext-token']);
  // B alone: context lab names user "nobody" which no file defines; cluster staging is defined in B.
  const dangling = m.findings.filter((f) => f.ruleId === 'kubeconfig-dangling-reference');
  assert.deepEqual(dangling, [], 'B\'s context lab (user "nobody") is shadowed by A\'s: never used, not reported');
  const bOnly = mergeKubeconfigs([{ path: '/b', text: B }]).findings.filter((f) => f.ruleId === 'kubeconfig-dangling-reference');
  assert.deepEqual(bOnly.map((f) => `${f.file}:${f.line}`), ['/b:15']);
  // A context in one file naming a cluster only another file defines is not dangling.
  const split = mergeKubeconfigs([
    { path: '/ctx', text: 'apiVersion: v1\nkind: Config\ncontexts:\n- name: x\n  context: {cluster: c1, user: u1}\nclusters:\n- name: other\n  cluster: {server: "https://o"}\n' },
    { path: '/defs', text: 'apiVersion: v1\nkind: Config\nclusters:\n- name: c1\n  cluster: {server: "https://c1"}\nusers:\n- name: u1\n  user: {}\n' },
  ]);
  assert.deepEqual(split.findings.filter((f) => f.ruleId === 'kubeconfig-dangling-reference'), []);
  assert.equal(findContext(split, 'x')!.clusterInfo?.server, 'https://c1');
  // Settings turn rules off.
  const off = mergeKubeconfigs([{ path: '/a', text: A }, { path: '/b', text: B }], settingsWith({ rules: { 'kubeconfig-plaintext-token': 'off', 'kubeconfig-dangling-reference': 'off' } }));
  assert.deepEqual(findContext(off, 'prod-admin')!.findings, []);
  assert.ok(!off.findings.some((f) => f.ruleId === 'kubeconfig-dangling-reference'));
});

test('the model never carries secret values', () => {
  const json = JSON.stringify(mergeKubeconfigs([{ path: '/a', text: A }, { path: '/b', text: B }]));
  for (const secret of SECRETS) assert.ok(!json.includes(secret), `model leaks ${secret}`);
});

test('use-context: replace a block value, keep comments, quoting and CRLF', () => {
  const text = 'apiVersion: v1\nkind: Config   # keep me\ncurrent-context: lab # the usual\ncontexts: []\n';
  assert.equal(ok(setCurrentContext(text, 'prod-admin')), text.replace('lab #', 'prod-admin #'));
  const quoted = "\"current-context\": 'lab'\n";
  assert.equal(assertMinimal(quoted, setCurrentContext(quoted, "it's")), "\"current-context\": 'it''s'\n");
  const dq = 'current-context: "lab"\n';
  assert.equal(ok(setCurrentContext(dq, 'a b')), 'current-context: "a b"\n');
  const crlf = 'apiVersion: v1\r\nkind: Config\r\ncurrent-context: lab\r\nclusters: []\r\n';
  assert.equal(assertMinimal(crlf, setCurrentContext(crlf, 'x')), 'apiVersion: v1\r\nkind: Config\r\ncurrent-context: x\r\nclusters: []\r\n');
  // Names that need quotes get them.
  for (const name of ['true', '123', 'a: b', 'x #y', '[z]', '', 'arn:aws:eks:eu-west-1:1234:cluster/prod', 'gke_proj_zone_name']) {
    const r = setCurrentContext(text, name);
    assert.equal(parse(ok(r))['current-context'], name, name);
  }
  assert.equal(ok(setCurrentContext(text, 'arn:aws:eks:eu-west-1:1234:cluster/prod')).includes('current-context: arn:aws:eks:eu-west-1:1234:cluster/prod #'), true, 'plain when safe');
});

test('use-context: empty or missing current-context, flow root, empty file', () => {
  const empty = 'apiVersion: v1\nkind: Config\ncurrent-context:\nusers: []\n';
  assert.equal(assertMinimal(empty, setCurrentContext(empty, 'a')), 'apiVersion: v1\nkind: Config\ncurrent-context: a\nusers: []\n');
  const emptyComment = 'current-context: # none\nkind: Config\n';
  assert.equal(ok(setCurrentContext(emptyComment, 'a')), 'current-context: a # none\nkind: Config\n');
  const emptyQuoted = 'kind: Config\ncurrent-context: ""\n';
  // kubectl quotes an empty value (`current-context: ""`) and writes a name plain: the quotes are not kept (issue 20).
  assert.equal(ok(setCurrentContext(emptyQuoted, 'a')), 'kind: Config\ncurrent-context: a\n');
  assert.equal(ok(setCurrentContext("kind: Config\ncurrent-context: ''\n", 'a')), 'kind: Config\ncurrent-context: a\n');
  assert.equal(ok(setCurrentContext(emptyQuoted, 'yes')), 'kind: Config\ncurrent-context: "yes"\n', 'quoted where a plain value would not read back');
  assert.equal(ok(setCurrentContext("kind: Config\ncurrent-context: 'old'\n", 'a')), "kind: Config\ncurrent-context: 'a'\n", 'a non-empty value keeps its style');
  const missing = 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token-file: /t # c\n';
  assert.equal(assertMinimal(missing, setCurrentContext(missing, 'a')), missing.replace('kind: Config\n', 'current-context: a\nkind: Config\n'), 'sorted keys: in sorted place');
  const unsorted = 'kind: Config\napiVersion: v1\nusers: []\n';
  assert.equal(assertMinimal(unsorted, setCurrentContext(unsorted, 'a')), unsorted + 'current-context: a\n', 'unsorted keys: at the end');
  const noEol = 'kind: Config\r\napiVersion: v1';
  assert.equal(ok(setCurrentContext(noEol, 'a')), 'kind: Config\r\napiVersion: v1\r\ncurrent-context: a');
  assert.equal(ok(setCurrentContext('apiVersion: v1\r\nkind: Config', 'a')), 'apiVersion: v1\r\ncurrent-context: a\r\nkind: Config');
  const flow = '{apiVersion: v1, kind: Config, contexts: []}\n';
  assert.equal(ok(setCurrentContext(flow, 'a')), '{apiVersion: v1, kind: Config, contexts: [], current-context: a}\n');
  assert.equal(ok(setCurrentContext('', 'a')), 'apiVersion: v1\nkind: Config\ncurrent-context: a\n');
  assert.equal(ok(setCurrentContext('# only a comment\n', 'a')), '# only a comment\napiVersion: v1\nkind: Config\ncurrent-context: a\n');
  const bad = setCurrentContext('kind: Config\ncontexts: [\n', 'a');
  assert.equal(bad.ok, false, 'a malformed file is never edited');
});

test('set-namespace: replace, insert into block and flow context maps, odd indentation, CRLF', () => {
  const r1 = setContextNamespace(A, 'prod-admin', 'monitoring');
  assert.equal(assertMinimal(A, r1), A.replace('namespace: kube-system', 'namespace: monitoring'));
  const r2 = setContextNamespace(A, 'lab', 'web');
  assert.equal(assertMinimal(A, r2), A.replace('context: {cluster: lab, user: dev}', 'context: {cluster: lab, namespace: web, user: dev}'));
  const odd = 'contexts:\n    -   name: odd\n        context:\n              cluster: c   # trailing\n              user: u\n# after\nkind: Config\napiVersion: v1\n';
  assert.equal(assertMinimal(odd, setContextNamespace(odd, 'odd', 'ns')), odd.replace('              user: u\n', '              namespace: ns\n              user: u\n'));
  const crlf = 'apiVersion: v1\r\nkind: Config\r\ncontexts:\r\n- name: c\r\n  context:\r\n    cluster: x\r\n    user: y\r\n';
  assert.equal(assertMinimal(crlf, setContextNamespace(crlf, 'c', 'ns')), crlf.replace('    user: y\r\n', '    namespace: ns\r\n    user: y\r\n'));
  // Comment lines right above the entry the new key goes before stay with that entry.
  const commented = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n    cluster: x # the cluster\n    # who we are\n    user: y\n';
  assert.equal(assertMinimal(commented, setContextNamespace(commented, 'c', 'ns')), commented.replace('    # who we are\n', '    namespace: ns\n    # who we are\n'));
  // Keys not in sorted order: the new key goes at the end.
  const unsortedBody = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n    user: y\n    cluster: x\n';
  assert.equal(assertMinimal(unsortedBody, setContextNamespace(unsortedBody, 'c', 'ns')), unsortedBody + '    namespace: ns\n');
  const noEol = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n    cluster: x';
  assert.equal(ok(setContextNamespace(noEol, 'c', 'ns')), noEol + '\n    namespace: ns');
  const emptyFlow = 'apiVersion: v1\nkind: Config\ncontexts:\n- {name: c, context: {}}\n';
  assert.equal(ok(setContextNamespace(emptyFlow, 'c', 'ns')), emptyFlow.replace('{}', '{namespace: ns}'));
  const trailingComma = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context: {cluster: x, }\n';
  assert.equal(parse(ok(setContextNamespace(trailingComma, 'c', 'ns'))).contexts[0].context.namespace, 'ns');
  const noBody = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n';
  assert.equal(parse(ok(setContextNamespace(noBody, 'c', 'ns'))).contexts[0].context.namespace, 'ns');
  const quotedKey = 'apiVersion: v1\nkind: Config\ncontexts:\n- "name": c\n  "context":\n    "namespace": \'old\'\n';
  assert.equal(ok(setContextNamespace(quotedKey, 'c', 'new')), quotedKey.replace("'old'", "'new'"));
  const emptyNs = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n    namespace:\n    cluster: x\n';
  assert.equal(ok(setContextNamespace(emptyNs, 'c', 'ns')), emptyNs.replace('namespace:\n', 'namespace: ns\n'));
  assert.equal(setContextNamespace(A, 'nope', 'x').ok, false);
  const dup = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context: {namespace: first}\n- name: c\n  context: {namespace: second}\n';
  assert.equal(ok(setContextNamespace(dup, 'c', 'x')), dup.replace('first', 'x'), 'the first definition, as kubectl reads it');
  const block = 'apiVersion: v1\nkind: Config\ncontexts:\n- name: c\n  context:\n    namespace: |\n      multi\n';
  assert.equal(setContextNamespace(block, 'c', 'x').ok, false, 'block scalars are left alone');
});

test('property: any name or namespace is written so that it reads back, with nothing else changed', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const texts = [A, A.replace(/\n/g, '\r\n'), A.replace('current-context: lab\n', ''), A.replace('current-context: lab', "current-context: 'lab'")];
  fc.assert(
    fc.property(fc.constantFrom(...texts), fc.string({ unit: 'binary', maxLength: 20 }), (text, name) => {
      const r = setCurrentContext(text, name);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assertMinimal(text, r);
      assert.equal(parse(r.text)['current-context'], name);
    }),
    { numRuns: 150 },
  );
  fc.assert(
    fc.property(fc.constantFrom(...texts), fc.constantFrom('prod-admin', 'lab'), fc.string({ unit: 'binary', maxLength: 20 }), (text, ctx, ns) => {
      const r = setContextNamespace(text, ctx, ns);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assertMinimal(text, r);
      const contexts = parse(r.text).contexts as Array<{ name: string; context: { namespace?: string } }>;
      assert.equal(contexts.find((c) => c.name === ctx)!.context.namespace, ns);
    }),
    { numRuns: 150 },
  );
});

test('names kubectl reads as YAML 1.1 booleans or numbers are written quoted (fast-check found namespace "n")', () => {
  for (const value of ['n', 'y', 'yes', 'On', 'off', '0755', '0x1F', '~']) {
    const ns = setContextNamespace(A, 'prod-admin', value);
    assert.ok(ns.ok, ns.ok ? '' : ns.error);
    assert.match(ns.text, new RegExp(`namespace: "${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    const cc = setCurrentContext(A, value);
    assert.ok(cc.ok, cc.ok ? '' : cc.error);
    assert.match(cc.text, new RegExp(`current-context: "${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  }
});
