// dockerfile-add: ADD where COPY does; remote URLs and local archives are named in the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddSource } from '../../../server/src/engine/rules/dockerfile/dockerfile-add';
import { unquoteWord } from '../../../server/src/engine/views/dockerfile-vars';
import { dockerfileFindings, dockerfileRuleTests } from '../../helpers/dockerfile-tester';
import { dockerfileFixTests, dockerfileNoFixTests } from '../../helpers/dockerfile-fix-tester';

dockerfileRuleTests('dockerfile-add', {
  valid: [
    { name: 'COPY', text: 'FROM alpine:3.20\nCOPY app.py /app/\n' },
    { name: 'a remote file pinned with --checksum', text: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n' },
    { name: 'a git repository over https', text: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n' },
    { name: 'a git repository over ssh', text: 'FROM alpine:3.20\nADD --keep-git-dir=true git@github.com:moby/buildkit.git /src\n' },
    { name: 'ADD in a comment', text: 'FROM alpine:3.20\n# ADD app.py /app/\n' },
    { name: 'a git repository with a query (BuildKit 1.x git URL form)', text: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=v0.14.0&subdir=docs /src\n' },
    { name: 'a quoted git repository pinned with --checksum (a commit)', text: 'FROM alpine:3.20\nADD --checksum=be1f38e "https://github.com/moby/buildkit.git#v0.26.2" /src\n' },
    { name: 'a git repository over scp-like ssh with another user', text: 'FROM alpine:3.20\nADD deploy@git.example.com:team/repo.git /src\n' },
    { name: 'a quoted remote URL pinned with --checksum', text: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "https://example.com/tool" /opt/\n' },
    { name: 'a variable without a value: what it is cannot be told', text: 'FROM alpine:3.20\nARG SRC\nADD ${SRC} /x\n' },
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
      name: 'issue 16: a quoted remote URL is a download, named without its quotes',
      text: 'FROM alpine:3.20\nADD "http://example.com/tool" /x\n',
      errors: [{ at: 'ADD', message: 'ADD downloads "http://example.com/tool" at build time' }],
    },
    { name: 'a single-quoted remote URL', text: "FROM alpine:3.20\nADD 'https://example.com/a.tar.gz' /x\n", errors: [{ at: 'ADD', message: 'downloads "https://example.com/a.tar.gz"' }] },
    { name: 'a remote URL in the JSON form', text: 'FROM alpine:3.20\nADD ["http://example.com/tool", "/x"]\n', errors: [{ at: 'ADD', message: 'downloads "http://example.com/tool"' }] },
    { name: 'a remote URL through an ARG default', text: 'FROM alpine:3.20\nARG URL=https://example.com/tool\nADD ${URL} /x\n', errors: [{ at: 'ADD', message: 'downloads "https://example.com/tool"' }] },
    { name: 'a remote URL with a variable without a value is still a download', text: 'FROM alpine:3.20\nARG V\nADD https://example.com/v$V/agent.jar /x\n', errors: [{ at: 'ADD', message: 'downloads "https://example.com/v$V/agent.jar"' }] },
    { name: 'a local file with a variable without a value', text: 'FROM alpine:3.20\nARG V\nADD dist/app-$V.jar /x\n', errors: [{ at: 'ADD', message: 'COPY instead of ADD for "dist/app-$V.jar"' }] },
    { name: 'a quoted local file is named without its quotes', text: 'FROM alpine:3.20\nADD "app.py" /app/\n', errors: [{ at: 'ADD', message: 'COPY instead of ADD for "app.py"' }] },
    { name: 'issue 16: a single gzip file may be an archive', text: 'FROM scratch\nADD data.gz /d/\n', errors: [{ at: 'ADD', message: 'extracts the local archive "data.gz"' }] },
    { name: 'issue 16: a single bzip2 file', text: 'FROM scratch\nADD data.bz2 /d/\n', errors: [{ at: 'ADD', message: '"data.bz2"' }] },
    { name: 'issue 16: a single xz file', text: 'FROM scratch\nADD data.xz /d/\n', errors: [{ at: 'ADD', message: '"data.xz"' }] },
    { name: 'a quoted archive', text: 'FROM scratch\nADD "rootfs.tar.gz" /\n', errors: [{ at: 'ADD', message: 'extracts the local archive "rootfs.tar.gz"' }] },
    { name: 'a local archive with --unpack=false is only copied', text: 'FROM scratch\nADD --unpack=false rootfs.tar.gz /\n', errors: [{ at: 'ADD', message: 'COPY instead of ADD for "rootfs.tar.gz"' }] },
    { name: 'a lzip-compressed tar is not extracted by ADD', text: 'FROM scratch\nADD rootfs.tar.lz /\n', errors: [{ at: 'ADD', message: 'COPY instead of ADD for "rootfs.tar.lz"' }] },
    { name: 'a git URL that is not .git is a download', text: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit/archive/v0.14.0.tar.gz /src\n', errors: [{ at: 'ADD', message: 'downloads' }] },
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
    ['app.py', 'local'], ['.', 'local'], ['*.txt', 'local'],
    ['a.tar', 'archive'], ['a.tar.gz', 'archive'], ['a.TGZ', 'archive'], ['a.tar.xz', 'archive'], ['a.tar.zst', 'archive'], ['a.tar.bz2', 'archive'],
    ['a.gz', 'archive'], ['a.bz2', 'archive'], ['a.xz', 'archive'], ['a.zst', 'archive'], ['a.tbz2', 'archive'], ['a.txz', 'archive'], ['*.tar.gz', 'archive'],
    ['a.zip', 'local'], ['a.tar.lz', 'local'], ['a.tar.lzma', 'local'], ['a.tar.Z', 'local'], ['.gz', 'local'], ['gz', 'local'],
    ['https://example.com/a', 'remote'], ['HTTP://example.com/a.tar.gz', 'remote'], ['https://example.com/repo.git.tar.gz', 'remote'],
    ['https://github.com/a/b.git', 'git'], ['https://github.com/a/b.git#main', 'git'], ['https://github.com/a/b.git#main:docs', 'git'], ['https://github.com/a/b.git?ref=v1', 'git'],
    ['git@github.com:a/b.git', 'git'], ['ci-bot@git.example.com:a/b', 'git'], ['git://example.com/r', 'git'], ['ssh://git@example.com/r.git', 'git'],
    ['user@host', 'local'], ['a@b/c:d', 'local'], ['@host:x', 'local'],
    ['<<EOF', 'heredoc'],
  ];
  for (const [src, kind] of cases) assert.equal(classifyAddSource(src), kind, src);
});

dockerfileFixTests('dockerfile-add', [
  { name: 'a local file', text: 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n', output: 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n', kind: 'fix' },
  { name: 'lower case, flags kept', text: 'FROM alpine:3.20\nadd --chown=app:app src/ /app/\n', output: 'FROM alpine:3.20\nCOPY --chown=app:app src/ /app/\n' },
  { name: 'a line continuation', text: 'FROM alpine:3.20\nADD \\\n  a b \\\n  /c/\nRUN true\n', output: 'FROM alpine:3.20\nCOPY \\\n  a b \\\n  /c/\nRUN true\n' },
  { name: 'the exec form', text: 'FROM alpine:3.20\nADD ["my file.txt", "/app/"]\n', output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/app/"]\n' },
  { name: 'a quoted local file', text: 'FROM alpine:3.20\nADD "app.py" /app/\n', output: 'FROM alpine:3.20\nCOPY "app.py" /app/\n' },
  { name: 'a local file through an ARG default', text: 'FROM alpine:3.20\nARG SRC=app.py\nADD $SRC /app/\n', output: 'FROM alpine:3.20\nARG SRC=app.py\nCOPY $SRC /app/\n' },
  { name: 'a heredoc', text: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n', output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
  { name: 'ONBUILD ADD', text: 'FROM node:20\nONBUILD ADD . /usr/src/app\n', output: 'FROM node:20\nONBUILD COPY . /usr/src/app\n' },
  { name: 'the second of two', index: 1, text: 'FROM alpine:3.20\nADD a /a\nADD b /b\n', output: 'FROM alpine:3.20\nADD a /a\nCOPY b /b\n' },
]);

dockerfileNoFixTests('dockerfile-add', [
  { name: 'a file next to a local archive (COPY would not extract it)', text: 'FROM scratch\nADD rootfs.tgz config.json /\n' },
  { name: 'a local archive', text: 'FROM scratch\nADD rootfs.tar.xz /\n' },
  { name: 'a remote URL', text: 'FROM alpine:3.20\nADD https://example.com/tool /usr/local/bin/tool\n' },
  { name: 'an ADD-only flag', text: 'FROM alpine:3.20\nADD --unpack=false app.py /app/\n' },
  { name: 'issue 16: a quoted remote URL (COPY cannot fetch it)', text: 'FROM alpine:3.20\nADD "http://example.com/tool" /x\n' },
  { name: 'issue 16: a single compressed file (ADD may extract it)', text: 'FROM scratch\nADD data.gz /d/\n' },
  { name: 'a file next to a variable without a value (it may be a URL)', text: 'FROM alpine:3.20\nARG SRC\nADD a.txt ${SRC} /d/\n' },
  { name: 'a remote URL through an ARG default', text: 'FROM alpine:3.20\nARG URL=https://example.com/tool\nADD ${URL} /x\n' },
  { name: 'a local file with a variable without a value (it may name an archive)', text: 'FROM alpine:3.20\nARG V\nADD dist/app-$V /x\n' },
]);

test('unquoteWord removes quotes and escapes as BuildKit reads ADD and COPY sources', () => {
  const cases: [string, string, string?][] = [
    ['"http://example.com/x"', 'http://example.com/x'],
    ["'a b'", 'a b'],
    ['"a\\"b"', 'a"b'],
    ['"C:\\dir"', 'C:\\dir'],
    ['a\\ b', 'a b'],
    ['`"x`"', '"x"', '`'],
    ['C:\\Program\\x', 'C:\\Program\\x', '`'],
    ['"unterminated', 'unterminated'],
    ['plain', 'plain'],
  ];
  for (const [word, want, escape] of cases) assert.equal(unquoteWord(word, escape), want, word);
});
