// The kubeconfig explorer's logic without VS Code: tree nodes, status bar, quick picks, protected contexts,
// settings normalisation, and package.json contributions (view, commands, menus, welcome, icon).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeKubeconfigs } from '../../../server/src/engine/kubeconfig';
import { buildTree, contextNameOf, contextPicks, DEFAULT_PROTECTED_CONTEXTS, isProtected, ITEM, statusBar, viewState, type TreeNode } from '../../../client/src/kubeconfig/tree-model';
import { KUBECONFIG_COMMAND_IDS, KUBECONFIG_COMMANDS, KUBECONFIG_VIEW, namespaceProblem, type KubeconfigActions } from '../../../client/src/kubeconfig/commands';
import { explorerSettings } from '../../../client/src/kubeconfig/settings';
import { COMMANDS } from '../../../client/src/commands';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const CONFIG = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://admin:PASS-SECRET-1@api.prod.example.com
    insecure-skip-tls-verify: true
- name: dev
  cluster: {server: "https://dev.example.com", certificate-authority-data: Q0E=}
contexts:
- name: prod-eu
  context: {cluster: prod, user: admin, namespace: payments}
- name: dev
  context: {cluster: dev, user: dev}
- name: ghost
  context: {cluster: nowhere, user: dev}
users:
- name: admin
  user:
    token: TOKEN-SECRET-2
- name: dev
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: KEY-SECRET-3
    exec: {command: aws, args: [eks, get-token, ARG-SECRET-4], env: [{name: X, value: ENV-SECRET-5}]}
