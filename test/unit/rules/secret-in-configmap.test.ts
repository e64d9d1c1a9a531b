import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';
import { FAKE, randomBytes, randomString } from '../../helpers/fake-secrets';

const ID = 'secret-in-configmap';
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
/** A YAML block scalar of `text` for a key at two spaces. */
const block = (text: string): string => `|\n${text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`;
const configMap = (lines: string[], name = 'app'): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${lines.join('\n')}\n`;

test(`${ID}: ordinary configuration is fine`, () => {
  const text = configMap([
    'data:',
    '  log_level: INFO',
    '  TOKEN_TTL_SECONDS: "3600"',
    '  PASSWORD_MIN_LENGTH: "12"',
    '  SECRET_NAME: orders-db',
    '  password_file: /etc/app/secrets/db',
    '  AUTH_URL: https://auth.example.com/token',
    '  DB_PASSWORD: ${DB_PASSWORD}',
    '  API_KEY: ""',
    '  empty:',
    `  app.yaml: ${block('server:\n  port: 8080\ndb:\n  host: db\n  password: ${DB_PASSWORD}\n  passwordFile: /run/secrets/db\nauth:\n  enabled: true\n')}`,
    `  known_hosts: ${block(`github.com ssh-ed25519 ${randomString(3, 68)}\ngitlab.com ssh-ed25519 ${randomString(4, 68)}`)}`,
    `  redis.conf: ${block('maxmemory 2mb\nmaxmemory-policy allkeys-lru\n')}`,
    `  checksum: ${'0123456789abcdef'.repeat(4)}`,
    'binaryData:',
    `  logo.png: ${b64(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0]))}`,
    `  notes.txt: ${b64('hello, world')}`,
  ]);
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: credentials in keys, values, files and binary data`, () => {
  const text = configMap([
    'data:',
    `  DB_PASSWORD: ${JSON.stringify(FAKE.password)}`,
    `  apiKey: ${JSON.stringify(FAKE.password)}`,
    `  uploader: ${FAKE.awsAccessKeyId}`,
    `  application.properties: ${block(`server.port=8080\nspring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.password=${FAKE.password}\n`)}`,
    `  settings.json: '${JSON.stringify({ smtp: { host: 'mail', apiToken: FAKE.password } })}'`,
    `  config.yaml: ${block(`db:\n  url: ${FAKE.connectionString}\n`)}`,
    `  tls.key: ${block(FAKE.privateKey)}`,
    `  webhook: ${FAKE.slackToken}`,
    `  signing: ${FAKE.randomKey}`,
    'binaryData:',
    `  keyfile: ${b64(randomBytes(8, 48))}`,
    `  token.txt: ${b64(FAKE.githubToken)}`,
  ]);
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'DB_PASSWORD', message: [`ConfigMap "app" key "DB_PASSWORD" (data) has a literal value, and its name says it is a credential`, 'move it to a Secret'] },
    { at: 'apiKey', message: 'key "apiKey" (data) has a literal value, and its name says it is a credential' },
    { at: 'uploader', message: 'holds what looks like an AWS access key ID' },
    { at: 'application.properties', message: 'sets "spring.datasource.password" to a literal value' },
    { at: 'settings.json', message: 'sets "apiToken" to a literal value' },
    { at: 'config.yaml', message: 'holds what looks like a connection string with a password' },
    { at: 'tls.key', message: 'holds what looks like a PEM private key' },
    { at: 'webhook', message: 'holds what looks like a Slack token' },
    { at: 'signing', message: 'holds a high-entropy string that looks like a key or token' },
    { at: 'keyfile', message: 'key "keyfile" (binaryData) holds a high-entropy string' },
    { at: 'token.txt', message: '(binaryData) holds what looks like a GitHub token' },
  ]);
  for (const f of findings) {
    assert.equal(f.severity, 'error');
    for (const v of Object.values(FAKE)) for (let i = 0; i + 8 <= v.length; i++) assert.ok(!f.message.includes(v.slice(i, i + 8)), f.message);
  }
});

test(`${ID}: only core ConfigMaps are judged`, () => {
  for (const head of ['apiVersion: v1\nkind: Secret', 'apiVersion: example.com/v1\nkind: ConfigMap']) {
    const text = `${head}\nmetadata:\n  name: app\ndata:\n  DB_PASSWORD: ${JSON.stringify(FAKE.password)}\n`;
    assertFindings(text, findingsOf(ID, text), []);
  }
});
