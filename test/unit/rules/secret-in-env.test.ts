import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, podRuleTests, workload } from '../../helpers/rule-tester';
import { FAKE } from '../../helpers/fake-secrets';
import { WORKLOAD_KINDS } from '../../../server/src/engine/views/workloads';
import { podFixTests } from '../../helpers/fix-tester';
import { settingsWith } from '../../helpers/rule-tester';
import { findingFixes } from '../../../server/src/engine/types';

const env = (pairs: Array<[string, string]>): string =>
  `containers:\n- name: web\n  image: registry.example/web:1.0\n  env:\n${pairs.map(([n, v]) => `  - name: ${n}\n    value: ${JSON.stringify(v)}\n`).join('')}`;

podRuleTests('secret-in-env', {
  valid: [
    {
      name: 'names that mention credentials but hold something else',
      podSpec: env([
        ['TOKEN_TTL_SECONDS', '3600'],
        ['PASSWORD_MIN_LENGTH', '12'],
        ['SECRET_NAME', 'orders-db'],
        ['TOKEN_FILE', '/var/run/secrets/tokens/api'],
        ['DB_PASSWORD_FILE', '/run/secrets/db-password'],
        ['AUTH_URL', 'https://auth.example.com/oauth2/token'],
        ['AUTH_ENABLED', 'true'],
        ['MYSQL_ALLOW_EMPTY_PASSWORD', 'yes'],
        ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'],
        ['SSL_KEY', 'certs/tls.key'],
        ['PWD', '/app'],
        ['DATABASE_URL', 'postgres://db.internal:5432/orders'],
      ]),
    },
    {
      name: 'placeholders and references',
      podSpec: env([
        ['DB_PASSWORD', 'changeme'],
        ['API_TOKEN', '${API_TOKEN}'],
        ['GITHUB_TOKEN', '$(GH_TOKEN)'],
        ['CLIENT_SECRET', '<redacted>'],
        ['PASSWORD', ''],
        ['API_KEY', 'your-api-key-here'],
        ['AWS_ACCESS_KEY_ID', 'AK' + 'IAIOSFODNN7EXAMPLE'],
        ['SESSION_TOKEN', 'xxxxxxxx'],
        ['REDIS_URL', 'redis://:$(REDIS_PASSWORD)@redis:6379/0'],
      ]),
    },
    {
      name: 'issue 16: placeholders that repeat the name or stand in for a value',
      podSpec: env([
        ['GOOGLE_API_KEY', 'GOOGLE_API_KEY_VAL'],
        ['DB_PASSWORD', 'DB_PASSWORD'],
        ['JWT_REFRESH_SECRET', 'JWT_REFRESH_SECRET_VALUE'],
        ['API_KEY', '<api key>'],
        ['AUTH_HEADER_TOKEN', 'Bearer <token>'],
        ['API_TOKEN', '${API_TOKEN}'],
        ['CLIENT_SECRET', 'changeme'],
        ['SESSION_SECRET', 'REPLACE_ME'],
        ['AZURE_BATCH_KEY', 'AZURE_BATCH_KEY_VALUE'],
        ['OCI_CLI_KEY_CONTENT', '<private key content>'],
      ]),
    },
    {
      name: 'key-like names whose values are not key material, and public or lookup keys',
      podSpec: env([
        ['SENDGRID_KEY', 'orders'],
        ['SPECIAL_LEVEL_KEY', 'very'],
        ['NODE_LABEL_KEY', 'kubernetes.io/hostname'],
        ['CACHE_KEY', 'users-v2-2024'],
        ['SSH_PUBLIC_KEY_CONTENT', 'AAAAC3NzaC1lZDI1NTE5AAAA'],
        ['AWS_KMS_KEY', 'alias/orders-2024'],
      ]),
    },
    {
      name: 'values that are not random: digests, commits, ids, class names',
      podSpec: env([
        ['IMAGE_DIGEST', 'sha256:' + 'ab12'.repeat(16)],
        ['GIT_COMMIT', '0123456789abcdef0123456789abcdef01234567'],
        ['REQUEST_ID', '123e4567-e89b-12d3-a456-426614174000'],
        ['SEED_PROVIDER', 'io.k8s.cassandra.KubernetesSeedProvider'],
        ['APP_NAME', 'MyApplicationName123Version'],
      ]),
    },
    {
      name: 'values from Secrets, ConfigMaps and the downward API',
      podSpec: `
        containers:
        - name: web
          env:
          - name: DB_PASSWORD
            valueFrom:
              secretKeyRef: {name: db, key: password}
          - name: API_TOKEN
            valueFrom:
              configMapKeyRef: {name: app, key: token}
          - name: POD_NAME
            valueFrom:
              fieldRef: {fieldPath: metadata.name}
      `,
    },
  ],
  invalid: [
    {
      name: 'a credential-like name with a literal value, in every container kind',
      podSpec: `
        initContainers:
        - name: setup
          env:
          - name: dbPassword
            value: ${JSON.stringify(FAKE.password)}
        containers:
        - name: web
          env:
          - name: DB_PASSWORD
            value: ${JSON.stringify(FAKE.password)}
          - name: secret-key-base
            value: "${FAKE.password}"
        ephemeralContainers:
        - name: debug
          env:
          - {name: API_KEY, value: ${JSON.stringify(FAKE.password)}}
      `,
      errors: [
        { at: 'dbPassword', message: ['Env var "dbPassword" of Init container "setup"', 'its name says it is a credential'] },
        { at: 'DB_PASSWORD', message: ['Env var "DB_PASSWORD" of Container "web"', 'read it from a Secret mounted as a file'] },
        { at: 'secret-key-base', message: 'Env var "secret-key-base"' },
        { at: 'API_KEY', message: 'Env var "API_KEY" of Ephemeral container "debug"' },
      ],
    },
    {
      name: 'issue 16: a cloud account key, key file content, and other <something>_KEY names with key material',
      podSpec: env([
        ['AZURE_BATCH_KEY', 'b4tch' + 'Acc0unt' + 'K3y'],
        ['OCI_CLI_KEY_CONTENT', 'k3y-' + 'c0ntent'],
        ['SENDGRID_KEY', 'SGx' + '9d2' + 'kQ7v'],
      ]),
      errors: [
        { at: 'AZURE_BATCH_KEY', message: ['Env var "AZURE_BATCH_KEY"', 'has a literal value, and its name says it is a credential'] },
        { at: 'OCI_CLI_KEY_CONTENT', message: 'its name says it is a credential' },
        { at: 'SENDGRID_KEY', message: 'its name says it is a credential' },
      ],
    },
    {
      name: 'known formats under any name',
      podSpec: env([
        ['UPLOADER', FAKE.awsAccessKeyId],
        ['GH_CLI', FAKE.githubToken],
        ['CI_PAT', FAKE.githubFineGrainedToken],
        ['GL_CLI', FAKE.gitlabToken],
        ['SLACK_HOOK', FAKE.slackToken],
        ['MAPS_CLIENT', FAKE.googleApiKey],
        ['HEADER', `Bearer ${FAKE.jwt}`],
        ['DATABASE_URL', FAKE.connectionString],
        ['TLS_PEM', FAKE.privateKey],
        ['AWS_SECRET_ACCESS_KEY', FAKE.awsSecretAccessKey],
      ]),
      errors: [
        { at: 'UPLOADER', message: ['holds what looks like an AWS access key ID'] },
        { at: 'GH_CLI', message: 'holds what looks like a GitHub token' },
        { at: 'CI_PAT', message: 'holds what looks like a GitHub fine-grained personal access token' },
        { at: 'GL_CLI', message: 'holds what looks like a GitLab personal access token' },
        { at: 'SLACK_HOOK', message: 'holds what looks like a Slack token' },
        { at: 'MAPS_CLIENT', message: 'holds what looks like a Google API key' },
        { at: 'HEADER', message: 'holds what looks like a JSON Web Token' },
        { at: 'DATABASE_URL', message: `holds what looks like a connection string with a password` },
        { at: 'TLS_PEM', message: 'holds what looks like a PEM private key' },
        { at: 'AWS_SECRET_ACCESS_KEY', message: 'holds what looks like an AWS secret access key' },
      ],
    },
    {
      name: 'a long random string under an innocent name, and credentials in a JSON value',
      podSpec: env([
        ['SIGNING', FAKE.randomKey],
        ['SPRING_APPLICATION_JSON', JSON.stringify({ spring: { datasource: { password: FAKE.password } } })],
      ]),
      errors: [
        { at: 'SIGNING', message: 'holds a high-entropy string that looks like a key or token' },
        { at: 'SPRING_APPLICATION_JSON', message: `sets "password" to a literal value that looks like a credential` },
      ],
    },
  ],
});

