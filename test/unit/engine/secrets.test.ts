// The secret detectors (server/src/engine/secrets): names, placeholders, formats, entropy, masking,
// settings in files; their regular expressions are checked for linear-time shapes and every detector
// runs on ~100 KB hostile inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as S from '../../../server/src/engine/secrets';
import { lintYaml } from '../../../server/src/engine';
import { BASE62, DIGITS, FAKE, FAKE_CERTIFICATE, LOWER, randomBytes, randomString, UPPER } from '../../helpers/fake-secrets';
import { linearityProblems, regexesInSources } from '../../helpers/regex-linearity';

const ROOT = join(__dirname, '..', '..', '..');

test('names are split at separators, camelCase humps and digits', () => {
  assert.deepEqual(S.nameWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
  assert.deepEqual(S.nameWords('dbPassword'), ['db', 'password']);
  assert.deepEqual(S.nameWords('APIKey2'), ['api', 'key', '2']);
  assert.deepEqual(S.nameWords('spring.datasource.password'), ['spring', 'datasource', 'password']);
  assert.deepEqual(S.nameWords('x-api-key'), ['x', 'api', 'key']);
  assert.deepEqual(S.nameWords('--'), []);
});

test('credential-like names', () => {
  const yes = [
    'PASSWORD', 'DB_PASSWORD', 'POSTGRES_PASSWORD', 'dbPassword', 'db-password', 'WEBPASSWORD', 'MYSQL_PWD', 'DB_PASSWD', 'PGADMIN_PW',
    'REDIS_PASS', 'SECRET', 'CLIENT_SECRET', 'clientSecret', 'JWT_SECRET', 'TOKEN', 'GITHUB_TOKEN', 'accessToken', 'API_KEY', 'apiKey', 'apikey',
    'x-api-key', 'ACCESS_KEY', 'MINIO_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'privateKey', 'ENCRYPTION_KEY', 'SIGNING_KEY',
    'SECRET_KEY_BASE', 'PASSWORD_B64', 'API_TOKEN_2', 'CREDENTIALS', 'BASIC_AUTH', 'auth', 'spring.datasource.password', 'passphrase',
    'OVH_CONSUMER_KEY', 'STORAGE_ACCOUNT_KEY', 'token-secret',
    // issue 16: cloud account keys and key material
    'AZURE_BATCH_KEY', 'azureBatchKey', 'AWS_KEY', 'GOOGLE_MAPS_KEY', 'OCI_CLI_KEY_CONTENT', 'SSH_KEY_CONTENTS', 'PRIVATE_KEY_PEM', 'KEY_CONTENT', 'TLS_KEY_MATERIAL',
  ];
  const no = [
    'TOKEN_TTL_SECONDS', 'PASSWORD_MIN_LENGTH', 'SECRET_NAME', 'TOKEN_FILE', 'DB_PASSWORD_FILE', 'PASSWORD_PATH', 'AUTH_URL', 'TOKEN_URL',
    'AUTH_ENABLED', 'ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID', 'CLIENT_ID', 'SECRETS_DIR', 'TOKEN_ENDPOINT', 'PASSWORD_POLICY', 'AUTH_TYPE',
    'KEY', 'CACHE_KEY', 'ROUTING_KEY', 'PARTITION_KEY', 'PWD', 'OLDPWD', 'BYPASS', 'COMPASS', 'PASSTHROUGH', 'USERNAME', 'token-id',
    'usage-bootstrap-authentication', 'TOKEN_AUDIENCE', 'SECRET_REF', 'KEY_ID', 'ACCESS_TOKEN_TTL_SECONDS', 'CALENDAR_SECRET_ENCRYPTION_KEY_ID', '',
    'AWS_KMS_KEY', 'AZURE_PUBLIC_KEY', 'GOOGLE_RECAPTCHA_SITE_KEY', 'SSH_PUBLIC_KEY_CONTENT', 'CERT_CONTENT', 'KEY_CONTENT_TYPE', 'AZURE_BATCH_KEY_FILE',
    'SENDGRID_KEY', 'BATCH_KEY', 'SPECIAL_LEVEL_KEY', 'GOOGLE_ANALYTICS_KEY', 'AZURE_INSTRUMENTATION_KEY', 'AWS_S3_KEY', 'AWS_KEY_NAME', 'AZURE_KEY_VAULT_NAME',
  ];
  for (const n of yes) assert.equal(S.isCredentialName(n), true, n);
  for (const n of no) assert.equal(S.isCredentialName(n), false, n);
});

test('other <something>_KEY names are a weaker hint (isKeyName), public and lookup keys are not', () => {
  for (const n of ['SENDGRID_KEY', 'BATCH_KEY', 'MAILGUN_KEY', 'openaiKey', 'AZURE_BATCH_KEY', 'X_KEY_2']) assert.equal(S.isKeyName(n), true, n);
  for (const n of ['KEY', 'CACHE_KEY', 'S3_KEY', 'REDIS_CACHE_KEY', 'SSH_PUBLIC_KEY', 'GPG_KEY', 'AWS_KMS_KEY', 'RECAPTCHA_SITE_KEY', 'SPECIAL_LEVEL_KEY', 'TOPOLOGY_KEY', 'NODE_LABEL_KEY', 'KEY_ID', 'SENDGRID_KEY_ID', 'MONKEY']) {
    assert.equal(S.isKeyName(n), false, n);
  }
  for (const v of ['Zm9vYmFy' + '1234', 'sk_' + 'live_' + 'abc123XYZ', 'a1b2c3d4']) assert.equal(S.looksLikeKeyMaterial(v), true, v);
  for (const v of ['users', 'orders-created', 'kubernetes.io/hostname', 'abc123', 'tenantId', 'two words 123', 'GOOGLE_API_KEY_VAL']) assert.equal(S.looksLikeKeyMaterial(v), false, v);
});

test('issue 16: values that repeat their own name are templates', () => {
  const echoes: [string, string][] = [
    ['GOOGLE_API_KEY', 'GOOGLE_API_KEY_VAL'], ['GOOGLE_API_KEY', 'GOOGLE_API_KEY'], ['GOOGLE_API_KEY', 'google-api-key-value'], ['DB_PASSWORD', 'YOUR_DB_PASSWORD'],
    ['apiKey', 'MY_API_KEY'], ['PASSWORD', 'password'],
  ];
  for (const [n, v] of echoes) assert.equal(S.echoesName(n, v), true, `${n}=${v}`);
  for (const [n, v] of [['DB_PASSWORD', 'postgres'], ['API_KEY', 'API_KEY_2024'], ['TOKEN', 'TOKENS'], ['', '']] as const) assert.equal(S.echoesName(n, v), false, `${n}=${v}`);
});

test('placeholders and literal-value filters', () => {
  const placeholders = [
    '', '   ', 'changeme', 'CHANGE_ME', 'changeit', '<redacted>', '<your-password>', '[REDACTED]', '${DB_PASSWORD}', '$(DB_PASSWORD)',
    '{{ .Values.password }}', '$DB_PASSWORD', '%DB_PASSWORD%', 'xxx', 'XXXX-XXXX', '********', '...', 'REPLACE_ME', 'replace-with-token',
    'your-password-here', 'YOUR_API_KEY', 'token-here', 'example', 'dummy', 'test', 'TODO', 'null', 'none', 'INSERT_ETCD_DISCOVERY_TOKEN',
    'ENC(abcdef)', 'AKIAIOSFODNN7EXAMPLE', 'prefix-${SUFFIX}',
    // issue 16
    'GOOGLE_API_KEY_VAL', 'JWT_REFRESH_SECRET_VALUE', 'db_password', 'Bearer <token>', 'postgres://app:<password>@db/app', '"<your key>"', "'changeme'", '"${TOKEN}"',
  ];
  const literals = [
    'hunter2', 'password', 's3cr3t!', 'guest', FAKE.password, FAKE.randomKey, '{"auths":{"https://registry.example":{"auth":"x"}}}', 'line one\nline two',
    '<password>hunter2</password>', 'x9<k>Q2', 'x<1>', 'Mixed_Case_Password', 'ORDERS_QUEUE', '"hunter2"',
  ];
  for (const v of placeholders) assert.equal(S.isPlaceholder(v), true, JSON.stringify(v));
  for (const v of literals) assert.equal(S.isPlaceholder(v), false, JSON.stringify(v));
  for (const v of ['true', 'FALSE', 'yes', 'no', 'on', 'off', '0', '1']) assert.equal(S.isBooleanLike(v), true, v);
  for (const v of ['2', 'truth', '']) assert.equal(S.isBooleanLike(v), false, v);
  for (const v of ['/run/secrets/db', './key.pem', '../x', '~/.aws/credentials', 'C:\\keys\\a.pfx', 'file:///x', 'certs/tls.key', 'key.json']) assert.equal(S.isPathLike(v), true, v);
  for (const v of [FAKE.password, 'abc/def', 'pem']) assert.equal(S.isPathLike(v), false, v);
  assert.equal(S.isLiteralCredential('https://auth.example.com/token'), false, 'a URL without a password');
  assert.equal(S.isLiteralCredential(FAKE.connectionString), true);
  assert.equal(S.isLiteralCredential('&anchor'), false);
  assert.equal(S.isLiteralCredential(FAKE.password), true);
});

test('known credential formats are found, named and masked', () => {
  const table: Array<[keyof typeof FAKE, S.FormatId, string]> = [
    ['awsAccessKeyId', 'aws-access-key-id', 'AKIA…(20 chars)'],
    ['githubToken', 'github-token', 'ghp_…(40 chars)'],
    ['githubFineGrainedToken', 'github-fine-grained-token', 'gith…(93 chars)'],
    ['gitlabToken', 'gitlab-token', 'glpa…(26 chars)'],
    ['slackToken', 'slack-token', 'xoxb…(56 chars)'],
    ['googleApiKey', 'google-api-key', 'AIza…(39 chars)'],
    ['jwt', 'jwt', `eyJ…(${FAKE.jwt.length} chars)`],
    ['connectionString', 'connection-string', `(${FAKE.connectionString.length} chars)`],
  ];
  for (const [name, format, hint] of table) {
    const value = FAKE[name];
    for (const text of [value, `Bearer ${value}`, `token="${value}",`, `key: ${value}\n`, `${value}.`]) {
      const m = S.findFormat(text);
      assert.equal(m?.format, format, `${name} in ${JSON.stringify(text.slice(0, 30))}`);
      assert.equal(S.mask(m!.value, m!.prefix), hint, name);
    }
  }
  const key = S.findFormat(`config:\n  key: |\n${FAKE.privateKey}`);
  assert.equal(key?.format, 'private-key');
  assert.equal(S.mask(key!.value, key!.prefix), `(${FAKE.privateKey.trimEnd().length} chars)`);
});

test('near misses and placeholders of the formats are not credentials', () => {
  const misses = [
    'AK' + 'IA' + 'X'.repeat(16), 'AK' + 'IAIOSFODNN7EXAMPLE', 'AK' + 'IA' + 'ABCDEFGHIJKLMNO', 'AIDA' + 'ABCDEFGHIJKLMNOP', // repeated, docs, short, a user id
    'gh' + 'p_' + 'x'.repeat(36), 'gh' + 'p_' + randomString(1, 35), 'gh' + 'x_' + randomString(2, 36),
    'xo' + 'xb-your-token-here', 'gl' + 'pat-' + 'short', 'AI' + 'za' + randomString(3, 20),
    'ey' + 'Jhbg.eyJzdWIi', // a JWT needs three parts of some length
    '-----BEGIN ' + 'PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----', // a placeholder body
    FAKE_CERTIFICATE, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
    'postgres://db.internal:5432/orders', 'postgres://app:${DB_PASSWORD}@db:5432/orders', 'redis://:$(REDIS_PASSWORD)@redis:6379',
    'amqp://user:<password>@mq:5672', 'https://user@host/path', 'sha256:' + 'a'.repeat(64),
  ];
  for (const v of misses) assert.equal(S.findFormat(v), undefined, v.slice(0, 40));
  assert.equal(S.connectionPassword('jdbc:mysql://app:' + FAKE.password + '@db:3306/x'), FAKE.password);
  assert.equal(S.connectionPassword('redis://:' + FAKE.password + '@redis:6379'), FAKE.password);
  assert.equal(S.isPublicKeyMaterial(FAKE_CERTIFICATE), true);
  assert.equal(S.isPublicKeyMaterial(FAKE.privateKey), false);
});

test('high-entropy strings: random tokens yes; digests, ids, names, paths and base64 text no', () => {
  // Random strings are flagged (a few per thousand read as words, e.g. one with a 10-letter lower-case run).
  let flagged = 0;
  for (let seed = 100; seed < 350; seed++) for (const n of [20, 32, 40, 64]) flagged += S.looksRandom(randomString(seed, n)) ? 1 : 0;
  assert.ok(flagged >= 0.98 * 1000, `${flagged} of 1000 random strings flagged`);
  for (const v of [FAKE.randomKey, FAKE.awsSecretAccessKey, FAKE.githubToken]) assert.equal(S.looksRandom(v), true, v);
  assert.equal(S.looksRandom(randomBytes(7, 32).toString('base64')), true, 'base64 of random bytes');
  const not = [
    randomString(5, 64, '0123456789abcdef'), // a sha256 hex digest
    randomString(6, 40, '0123456789abcdef'), // a git commit
    '123e4567-e89b-12d3-a456-426614174000', 'KubernetesSeedProvider2024Edition', 'MyApplicationName123Version', 'HelloWorld1234567890ABC',
    'io.k8s.cassandra.KubernetesSeedProvider', 'prometheus-operator-7d9f8b6c5d-x2k4j', '/usr/local/nvidia/lib64:/usr/local/cuda/lib64',
    Buffer.from('system:bootstrappers:kubeadm:default-node-token').toString('base64'), randomString(8, 19), 'A1b2C3d4E5f6G7h8I9j0'.toLowerCase(),
    randomString(9, 30, UPPER + DIGITS), randomString(10, 30, LOWER + DIGITS),
  ];
  for (const v of not) assert.equal(S.looksRandom(v), false, v);
  assert.equal(S.shannonEntropy(''), 0);
  assert.equal(S.shannonEntropy('aaaa'), 0);
  assert.equal(S.shannonEntropy('abcd'), 2);
  assert.equal(S.base64Text(Buffer.from('hello world, plain').toString('base64')), 'hello world, plain');
  assert.equal(S.base64Text(randomBytes(3, 30).toString('base64')), undefined);
});

test('mask shows at most four characters of a known prefix, and the length', () => {
  assert.equal(S.mask(FAKE.awsAccessKeyId, 4), 'AKIA…(20 chars)');
  assert.equal(S.mask(FAKE.password), `(${FAKE.password.length} chars)`);
  assert.equal(S.mask(FAKE.githubFineGrainedToken, 11), 'gith…(93 chars)', 'capped at four');
  assert.equal(S.mask('abcdefg', 4), 'a…(7 chars)', 'never more than a quarter of the value');
  assert.equal(S.mask('x'), '(1 char)');
  assert.equal(S.mask('🔑🔑🔑🔑'), '(4 chars)', 'code points are counted');
});

test('settings in config files: lines, JSON, comments and references', () => {
  assert.deepEqual(S.parseSetting('  spring.datasource.password=hunter2 '), { key: 'spring.datasource.password', value: 'hunter2' });
  assert.deepEqual(S.parseSetting('- "password": "a b c",'), { key: 'password', value: 'a b c' });
  assert.deepEqual(S.parseSetting('export DB_PASSWORD=abc # set by ops'), { key: 'DB_PASSWORD', value: 'abc' });
  assert.deepEqual(S.parseSetting("password: 'x#y'"), { key: 'password', value: 'x#y' });
  for (const line of ['# password: x', '; password=x', '// password=x', 'password == x', 'url: http://x', 'no separator here', ': x', 'a b: c']) {
    assert.equal(S.parseSetting(line)?.key === 'password' || S.parseSetting(line)?.key === 'a b', false, line);
  }
  const file = (body: string) => S.settingsEvidence(body);
  assert.deepEqual(file(`db:\n  host: db\n  password: ${FAKE.password}\n`), { kind: 'setting', setting: 'password' });
  assert.equal(file(`[client]\nuser=app\npassword=${FAKE.password}\n`)?.kind, 'setting');
  assert.equal(file(JSON.stringify({ a: [{ b: { apiKey: FAKE.password } }] }))?.kind, 'setting');
  assert.equal(file(`aws_secret_access_key = ${FAKE.awsSecretAccessKey}\n`)?.kind, 'format', 'an AWS secret key by its name and shape');
  for (const clean of [
    'db:\n  password: ${DB_PASSWORD}\n  password_file: /run/secrets/db\n',
    'password: ""\ntoken:\n  fromSecret: x\n',
    'TOKEN_TTL_SECONDS=3600\nPASSWORD_MIN_LENGTH=12\n',
    '{"passwordPolicy": {"minLength": 12}, "token": "$(TOKEN)"}',
    'auth:\n  enabled: true\n',
  ]) assert.equal(file(clean), undefined, clean);
});

test('valueEvidence: format first, then the name, then settings in a file, then randomness', () => {
  assert.equal(S.valueEvidence('DB_PASSWORD', FAKE.githubToken)?.kind, 'format');
  assert.equal(S.valueEvidence('DB_PASSWORD', FAKE.password)?.kind, 'name');
  assert.equal(S.valueEvidence('app.ini', `[db]\npassword = ${FAKE.password}\n`)?.kind, 'setting');
  assert.equal(S.valueEvidence('SPRING_APPLICATION_JSON', JSON.stringify({ 'spring.datasource.password': FAKE.password }))?.kind, 'setting');
  assert.equal(S.valueEvidence('SIGNING', FAKE.randomKey)?.kind, 'random');
  assert.equal(S.valueEvidence('JAVA_OPTS', `-Xmx1g -Dsigning=${FAKE.randomKey}`)?.kind, 'random');
  assert.equal(S.valueEvidence('KNOWN_HOSTS', `github.com ssh-ed25519 ${randomString(4, 68)}\n`), undefined, 'random tokens inside files are not judged');
  assert.equal(S.valueEvidence('GREETING', 'Hello from the environment'), undefined);
  assert.equal(S.valueEvidence('DB_PASSWORD', 'changeme'), undefined);
  // Identifier names: random by design (Kafka's CLUSTER_ID, build digests); a known format still counts.
  for (const name of ['CLUSTER_ID', 'KAFKA_CLUSTER_ID', 'buildSha', 'IMAGE_DIGEST', 'INSTANCE_UUID', 'GIT_COMMIT']) {
    assert.equal(S.valueEvidence(name, FAKE.randomKey), undefined, name);
  }
  assert.equal(S.valueEvidence('CLUSTER_ID', FAKE.githubToken)?.kind, 'format');
  assert.equal(S.valueEvidence('CLUSTER_SECRET', FAKE.randomKey)?.kind, 'name');
  assert.equal(S.valueEvidence('CLUSTER_IDENT', FAKE.randomKey)?.kind, 'random', 'only whole identifier words');
});

test('Secret values: skipped, committed or credential', () => {
  const level = (key: string, text: string, binary = false) => S.judgeSecretValue(key, text, binary).level;
  assert.equal(level('password', ''), 'skip');
  assert.equal(level('password', '<redacted>'), 'skip');
  assert.equal(level('usage-bootstrap-authentication', 'true'), 'skip');
  assert.equal(level('tls.crt', FAKE_CERTIFICATE), 'skip');
  assert.equal(level('password', FAKE.password), 'committed');
  assert.equal(level('username', 'admin'), 'committed');
  assert.equal(level('tls.key', FAKE.privateKey), 'credential');
  assert.equal(level('aws_secret_access_key', FAKE.awsSecretAccessKey), 'credential');
  assert.equal(level('token', FAKE.randomKey), 'credential');
  assert.equal(level('.dockerconfigjson', JSON.stringify({ auths: { 'registry.example': { auth: Buffer.from('u:' + FAKE.password).toString('base64') } } })), 'credential');
  assert.equal(level('key', randomBytes(9, 32).toString('base64'), true), 'credential');
  assert.equal(level('blob', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]).toString('base64'), true), 'committed');
});

