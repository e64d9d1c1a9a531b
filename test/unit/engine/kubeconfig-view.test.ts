// KubeconfigView: which documents are kubeconfigs, what each entry exposes, the display summary and dangling references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type Document } from 'yaml';
import { ResourceView } from '../../../server/src/engine/views/resource';
import { danglingReferences, KubeconfigView, withoutUserInfo } from '../../../server/src/engine/views/kubeconfig';
import { DocumentViews, ObjectViews } from '../../../server/src/engine/views/view-set';
import { dedent } from '../../helpers/rule-tester';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

function viewOf(text: string): KubeconfigView | undefined {
  const resource = ResourceView.from(new YamlDocument(parseDocument(text) as Document.Parsed));
  return resource && KubeconfigView.from(resource);
}

const TEXT = dedent(`
  apiVersion: v1
  kind: Config
  clusters:
  - name: prod
    cluster:
      server: https://api.prod.example.com:6443
      certificate-authority-data: Q0FEQVRB
      certificate-authority: /etc/ca.crt
      tls-server-name: kubernetes
  - name: lab
    cluster:
      server: https://ops:hunter2@lab.example.com
      insecure-skip-tls-verify: true
      proxy-url: http://proxyuser:proxypass@proxy.corp:3128
  - name: legacy
    cluster: {server: "http://legacy.example.com:8080", certificate-authority: ca.pem}
  - name: bare
    cluster:
      server: 10.0.0.1:6443
  contexts:
  - name: prod-admin
    context: {cluster: prod, user: admin, namespace: shop}
  - name: lab
    context:
      cluster: lab
      user: oidc
  current-context: prod-admin
  users:
  - name: admin
    user:
      client-certificate-data: Q0VSVA==
      client-key-data: S0VZREFUQQ==
  - name: oidc
    user:
      auth-provider:
        name: oidc
        config: {id-token: IDTOKENVALUE, refresh-token: REFRESHVALUE, client-id: k8s}
  - name: eks
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: aws
        args: [eks, get-token, --cluster-name, prod]
        env: [{name: AWS_PROFILE, value: prod}]
  - name: robot
    user: {token: TOKENVALUE, tokenFile: /run/token, as: jane}
  - name: basic
    user: {username: root, password: PASSWORDVALUE}
  - name: certfiles
    user: {client-certificate: admin.crt, client-key: admin.key}
  - name: anonymous
    user: {}
`);