current-context: dev
`;

const model = () => mergeKubeconfigs([{ path: '/home/me/.kube/config', text: CONFIG }]);

function walk(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...walk(n.children ?? [])]);
}

test('one node per context; the current one marked; children: cluster, user, namespace, file, findings', () => {
  const roots = buildTree(model());
  assert.deepEqual(roots.map((r) => r.label), ['prod-eu', 'dev', 'ghost']);
  const dev = roots[1]!;
  assert.equal(dev.contextValue, ITEM.currentContext);
  assert.equal(dev.description, 'current');
  assert.equal(dev.icon?.id, 'pass-filled');
  assert.deepEqual(dev.children!.map((c) => c.label), ['Cluster: dev', 'User: dev', 'Namespace: default', 'File: config']);
  assert.equal(dev.children![0]!.description, 'https://dev.example.com · TLS verified');
  assert.equal(dev.children![0]!.server, 'https://dev.example.com');
  assert.equal(dev.children![1]!.description, 'client certificate, exec plugin');
  assert.equal(dev.children![2]!.description, 'not set');
  assert.deepEqual(dev.children![3]!.reveal, { file: '/home/me/.kube/config', line: 13 });
  const prod = roots[0]!;
  assert.equal(prod.contextValue, ITEM.context);
  assert.equal(prod.description, 'ns: payments · protected');
  assert.equal(prod.icon?.id, 'error', 'findings win the icon');
  assert.match(prod.tooltip!, /Findings:\n- error: .*kubeconfig-insecure-tls/);
  assert.match(prod.tooltip!, /kubeconfig-plaintext-token/);
  assert.equal(prod.children![0]!.description, 'https://api.prod.example.com · TLS NOT verified (insecure-skip-tls-verify)');
  assert.equal(prod.children![0]!.icon?.id, 'unlock');
  assert.ok(prod.children!.some((c) => c.contextValue === ITEM.finding && c.description === 'kubeconfig-insecure-tls'));
  const ghost = roots[2]!;
  assert.equal(ghost.children![0]!.description, 'not defined in any file');
  assert.match(ghost.tooltip!, /kubeconfig-dangling-reference/);
  assert.equal(new Set(walk(roots).map((n) => n.id)).size, walk(roots).length, 'ids are unique');
});

test('issue 20: after switching, the current context is marked by its icon, its findings in words and in the tooltip', () => {
  const switched = buildTree(mergeKubeconfigs([{ path: '/k', text: CONFIG.replace('current-context: dev', 'current-context: prod-eu') }]));
  const prod = switched.find((n) => n.label === 'prod-eu')!;
  assert.equal(prod.contextValue, ITEM.currentContext);
  assert.deepEqual(prod.icon, { id: 'pass-filled', color: 'problemsErrorIcon.foreground' }, 'the check mark, coloured by the worst finding');
  assert.match(prod.description!, /^current · ns: payments · protected · \d+ errors?(, \d+ warnings?)?$/);
  assert.match(prod.tooltip!, /^Context prod-eu \(current\)/);
  assert.match(prod.tooltip!, /Findings:\n- error: /);
  const dev = switched.find((n) => n.label === 'dev')!;
  assert.equal(dev.contextValue, ITEM.context);
  assert.notEqual(dev.icon?.id, 'pass-filled', 'only the current context has the check mark');
  assert.ok(!dev.description?.includes('current'));
  // The other way round: a context with findings that is not current shows its worst finding.
  assert.equal(buildTree(model()).find((n) => n.label === 'prod-eu')!.icon?.id, 'error');
});

test('no secret value in any label, description or tooltip', () => {
  const text = JSON.stringify(walk(buildTree(model()))) + JSON.stringify(statusBar(model())) + JSON.stringify(contextPicks(model()));
  for (const s of ['PASS-SECRET-1', 'TOKEN-SECRET-2', 'KEY-SECRET-3', 'ARG-SECRET-4', 'ENV-SECRET-5', 'admin:']) assert.ok(!text.includes(s), s);
});

test('protected contexts: globs, case-insensitive, bad patterns ignored', () => {
  assert.ok(isProtected('prod-eu', DEFAULT_PROTECTED_CONTEXTS));
  assert.ok(isProtected('gke_acme_PRODUCTION_x', DEFAULT_PROTECTED_CONTEXTS));
  assert.ok(isProtected('arn:aws:eks:eu-west-1:1:cluster/prod', DEFAULT_PROTECTED_CONTEXTS), 'slashes do not stop *');
  assert.ok(!isProtected('dev', DEFAULT_PROTECTED_CONTEXTS));
  assert.ok(!isProtected('prod', []));
  assert.ok(isProtected('live-1', ['live-*']));
  assert.ok(!isProtected('x', ['', '  ']));
  const roots = buildTree(model(), ['dev']);
  assert.equal(roots[0]!.description, 'ns: payments', 'prod-eu not protected with a custom list');
  assert.equal(roots[1]!.description, 'current · protected');
});

test('status bar shows the current context and namespace; picks list every context', () => {
  assert.deepEqual(statusBar(model()), { text: '$(symbol-namespace) dev: default', tooltip: 'Kubeconfig context dev, namespace default. Click to switch.', warning: false });
  const prod = mergeKubeconfigs([{ path: '/k', text: CONFIG.replace('current-context: dev', 'current-context: prod-eu') }]);
  assert.equal(statusBar(prod).text, '$(shield) prod-eu: payments');
  assert.equal(statusBar(prod).warning, true);
  const none = mergeKubeconfigs([{ path: '/k', text: CONFIG.replace('current-context: dev', '') }]);
  assert.equal(statusBar(none).text, '$(symbol-namespace) no context');
  const picks = contextPicks(model());
  assert.deepEqual(picks.map((p) => p.name), ['prod-eu', 'dev', 'ghost']);
  assert.equal(picks[1]!.label, '$(pass-filled) dev');
  assert.equal(picks[0]!.label, '$(shield) prod-eu');
  assert.equal(picks[0]!.detail, 'https://api.prod.example.com');
});

test('view state and error nodes: no files, empty config, malformed file', () => {
  assert.equal(viewState(mergeKubeconfigs([{ path: '/missing' }])), 'none');
  assert.equal(viewState(mergeKubeconfigs([{ path: '/empty', text: '' }])), 'empty');
  assert.equal(viewState(model()), 'ok');
  const broken = mergeKubeconfigs([{ path: '/bad/config', text: 'kind: Config\ncontexts: [\n' }, { path: '/ok', text: CONFIG }]);
  assert.equal(viewState(broken), 'ok');
  const roots = buildTree(broken);
  assert.equal(roots[0]!.contextValue, ITEM.fileError);
  assert.equal(roots[0]!.label, 'config: does not parse');
  assert.match(roots[0]!.tooltip!, /^\/bad\/config:\d+\n.+\nNothing is written to this file until it is fixed\.$/);
  assert.equal(roots.length, 4);
  assert.equal(viewState(mergeKubeconfigs([{ path: '/bad', text: '- x\n' }])), 'ok', 'a lone malformed file shows its error node');
  const unreadable = buildTree(mergeKubeconfigs([{ path: '/locked', readError: 'permission denied' }]));
  assert.equal(unreadable[0]!.label, 'locked: cannot be read');
});

test('command arguments: tree node, context name or nothing', () => {
  const node = buildTree(model())[0]!;
  assert.equal(contextNameOf(node), 'prod-eu');
  assert.equal(contextNameOf(node.children![0]), 'prod-eu');
  assert.equal(contextNameOf('dev'), 'dev');
  assert.equal(contextNameOf(undefined), undefined);
  assert.equal(contextNameOf({}), undefined);
});

test('the command table dispatches to the explorer actions', async () => {
  const calls: string[] = [];
  const actions: KubeconfigActions = {
    useContext: async (a) => void calls.push(`use:${contextNameOf(a)}`),
    setNamespace: async (a) => void calls.push(`ns:${contextNameOf(a)}`),
    copyServerUrl: async (a) => void calls.push(`copy:${contextNameOf(a)}`),
    reveal: async (a) => void calls.push(`reveal:${contextNameOf(a)}`),
    lint: async () => void calls.push('lint'),
    refresh: async () => void calls.push('refresh'),
    chooseFile: async () => void calls.push('choose'),
  };
  for (const id of Object.values(KUBECONFIG_COMMAND_IDS)) await COMMANDS[id]!({ server: { restart: async () => {} }, output: { show: () => {} }, kubeconfig: actions }, 'x');
  assert.deepEqual(calls, ['use:x', 'ns:x', 'copy:x', 'reveal:x', 'lint', 'refresh', 'choose']);
  assert.equal(await COMMANDS[KUBECONFIG_COMMAND_IDS.refresh]!({ server: { restart: async () => {} }, output: { show: () => {} } }), undefined, 'no explorer: nothing happens');
  assert.deepEqual(Object.keys(KUBECONFIG_COMMANDS).sort(), Object.values(KUBECONFIG_COMMAND_IDS).sort());
});

test('namespace input validation', () => {
  assert.equal(namespaceProblem('kube-system'), undefined);
  for (const bad of ['', 'Kube', '-x', 'x-', 'a_b', 'a'.repeat(64)]) assert.ok(namespaceProblem(bad), bad);
});

test('settings normalisation', () => {
  assert.deepEqual(explorerSettings(undefined, undefined), { path: undefined, protectedContexts: ['*prod*', '*production*'] });
  assert.deepEqual(explorerSettings('  ~/k.yaml ', ['live*', 3, '']), { path: '~/k.yaml', protectedContexts: ['live*'] });
  assert.deepEqual(explorerSettings('', []), { path: undefined, protectedContexts: [] });
});

test('package.json: activity-bar container, view, welcome, commands with icons, menus, shipped icon', () => {
  const c = pkg.contributes;
  const container = c.viewsContainers.activitybar.find((v: { id: string }) => v.id === 'shipshape');
  assert.equal(container.title, 'Shipshape');
  assert.ok(existsSync(join(ROOT, container.icon)), container.icon);
  assert.match(readFileSync(join(ROOT, container.icon), 'utf8'), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const allow = readFileSync(join(ROOT, 'scripts', 'vsix-files.mjs'), 'utf8');
  assert.ok(allow.includes('/^resources\\/[^/]+\\.svg$/'), 'scripts/vsix-files.mjs lets the icon into the vsix');
  assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').includes('!resources/*.svg'));
  assert.deepEqual(c.views.shipshape.map((v: { id: string; name: string }) => [v.id, v.name]), [[KUBECONFIG_VIEW, 'Kubeconfig']]);
  // The browser's note (vscode.dev, github.dev) is test/unit/web/contributes.test.ts's.
  const welcome = c.viewsWelcome.filter((w: { view: string; when: string }) => w.view === KUBECONFIG_VIEW && w.when !== 'shipshape.web');
  assert.deepEqual(welcome.map((w: { when: string }) => w.when).sort(), ['shipshape.kubeconfig.state == empty', 'shipshape.kubeconfig.state == none']);
  for (const w of welcome) assert.ok(w.contents.includes(`(command:${KUBECONFIG_COMMAND_IDS.chooseFile})`));
  // Welcome content renders links, not code: a backtick would show as a raw backtick (issue 20).
  for (const w of welcome) assert.ok(!w.contents.includes('`'), w.contents);
  const commands = new Map<string, { icon?: string; title: string }>(c.commands.map((x: { command: string }) => [x.command, x]));
  for (const id of Object.values(KUBECONFIG_COMMAND_IDS)) assert.match(commands.get(id)?.icon ?? '', /^\$\([a-z-]+\)$/, id);
  const menuCommands = Object.values(c.menus).flat().map((m) => (m as { command: string }).command);
  for (const id of menuCommands) assert.ok(commands.has(id), `menu names unknown command ${id}`);
  const itemMenus = c.menus['view/item/context'] as { command: string; when: string }[];
  for (const id of [KUBECONFIG_COMMAND_IDS.useContext, KUBECONFIG_COMMAND_IDS.setNamespace, KUBECONFIG_COMMAND_IDS.copyServerUrl, KUBECONFIG_COMMAND_IDS.reveal]) {
    assert.ok(itemMenus.some((m) => m.command === id && m.when.includes(`view == ${KUBECONFIG_VIEW}`)), `${id} in the context menu`);
  }
  // Every viewItem a menu names is one the tree produces.
  const items = new Set<string>(Object.values(ITEM));
  for (const m of itemMenus) for (const [, v] of m.when.matchAll(/viewItem == (\w[\w.]*)/g)) assert.ok(items.has(v!), v);
});