test('decodeBase64 follows Kubernetes: padding required, line breaks ignored', () => {
  assert.equal(Buffer.from(S.decodeBase64('aGVsbG8=')!).toString(), 'hello');
  assert.equal(Buffer.from(S.decodeBase64('aGVs\nbG8=')!).toString(), 'hello');
  for (const bad of ['aGVsbG8', 'aGVs bG8=', 'aGVsbG8=a', 'a===', 'REPLACE_WITH_BASE64_CERT']) assert.equal(S.decodeBase64(bad), undefined, bad);
});

// ---- linear time ----

const SOURCE_DIRS = ['server/src/engine/secrets', 'server/src/engine/rules/secrets'];

test('the linearity checker rejects backtracking shapes and accepts linear ones', () => {
  const bad = [/(a+)+$/, /^(a*)*$/, /^(a|a)*$/, /^(?:ab|a)+$/, /^(?:a?){3}a{3}$/, /^\w+\d*$/, /ab+/, /^(x)\1$/, /^(?<n>x)\k<n>$/, /^a+$/g, /^a+$/m, /(?=a)b+/];
  const good = [/^[a-z]+$/, /^A[KS]IA[A-Z2-7]{16}$/, /(?<![a-z])ab[a-z]+/, /^(?:a|b)c+$/, /^[a-z]+:[0-9]+$/, /abc/, /^a(?:bc)?d+$/];
  for (const re of bad) assert.notDeepEqual(linearityProblems(re), [], `should reject ${re}`);
  for (const re of good) assert.deepEqual(linearityProblems(re), [], `should accept ${re}`);
});

