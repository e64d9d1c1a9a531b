// No credential from a kubeconfig appears in any finding message or in the view's display summary:
// not the value, nor any 8 characters of it. The fake credentials are built at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type Document } from 'yaml';
import { lintYaml, normalizeSettings, RULES, RULE_IDS } from '../../../server/src/engine';
import { ResourceView } from '../../../server/src/engine/views/resource';
import { KubeconfigView } from '../../../server/src/engine/views/kubeconfig';
import { FAKE, FAKE_CERTIFICATE, randomString, substringsOf } from '../../helpers/fake-secrets';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const SERVER_PASSWORD = 'Sv' + randomString(51, 14);
const PROXY_PASSWORD = 'Px' + randomString(52, 14);
const EXEC_ARG_TOKEN = 'Ea' + randomString(53, 30);

const SECRETS: Record<string, string> = {
  token: FAKE.jwt,
  password: FAKE.password,
  clientKeyData: b64(FAKE.privateKey),
  idToken: FAKE.jwt.split('').reverse().join(''),
  refreshToken: FAKE.randomKey,
  accessToken: FAKE.googleApiKey,
  clientSecret: FAKE.githubToken,
  execEnv: FAKE.awsSecretAccessKey,
  execArg: EXEC_ARG_TOKEN,
  serverPassword: SERVER_PASSWORD,
  proxyPassword: PROXY_PASSWORD,
};

const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: lab',
  '  cluster:',
  `    server: http://ops:${SERVER_PASSWORD}@lab.example.com:8080`,
  `    proxy-url: http://proxy:${PROXY_PASSWORD}@proxy.corp:3128`,
  `    certificate-authority-data: ${b64(FAKE_CERTIFICATE)}`,
  '- name: edge',
  '  cluster:',
  '    server: https://edge.example.com',
  '    insecure-skip-tls-verify: true',
  'contexts:',
  '- name: lab',
  '  context: {cluster: lab, user: robot}',
  '- name: edge',
  '  context: {cluster: edge, user: nobody}',
  'current-context: lab',
  'users:',
  '- name: robot',
  '  user:',
  `    token: ${SECRETS.token}`,
  `    client-certificate-data: ${b64(FAKE_CERTIFICATE)}`,
  `    client-key-data: ${SECRETS.clientKeyData}`,
  '- name: basic',
  '  user:',
  '    username: operator',
  `    password: ${JSON.stringify(SECRETS.password)}`,
  '- name: sso',
  '  user:',
  '    auth-provider:',
  '      name: oidc',
  '      config:',
  `        id-token: ${SECRETS.idToken}`,
  `        refresh-token: ${SECRETS.refreshToken}`,
  `        access-token: ${SECRETS.accessToken}`,
  `        client-secret: ${SECRETS.clientSecret}`,
  '- name: plugin',
  '  user:',
  '    exec:',
  '      apiVersion: client.authentication.k8s.io/v1',
  '      command: get-credentials',
  `      args: [--token, ${SECRETS.execArg}]`,
  `      env: [{name: AWS_SECRET_ACCESS_KEY, value: ${SECRETS.execEnv}}]`,
  '',
].join('\n');

const NEEDLES = [...new Set(Object.values(SECRETS).flatMap((s) => substringsOf(s, 8)))];

function assertNoLeak(label: string, output: string): void {
  for (const needle of NEEDLES) {
    const at = output.indexOf(needle);
    assert.ok(at < 0, `${label} leaks ${JSON.stringify(needle)}: ${JSON.stringify(output.slice(Math.max(0, at - 60), at + 30))}`);
  }
}

test('the fixture holds every secret it claims to', () => {
  for (const [name, value] of Object.entries(SECRETS)) assert.ok(KUBECONFIG.includes(value), name);
});

test('no finding message of any rule carries kubeconfig credentials', () => {
  const { settings, problems } = normalizeSettings(
    { profile: 'restricted', rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity])) },
    RULE_IDS,
  );
  assert.deepEqual(problems, []);
  const findings = lintYaml(KUBECONFIG, { settings });
  const count = (id: string): number => findings.filter((f) => f.ruleId === id).length;
  assert.deepEqual(
    ['kubeconfig-plain-http', 'kubeconfig-insecure-tls', 'kubeconfig-basic-auth', 'kubeconfig-plaintext-token', 'kubeconfig-dangling-reference'].map(count),
    [1, 1, 1, 4, 1],
    findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n'),
  );
  for (const f of findings) {
    assertNoLeak(`${f.ruleId} message`, f.message);
    const underlined = KUBECONFIG.slice(f.span.start, f.span.end);
    if (f.ruleId !== 'kubeconfig-plain-http') assertNoLeak(`${f.ruleId} span`, underlined);
  }
});

test('the display summary carries no credential', () => {
  const resource = ResourceView.from(new YamlDocument(parseDocument(KUBECONFIG) as Document.Parsed))!;
  const summary = KubeconfigView.from(resource)!.summary();
  const json = JSON.stringify(summary);
  assert.ok(json.includes('"server":"http://lab.example.com:8080"'), `the server is shown without its user info: ${json}`);
  assertNoLeak('summary', json);
});
