import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, dedent, findingsOf, settingsWith } from '../../helpers/rule-tester';
import { FAKE, FAKE_CERTIFICATE, randomBytes } from '../../helpers/fake-secrets';

const ID = 'secret-in-manifest';
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
/** A YAML block scalar of `text` indented for a key at two spaces. */
const block = (text: string): string => `|\n${text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`;

const secret = (body: string, head = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n'): string => head + dedent(body);

test(`${ID}: Secrets without committed values are fine`, () => {
  const texts = [
    secret('type: Opaque\n'),
    secret('type: kubernetes.io/service-account-token\ndata: {}\n'),
    secret(`
      stringData:
        password: ""
        token: "\${TOKEN}"
        apiKey: <redacted>
        username: changeme
        empty:
      data:
        password: ${b64('changeme')}
        token: ""
        usage-bootstrap-authentication: ${b64('true')}
    `),
    // issue 16: templates that repeat the key or stand in for the value
    secret(`
      stringData:
        GOOGLE_API_KEY: GOOGLE_API_KEY_VALUE
        MISTRALAI_API_KEY: MISTRALAI_API_KEY_VAL
        client-secret: YOUR_CLIENT_SECRET
        authorization: Bearer <token>
      data:
        password: ${b64('PASSWORD')}
    `),
    secret(`
      type: kubernetes.io/tls
      data:
        tls.crt: ${b64(FAKE_CERTIFICATE)}
        ca.crt: ${b64(FAKE_CERTIFICATE)}
        tls.key: REPLACE_WITH_BASE64_KEY
    `),
    // Not a core Secret: an encrypted SealedSecret, a Secret kind of another API group, a ConfigMap.
    'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n',
    `apiVersion: secrets.example.com/v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${FAKE.password}\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  password: ${FAKE.password}\n`,
  ];
  for (const text of texts) assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: every committed value is a warning at its key`, () => {
  const text = secret(`
    type: kubernetes.io/basic-auth
    data:
      username: ${b64('admin')}
      password: ${b64(FAKE.password)}
      not-base64: ${FAKE.password}
    stringData:
      "api password": ${JSON.stringify(FAKE.password)}
  `);
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'username', message: ['Secret "db" has a committed value for key "username" (data);', 'keep Secret values out of version control'] },
    { at: 'password', message: `key "password" (data);` },
    { at: 'not-base64', message: 'key "not-base64" (data);' },
    { at: '"api password"', message: 'key "api password" (stringData);' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning', 'warning', 'warning']);
});

test(`${ID}: values that look like real credentials are errors`, () => {
  const dockerConfig = JSON.stringify({ auths: { 'registry.example.com': { auth: b64(`ci:${FAKE.password}`) } } });
  const text = secret(
    [
      'data:',
      `  aws-key-id: ${b64(FAKE.awsAccessKeyId)}`,
      `  github: ${b64(FAKE.githubToken)}`,
      `  .dockerconfigjson: ${b64(dockerConfig)}`,
      `  hmac: ${b64(randomBytes(5, 32))}`,
      `  aws_secret_access_key: ${b64(FAKE.awsSecretAccessKey)}`,
      'stringData:',
      `  tls.key: ${block(FAKE.privateKey)}`,
      `  DATABASE_URL: ${FAKE.connectionString}`,
      `  signing: ${FAKE.randomKey}`,
      `  app.ini: ${block(`[db]\nhost = db\npassword = ${FAKE.password}\n`)}`,
    ].join('\n'),
  );
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'aws-key-id', message: ['Secret "db" key "aws-key-id" (data) holds what looks like an AWS access key ID', 'a real credential is committed'] },
    { at: 'github', message: 'holds what looks like a GitHub token' },
    { at: '.dockerconfigjson', message: 'sets "auth" to a literal value' },
    { at: 'hmac', message: 'holds a high-entropy string that looks like a key or token' },
    { at: 'aws_secret_access_key', message: 'holds what looks like an AWS secret access key' },
    { at: 'tls.key', message: '(stringData) holds what looks like a PEM private key' },
    { at: 'DATABASE_URL', message: 'holds what looks like a connection string with a password' },
    { at: 'signing', message: 'high-entropy string' },
    { at: 'app.ini', message: `sets "password" to a literal value that looks like a credential` },
  ]);
  for (const f of findings) assert.equal(f.severity, 'error', f.message);
});

test(`${ID}: a severity configured by the user applies to every finding`, () => {
  const text = secret(`
    stringData:
      password: ${FAKE.password}
      token: ${FAKE.githubToken}
  `);
  assert.deepEqual(findingsOf(ID, text).map((f) => f.severity), ['warning', 'error']);
  assert.deepEqual(findingsOf(ID, text, settingsWith({ rules: { [ID]: 'info' } })).map((f) => f.severity), ['info', 'info']);
  assert.deepEqual(findingsOf(ID, text, settingsWith({ rules: { [ID]: 'off' } })), []);
});

test(`${ID}: messages never contain a value, nor 8 characters of one`, () => {
  const values = Object.values(FAKE);
  const text = secret(`stringData:\n${values.map((v, i) => `  k${i}: ${JSON.stringify(v)}`).join('\n')}\ndata:\n${values.map((v, i) => `  d${i}: ${b64(v)}`).join('\n')}\n`);
  const findings = findingsOf(ID, text);
  assert.equal(findings.length, values.length * 2);
  const encoded = values.map((v) => b64(v));
  for (const f of findings) {
    assert.ok(f.span.end - f.span.start <= 3, `the span covers the key only: ${JSON.stringify(text.slice(f.span.start, f.span.end))}`);
    for (const v of [...values, ...encoded]) for (let i = 0; i + 8 <= v.length; i++) assert.ok(!f.message.includes(v.slice(i, i + 8)), f.message);
  }
});
