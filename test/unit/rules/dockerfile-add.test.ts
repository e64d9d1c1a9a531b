// dockerfile-add: ADD where COPY does; remote URLs and local archives are named in the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddSource } from '../../../server/src/engine/rules/dockerfile/dockerfile-add';
import { dockerfileFindings, dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { dockerfileFixTests, dockerfileNoFixTests } from '../../helpers/dockerfile-fix-tester';

dockerfileRuleTests('dockerfile-add', {
  valid: [
    { name: 'COPY', text: 'FROM alpine:3.20\nCOPY app.py /app/\n' },
    { name: 'a remote file pinned with --checksum', text: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n' },
    { name: 'a git repository over https', text: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n' },
    { name: 'a git repository over ssh', text: 'FROM alpine:3.20\nADD --keep-git-dir=true git@github.com:moby/buildkit.git /src\n' },
    { name: 'ADD in a comment', text: 'FROM alpine:3.20\n# ADD app.py /app/\n' },
  ],
  invalid: [
    { name: 'a local file', text: 'FROM alpine:3.20\nADD app.py /app/\n', errors: [{ at: 'ADD', message: 'Use COPY instead of ADD for "app.py"' }] },
    { name: 'a directory with --chown', text: 'FROM alpine:3.20\nADD --chown=app:app src/ /app/\n', errors: [{ at: 'ADD', message: '"src/"' }] },
    { name: 'a lower-case instruction', text: 'FROM alpine:3.20\nadd . /app\n', errors: [{ at: 'add', message: '"."' }] },
    { name: 'the exec form', text: 'FROM alpine:3.20\nADD ["my file.txt", "/app/"]\n', errors: [{ at: 'ADD', message: '"my file.txt"' }] },
    { name: 'a heredoc', text: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n', errors: [{ at: 'ADD', message: '"<<EOF"' }] },
    {
      name: 'a remote URL without a checksum',
      text: 'FROM alpine:3.20\nADD https://example.com/tool /usr/local/bin/tool\n',
      errors: [{ at: 'ADD', message: ['downloads "https://example.com/tool"', '--checksum'] }],
    },
    { name: 'a remote archive is a download, not an extraction', text: 'FROM alpine:3.20\nADD http://example.com/a.tar.gz /opt/\n', errors: [{ at: 'ADD', message: 'downloads' }] },
    { name: 'a remote URL among local files', text: 'FROM alpine:3.20\nADD a.txt https://example.com/b.txt /data/\n', errors: [{ at: 'ADD', message: 'downloads "https://example.com/b.txt"' }] },
    { name: 'a local archive', text: 'FROM scratch\nADD rootfs.tar.xz /\n', errors: [{ at: 'ADD', message: ['extracts the local archive "rootfs.tar.xz"', 'intended'] }] },
    { name: 'a file next to an archive', text: 'FROM scratch\nADD rootfs.tgz config.json /\n', errors: [{ at: 'ADD', message: '"config.json"' }] },
    { name: 'ONBUILD ADD', text: 'FROM node:20\nONBUILD ADD . /usr/src/app\n', errors: [{ at: 'ADD', message: '"."' }] },
    {
      name: 'one finding per ADD',
      text: 'FROM alpine:3.20\nADD a /a\nCOPY b /b\nADD \\\n  c /c\n',
      errors: [{ at: 'ADD', occurrence: 0 }, { at: 'ADD', occurrence: 1, message: '"c"' }],
    },
  ],
});

test('dockerfile-add: local archives are informational, the rest warnings', () => {
  assert.deepEqual(dockerfileFindings('dockerfile-add', 'FROM scratch\nADD rootfs.tar.gz /\n').map((f) => f.severity), ['info']);
  assert.deepEqual(dockerfileFindings('dockerfile-add', 'FROM scratch\nADD rootfs /\n').map((f) => f.severity), ['warning']);
  assert.deepEqual(dockerfileFindings('dockerfile-add', 'FROM scratch\nADD https://x.example/rootfs.tar.gz /\n').map((f) => f.severity), ['warning']);
});

test('classifyAddSource', () => {
  const cases: [string, string][] = [
    ['app.py', 'local'], ['.', 'local'], ['*.txt', 'local'], ['$SRC', 'local'],
    ['a.tar', 'archive'], ['a.tar.gz', 'archive'], ['a.TGZ', 'archive'], ['a.tar.xz', 'archive'], ['a.tar.zst', 'archive'], ['a.tar.bz2', 'archive'],
    ['a.zip', 'local'], ['a.gz', 'local'],
    ['https://example.com/a', 'remote'], ['HTTP://example.com/a.tar.gz', 'remote'],
    ['https://github.com/a/b.git', 'git'], ['https://github.com/a/b.git#main', 'git'], ['git@github.com:a/b.git', 'git'], ['git://example.com/r', 'git'],
    ['<<EOF', 'heredoc'],
  ];
  for (const [src, kind] of cases) assert.equal(classifyAddSource(src), kind, src);
});

dockerfileFixTests('dockerfile-add', [
  { name: 'a local file', text: 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n', output: 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n', kind: 'fix' },
  { name: 'lower case, flags kept', text: 'FROM alpine:3.20\nadd --chown=app:app src/ /app/\n', output: 'FROM alpine:3.20\nCOPY --chown=app:app src/ /app/\n' },
  { name: 'a line continuation', text: 'FROM alpine:3.20\nADD \\\n  a b \\\n  /c/\nRUN true\n', output: 'FROM alpine:3.20\nCOPY \\\n  a b \\\n  /c/\nRUN true\n' },
  { name: 'the exec form', text: 'FROM alpine:3.20\nADD ["my file.txt", "/app/"]\n', output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/app/"]\n' },
  { name: 'a heredoc', text: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n', output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
  { name: 'ONBUILD ADD', text: 'FROM node:20\nONBUILD ADD . /usr/src/app\n', output: 'FROM node:20\nONBUILD COPY . /usr/src/app\n' },
  { name: 'the second of two', index: 1, text: 'FROM alpine:3.20\nADD a /a\nADD b /b\n', output: 'FROM alpine:3.20\nADD a /a\nCOPY b /b\n' },
]);

dockerfileNoFixTests('dockerfile-add', [
  { name: 'a file next to a local archive (COPY would not extract it)', text: 'FROM scratch\nADD rootfs.tgz config.json /\n' },
  { name: 'a local archive', text: 'FROM scratch\nADD rootfs.tar.xz /\n' },
  { name: 'a remote URL', text: 'FROM alpine:3.20\nADD https://example.com/tool /usr/local/bin/tool\n' },
  { name: 'an ADD-only flag', text: 'FROM alpine:3.20\nADD --unpack=false app.py /app/\n' },
]);
