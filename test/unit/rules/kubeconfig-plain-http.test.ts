import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFindings, findingsOf } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';

const ID = 'kubeconfig-plain-http';
/** A kubeconfig with one cluster per `server` value (extra cluster fields after `|`). */
const config = (...servers: string[]): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...servers.flatMap((s, i) => {
      const [server, ...extra] = s.split('|');
      return [`- name: c${i}`, '  cluster:', `    server: ${server}`, ...extra.map((e) => `    ${e}`)];
    }),
    '',
  ].join('\n');

test(`${ID}: https, an http proxy in front of https, a scheme-less or mistyped server are not reported`, () => {
  const text = config(
    'https://api.example.com:6443',
    'HTTPS://api.example.com',
    'https://api.example.com|proxy-url: http://proxy.corp:3128',
    'api.example.com:6443',
    'htto://api.example.com',
    '""',
    'null',
  );
  assertFindings(text, findingsOf(ID, text), []);
});

test(`${ID}: an http:// server is an error on its value, quoted or not, any case`, () => {
  const text = config('http://api.example.com:8080', '"http://10.0.0.1"', 'HTTP://API.EXAMPLE.COM', "'http://user:pw@api.example.com'");
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'http://api.example.com:8080', message: ['Cluster "c0"', 'plain http://'] },
    { at: '"http://10.0.0.1"', message: 'Cluster "c1"' },
    { at: 'HTTP://API.EXAMPLE.COM', message: 'Cluster "c2"' },
    { at: "'http://user:pw@api.example.com'", message: 'Cluster "c3"' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'error', 'error', 'error']);
  assert.ok(findings.every((f) => !f.message.includes('pw@')), 'the URL is not repeated');
});

test(`${ID}: a loopback server is a warning`, () => {
  const text = config('http://127.0.0.1:8001', 'http://localhost:8080/', 'http://[::1]:8001', 'http://127.example.com');
  const findings = findingsOf(ID, text);
  assertFindings(text, findings, [
    { at: 'http://127.0.0.1:8001', message: 'on this machine' },
    { at: 'http://localhost:8080/', message: 'on this machine' },
    { at: 'http://[::1]:8001', message: 'on this machine' },
    { at: 'http://127.example.com', message: 'unencrypted' },
  ]);
  assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning', 'warning', 'error']);
});

test(`${ID}: a configured severity wins over the loopback warning`, async () => {
  const { settingsWith } = await import('../../helpers/rule-tester');
  const text = config('http://127.0.0.1:8001');
  assert.deepEqual(findingsOf(ID, text, settingsWith({ rules: { [ID]: 'info' } })).map((f) => f.severity), ['info']);
});

test(`${ID}: suggestion switches to https:// keeping quotes and line ends`, () => {
  for (const [written, fixed] of [
    ['http://api.example.com:6443', 'https://api.example.com:6443'],
    ['"http://api.example.com"', '"https://api.example.com"'],
    ["'HTTP://api.example.com' # old", "'https://api.example.com' # old"],
    ['http://127.0.0.1:8080', 'https://127.0.0.1:8080'],
  ]) {
    for (const eol of ['\n', '\r\n']) {
      const text = config('https://ok.example.com', written).replace(/\n/g, eol);
      assertFix(text, ID, { kind: 'suggestion', expectedOutput: config('https://ok.example.com', fixed).replace(/\n/g, eol) });
    }
  }
});