test('secret-in-env messages never contain the value, and name the container', () => {
  for (const kind of WORKLOAD_KINDS) {
    const values = Object.values(FAKE);
    const text = workload(kind, env(values.map((v, i) => [`VAR_${i}_TOKEN`, v])));
    const findings = findingsOf('secret-in-env', text);
    assert.equal(findings.length, values.length, kind);
    for (const f of findings) {
      assert.equal(f.severity, 'error');
      assert.equal(f.container, 'web');
      for (const v of values) for (let i = 0; i + 8 <= v.length; i++) assert.ok(!f.message.includes(v.slice(i, i + 8)), `${kind}: ${f.message}`);
    }
  }
});

// Issue 20: "has a credential-like name and a literal value: (14 chars)" read oddly. A message says what was found,
// without quoting the value, a prefix of it or its length, the same way in every secret rule.
test('issue 20: secret messages say what was found, without any part or the length of the value', () => {
  const yaml = [
    workload('Deployment', env([['DB_PASSWORD', 'Sup3rS3cret!42'], ['UPLOADER', FAKE.awsAccessKeyId], ['SIGNING', FAKE.password]])),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB_PASSWORD: "Sup3rS3cret!42"\n  GH: ${FAKE.githubToken}\n`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  username: admin\n  token: ${FAKE.githubToken}\n`,
  ].join('---\n');
  const messages = ['secret-in-env', 'secret-in-configmap', 'secret-in-manifest'].flatMap((id) => findingsOf(id, yaml).map((f) => f.message));
  assert.ok(messages.length >= 6, messages.join('\n'));
  assert.ok(
    messages.includes('Env var "DB_PASSWORD" of Container "web" has a literal value, and its name says it is a credential; read it from a Secret mounted as a file.'),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => m.includes('Env var "UPLOADER" of Container "web" holds what looks like an AWS access key ID;')), messages.join('\n'));
  assert.ok(messages.includes('Secret "db" has a committed value for key "username" (stringData); keep Secret values out of version control.'), messages.join('\n'));
  for (const m of messages) {
    assert.doesNotMatch(m, /chars?\)|…|\(\d+\b/, m);
    for (const prefix of ['AKIA', 'ghp_', 'Sup3', 'admin']) assert.ok(!m.includes(prefix), m);
  }
});