test('every regular expression of the secret detectors and rules has a linear-time shape', () => {
  const files = SOURCE_DIRS.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, d, f)));
  const { literals, dynamic } = regexesInSources(files, (f) => readFileSync(f, 'utf8'));
  assert.deepEqual(dynamic, [], 'regular expressions built at run time cannot be checked');
  const sources = new Set(literals.map((l) => `/${l.re.source}/${l.re.flags}`));
  for (const re of S.FORMAT_REGEXES) assert.ok(sources.has(`/${re.source}/${re.flags}`), `exported ${re} was found in the sources`);
  for (const { where, re } of literals) assert.deepEqual(linearityProblems(re), [], `${where}: ${re}`);
});

const N = 100_000;
const HOSTILE: Record<string, string> = {
  'a...!': 'a'.repeat(N) + '!',
  'AKIA x25000': 'AKIA'.repeat(N / 4),
  colons: ':'.repeat(N),
  ats: '@'.repeat(N),
  'a:': 'a:'.repeat(N / 2),
  'u:p@': 'u:p@'.repeat(N / 4),
  'scheme://': 'x://'.repeat(N / 4),
  'scheme://a:': 'x://a:' + 'b'.repeat(N),
  'BEGIN x10000': '-----BEGIN'.repeat(N / 10),
  'BEGIN PRIVATE KEY x': '-----BEGIN PRIVATE KEY-----'.repeat(N / 27),
  'open PEM body': '-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(N),
  eyJ: 'eyJ'.repeat(N / 3),
  'eyJ.': 'eyJaaaaaaaaa.'.repeat(N / 13),
  'xoxb-1': 'xoxb-1'.repeat(N / 6),
  'xoxb-digits': 'xoxb-' + '1'.repeat(N),
  'ghp_': 'ghp_'.repeat(N / 4),
  'github_pat_': 'github_pat_'.repeat(N / 11),
  'glpat-': 'glpat-' + 'a'.repeat(N),
  base64: randomString(1, N, BASE62 + '+/'),
  'base64 padding': 'QUFB'.repeat(N / 4) + '====',
  '${': '${'.repeat(N / 2),
  '<': '<'.repeat(N) + 'x',
  'key=': 'password='.repeat(N / 9),
  'key=,,,': 'password=x' + ',;'.repeat(N / 2),
  'lines key: value': 'password: hunter2\n'.repeat(N / 18),
  'long key': 'p'.repeat(N) + ': x',
  JSON: '{"password":'.repeat(N / 12),
  'deep JSON': '['.repeat(N / 2) + ']'.repeat(N / 2),
  'JSON object': JSON.stringify(Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`k${i}`, 'v']))),
  spaces: ' '.repeat(N),
  newlines: '\n'.repeat(N),
  digits: DIGITS.repeat(N / 10),
  unicode: '🔑'.repeat(N / 2),
  'CamelName': 'Aa'.repeat(N / 2),
};