test('a kubeconfig is a v1 Config with clusters, contexts or users; nothing else is', () => {
  assert.ok(viewOf(TEXT));
  assert.ok(viewOf('apiVersion: v1\nkind: Config\nusers: null\n'), 'an empty list still marks the format');
  assert.equal(viewOf('apiVersion: v1\nkind: Config\npreferences: {}\n'), undefined);
  assert.equal(viewOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {clusters: x}\n'), undefined);
  assert.equal(viewOf('apiVersion: kubescheduler.config.k8s.io/v1\nkind: Config\nclusters: []\n'), undefined);
  assert.equal(viewOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n'), undefined);
});

test('the view is built once per object by its view set, not kept by the module', () => {
  const resource = ResourceView.from(new YamlDocument(parseDocument(TEXT) as Document.Parsed))!;
  const views = new ObjectViews(resource, new DocumentViews());
  assert.equal(views.kubeconfig(), views.kubeconfig());
  assert.notEqual(new ObjectViews(resource, new DocumentViews()).kubeconfig(), views.kubeconfig());
  assert.notEqual(KubeconfigView.from(resource), KubeconfigView.from(resource));
});

test('clusters: server, scheme, TLS mode, CA source, user info removed from URLs', () => {
  const view = viewOf(TEXT)!;
  const pick = view.clusters.map((c) => ({
    name: c.name,
    server: c.displayServer,
    scheme: c.scheme,
    tls: c.tls,
    ca: c.certificateAuthority,
    caFile: c.certificateAuthorityFile,
    proxy: c.proxyUrl,
    insecure: c.insecureSkipTlsVerify && TEXT.slice(c.insecureSkipTlsVerify.start, c.insecureSkipTlsVerify.end),
  }));
  assert.deepEqual(pick, [
    { name: 'prod', server: 'https://api.prod.example.com:6443', scheme: 'https', tls: 'verified', ca: 'data', caFile: '/etc/ca.crt', proxy: undefined, insecure: undefined },
    { name: 'lab', server: 'https://lab.example.com', scheme: 'https', tls: 'insecure-skip-tls-verify', ca: 'none', caFile: undefined, proxy: 'http://proxy.corp:3128', insecure: 'insecure-skip-tls-verify: true' },
    { name: 'legacy', server: 'http://legacy.example.com:8080', scheme: 'http', tls: 'plain-http', ca: 'file', caFile: 'ca.pem', proxy: undefined, insecure: undefined },
    { name: 'bare', server: '10.0.0.1:6443', scheme: '', tls: 'unknown', ca: 'none', caFile: undefined, proxy: undefined, insecure: undefined },
  ]);
  const lab = view.cluster('lab')!;
  assert.equal(TEXT.slice(lab.server!.span.start, lab.server!.span.end), 'https://ops:hunter2@lab.example.com', 'the node span is the value as written');
  assert.equal(TEXT.slice(lab.anchorSpan.start, lab.anchorSpan.end), 'lab');
  assert.ok(TEXT.slice(lab.span.start, lab.span.end).startsWith('name: lab\n'));
});

test('users: auth methods, file paths and plugin names; secret fields only as keys', () => {
  const view = viewOf(TEXT)!;
  assert.deepEqual(
    view.users.map((u) => [u.name, u.authMethods]),
    [
      ['admin', ['client-certificate']],
      ['oidc', ['auth-provider']],
      ['eks', ['exec']],
      ['robot', ['token', 'token-file']],
      ['basic', ['basic-auth']],
      ['certfiles', ['client-certificate']],
      ['anonymous', []],
    ],
  );
  const robot = view.user('robot')!;
  assert.deepEqual(robot.token && { key: robot.token.key, at: TEXT.slice(robot.token.keySpan.start, robot.token.keySpan.end) }, { key: 'token', at: 'token' });
  assert.equal(robot.tokenFile, '/run/token');
  assert.equal(robot.impersonate, 'jane');
  assert.deepEqual(view.user('eks')!.exec && { command: view.user('eks')!.exec!.command, apiVersion: view.user('eks')!.exec!.apiVersion }, { command: 'aws', apiVersion: 'client.authentication.k8s.io/v1beta1' });
  assert.deepEqual(view.user('oidc')!.authProvider?.tokens.map((t) => t.key), ['id-token', 'refresh-token']);
  assert.equal(view.user('oidc')!.authProvider?.name, 'oidc');
  assert.deepEqual([view.user('admin')!.clientCertificateData, view.user('admin')!.clientKeyData], [true, true]);
  assert.deepEqual([view.user('certfiles')!.clientCertificateFile, view.user('certfiles')!.clientKeyFile], ['admin.crt', 'admin.key']);
  const basic = view.user('basic')!;
  assert.deepEqual([basic.username?.key, basic.password?.key], ['username', 'password']);
});

test('contexts and current-context keep their values and spans', () => {
  const view = viewOf(TEXT)!;
  const prod = view.context('prod-admin')!;
  assert.deepEqual([prod.cluster?.value, prod.user?.value, prod.namespace?.value], ['prod', 'admin', 'shop']);
  assert.equal(TEXT.slice(prod.namespace!.span.start, prod.namespace!.span.end), 'shop');
  assert.equal(TEXT.slice(prod.namespace!.keySpan.start, prod.namespace!.keySpan.end), 'namespace');
  assert.equal(view.context('lab')!.namespace, undefined);
  assert.equal(view.currentContext?.value, 'prod-admin');
  assert.equal(TEXT.slice(view.currentContext!.span.start, view.currentContext!.span.end), 'prod-admin');
});

test('the summary is plain display data without any secret value', () => {
  const summary = viewOf(TEXT)!.summary();
  assert.deepEqual(summary.contexts, [
    { name: 'prod-admin', current: true, cluster: 'prod', user: 'admin', namespace: 'shop' },
    { name: 'lab', current: false, cluster: 'lab', user: 'oidc' },
  ]);
  assert.equal(summary.currentContext, 'prod-admin');
  assert.deepEqual(summary.users.find((u) => u.name === 'robot'), { name: 'robot', authMethods: ['token', 'token-file'], tokenFile: '/run/token', impersonate: 'jane' });
  assert.deepEqual(summary.users.find((u) => u.name === 'eks'), { name: 'eks', authMethods: ['exec'], exec: 'aws' });
  const json = JSON.stringify(summary);
  for (const secret of ['TOKENVALUE', 'PASSWORDVALUE', 'IDTOKENVALUE', 'REFRESHVALUE', 'hunter2', 'proxypass', 'S0VZREFUQQ', 'get-token', 'root']) {
    assert.ok(!json.includes(secret), `summary leaks ${secret}: ${json}`);
  }
});

test('dangling references against the file, and against the names of a merged view', () => {
  const view = viewOf(TEXT.replace('user: oidc', 'user: sso').replace('current-context: prod-admin', 'current-context: prod'))!;
  assert.deepEqual(danglingReferences(view).map((r) => [r.target, r.name, r.context?.name]), [
    ['user', 'sso', 'lab'],
    ['context', 'prod', undefined],
  ]);
  const merged = { clusters: new Set(['prod']), users: new Set(['admin', 'sso']), contexts: new Set(['prod']) };
  assert.deepEqual(danglingReferences(view, merged).map((r) => [r.target, r.name]), [['cluster', 'lab']]);
});

test('withoutUserInfo drops user:password@ from the authority only', () => {
  assert.equal(withoutUserInfo('https://u:p@h.example.com:6443/path@x'), 'https://h.example.com:6443/path@x');
  assert.equal(withoutUserInfo('http://a@b@proxy:3128'), 'http://proxy:3128');
  assert.equal(withoutUserInfo('https://h.example.com/?q=a@b'), 'https://h.example.com/?q=a@b');
  assert.equal(withoutUserInfo('h.example.com:6443'), 'h.example.com:6443');
});