// The suggestion moves the value to a Secret read through the environment, which secret-via-env-var (info) reports.
const noEnvRefRule = settingsWith({ rules: { 'secret-via-env-var': 'off' } });

podFixTests('secret-in-env', [
  {
    name: 'value -> valueFrom.secretKeyRef (suggestion)',
    kind: 'suggestion',
    settings: noEnvRefRule,
    podSpec: `containers:\n- name: web\n  env:\n  - name: DB_PASSWORD\n    value: ${JSON.stringify(FAKE.password)}  # TODO\n  - name: MODE\n    value: prod\n`,
    expectedPod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: web\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: app-secrets\n          key: db-password  # TODO\n    - name: MODE\n      value: prod\n`,
  },
  { name: 'camelCase name, flow item', kind: 'suggestion', settings: noEnvRefRule, podSpec: `containers:\n- name: web\n  env:\n  - {name: apiToken, value: ${JSON.stringify(FAKE.password)}}\n`, contains: ['{name: apiToken, valueFrom: {secretKeyRef: {name: app-secrets, key: api-token}}}'] },
]);

test('secret-in-env: the suggestion title never holds the value', () => {
  const text = workload('Deployment', `containers:\n- name: web\n  env:\n  - name: DB_PASSWORD\n    value: ${JSON.stringify(FAKE.password)}\n`);
  const [f] = findingsOf('secret-in-env', text);
  const fixes = f ? findingFixes(f) : [];
  assert.ok(fixes.length === 1);
  assert.ok(!fixes[0]!.title.includes(FAKE.password));
  assert.equal(fixes[0]!.title, 'Read DB_PASSWORD from Secret "app-secrets" (key "db-password")');
});