test('every detector returns on ~100 KB hostile inputs', () => {
  const detectors: Record<string, (s: string) => unknown> = {
    nameWords: S.nameWords, isCredentialName: S.isCredentialName, isPlaceholder: S.isPlaceholder, hasReference: S.hasReference,
    isPathLike: S.isPathLike, isRepeatedChar: S.isRepeatedChar, isBooleanLike: S.isBooleanLike, looksRandom: S.looksRandom,
    shannonEntropy: S.shannonEntropy, base64Text: S.base64Text, tokens: S.tokens, tokenFormat: S.tokenFormat, findFormat: S.findFormat,
    findPrivateKey: S.findPrivateKey, connectionPassword: S.connectionPassword, isPublicKeyMaterial: S.isPublicKeyMaterial,
    formatEvidence: S.formatEvidence, randomEvidence: S.randomEvidence, parseSetting: S.parseSetting, settingsEvidence: S.settingsEvidence,
    isLiteralCredential: S.isLiteralCredential, decodeBase64: S.decodeBase64, mask: (s) => S.mask(s, 4),
    namedValueEvidence: (s) => S.namedValueEvidence(s, s), valueEvidence: (s) => S.valueEvidence('API_TOKEN', s),
    valueEvidenceAsName: (s) => S.valueEvidence(s, 'x'), judgeSecretValue: (s) => S.judgeSecretValue(s, s, false),
    judgeSecretBinary: (s) => S.judgeSecretValue('k', s, true),
    isKeyName: S.isKeyName, looksLikeKeyMaterial: S.looksLikeKeyMaterial, hasAnglePlaceholder: S.hasAnglePlaceholder,
    echoesName: (s) => S.echoesName(s, s), echoesNameShort: (s) => S.echoesName('API_KEY', s),
  };
  let calls = 0;
  for (const [inputName, input] of Object.entries(HOSTILE)) {
    assert.ok(input.length >= N * 0.9 || inputName === 'JSON object', `${inputName} is long (${input.length})`);
    for (const [name, detect] of Object.entries(detectors)) {
      const result = detect(input);
      assert.notEqual(typeof result, 'function', `${name}(${inputName})`);
      calls++;
    }
    for (const re of S.FORMAT_REGEXES) {
      re.test(input);
      calls++;
    }
  }
  assert.equal(calls, Object.keys(HOSTILE).length * (Object.keys(detectors).length + S.FORMAT_REGEXES.length));
});

test('the secret rules lint manifests with hostile values', () => {
  for (const [name, input] of Object.entries(HOSTILE)) {
    const v = JSON.stringify(input);
    const text = [
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${v}\ndata:\n  token: ${v}\n`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  app.properties: ${v}\nbinaryData:\n  blob: ${v}\n`,
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    env:\n    - name: API_TOKEN\n      value: ${v}\n`,
    ].join('---\n');
    const findings = lintYaml(text).filter((f) => f.ruleId.startsWith('secret-'));
    assert.ok(findings.length <= 6, `${name}: ${findings.length} findings`);
    for (const f of findings) assert.ok(f.message.length < 400 && !f.message.includes(input.slice(0, 16)), `${name}: ${f.message.slice(0, 200)}`);
  }
});

test('GPG_KEY holding a public key fingerprint (docker-library images) is not a credential name', async () => {
  const { lintText } = await import('../../../server/src/engine/lint');
  const text = 'FROM python:3.12-slim\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n';
  assert.deepEqual(lintText(text, 'dockerfile').filter((f) => f.ruleId === 'secret-in-env'), []);
  const priv = 'FROM python:3.12-slim\nENV GPG_PRIVATE_KEY=' + 'k'.repeat(4) + 'Q9x' + 'z'.repeat(3) + '\n';
  assert.equal(lintText(priv, 'dockerfile').filter((f) => f.ruleId === 'secret-in-env').length, 1);
});
