// Which files a scan reads: folder recursion, skipped folders, symbolic links, explicit files, encodings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertBuilt, FIX, FIXTURES, jsonOf, lines, runCli } from './helpers';

before(assertBuilt);

const POD = readFileSync(join(FIXTURES, 'insecure-pod.yaml'), 'utf8');
let dir: string;

function put(rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-cli-')));
  put('a/b/pod.yaml', POD);
  put('a/b/notes.txt', POD);
  put('a/Dockerfile', 'FROM alpine:3.20\n');
  put('node_modules/dep/pod.yaml', POD);
  put('.git/pod.yaml', POD);
  put('.svn/pod.yaml', POD);
  put('.hg/pod.yaml', POD);
  put('.github/workflows/ci.yml', readFileSync(join(FIXTURES, 'workflow.yml')));
  symlinkSync('..', join(dir, 'a', 'loop')); // a loop: a/loop/a/loop/...
  symlinkSync(join(dir, 'node_modules'), join(dir, 'deps')); // a link to a skipped folder
  symlinkSync(join('a', 'b', 'pod.yaml'), join(dir, 'link.yaml'));
  symlinkSync('nowhere.yaml', join(dir, 'dangling.yaml'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const scanned = (args: string[], cwd = dir) => {
  const r = runCli(['scan', ...args, '-f', 'json', '--fail-on', 'none'], { cwd });
  assert.equal(r.status, 0, r.stderr);
  return jsonOf(r);
};

test('a folder is walked recursively in sorted order, skipping node_modules, VCS folders and folder links', () => {
  const report = scanned([]);
  assert.deepEqual(report.files, ['.github/workflows/ci.yml', 'a/Dockerfile', 'a/b/pod.yaml', 'link.yaml']);
  const privileged = report.findings.filter((f: any) => f.ruleId === 'privileged-container');
  assert.deepEqual(privileged.map((f: any) => [f.file, f.start.line, f.start.column]), [['a/b/pod.yaml', 11, 9], ['link.yaml', 11, 9]]);
  assert.deepEqual(scanned(['.']).files, report.files, "the default path is '.'");
});

test('a folder named on the command line is scanned even if it would be skipped inside a walk', () => {
  assert.deepEqual(scanned(['node_modules']).files, ['node_modules/dep/pod.yaml']);
  assert.deepEqual(scanned(['deps']).files, ['deps/dep/pod.yaml'], 'an explicit link to a folder is followed');
});

test('a file is scanned once however often it is named', () => {
  assert.deepEqual(scanned(['a', 'a/b/pod.yaml', './a/b/pod.yaml']).files, ['a/Dockerfile', 'a/b/pod.yaml']);
});

test('a file named explicitly is checked whatever its name; in a folder only known names are', () => {
  const r = runCli(['scan', `${FIX}/pod.manifest`]);
  assert.equal(r.status, 1);
  assert.ok(lines(r.stdout).includes(`${FIX}/pod.manifest:9:25 error privileged-container Container "app" runs privileged (securityContext.privileged: true).`), r.stdout);
  const notes = scanned(['a/b/notes.txt']);
  assert.deepEqual(notes.files, ['a/b/notes.txt']);
  assert.equal(notes.findings.filter((f: any) => f.ruleId === 'privileged-container').length, 1);
});

test('paths outside the working folder are shown absolute', () => {
  const report = scanned(['../link.yaml'], join(dir, 'a'));
  assert.deepEqual(report.files, [join(dir, 'link.yaml')]);
  assert.ok(report.findings.every((f: any) => f.file === join(dir, 'link.yaml')));
});

test('a byte-order mark is not counted and CRLF line ends are handled', () => {
  put('enc/bom.yaml', '\uFEFF' + POD);
  put('enc/crlf.yaml', POD.replace(/\n/g, '\r\n'));
  const report = scanned(['enc']);
  const priv = report.findings.filter((f: any) => f.ruleId === 'privileged-container');
  assert.deepEqual(priv.map((f: any) => [f.file, f.start.line, f.start.column, f.end.column]), [['enc/bom.yaml', 11, 9, 25], ['enc/crlf.yaml', 11, 9, 25]]);
  assert.equal(priv[0].start.offset, POD.indexOf('privileged: true'), 'offsets count from after the BOM');
});

test('content that is not text gives one binary-file note, never a crash', () => {
  put('bin/image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28]));
  put('bin/random.yaml', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 151 + 7) % 256)));
  const report = scanned(['bin']);
  assert.deepEqual(report.findings.map((f: any) => [f.file, f.ruleId, f.severity]), [['bin/image.yaml', 'binary-file', 'info'], ['bin/random.yaml', 'binary-file', 'info']]);
  assert.equal(runCli(['scan', 'bin'], { cwd: dir }).status, 0, 'a note is below the default --fail-on');
});

test('text in an 8-bit encoding is not skipped as binary: a file-encoding error and exit 1', () => {
  put('latin1/latin1.yaml', Buffer.from(Array.from({ length: 64 }, (_, i) => 0xc0 + (i % 32))));
  const report = scanned(['latin1']);
  assert.deepEqual(report.findings.map((f: any) => [f.file, f.ruleId, f.severity]), [['latin1/latin1.yaml', 'binary-file', 'info'], ['latin1/latin1.yaml', 'file-encoding', 'error']]);
  assert.equal(runCli(['scan', 'latin1'], { cwd: dir }).status, 1);
});

test('an unreadable file or folder exits 2 with one line', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
  put('locked/pod.yaml', POD);
  put('closed/pod.yaml', POD);
  chmodSync(join(dir, 'locked', 'pod.yaml'), 0o000);
  chmodSync(join(dir, 'closed'), 0o000);
  try {
    const file = runCli(['scan', 'locked'], { cwd: dir });
    assert.equal(file.status, 2);
    assert.equal(file.stderr, "shipshape: cannot read 'locked/pod.yaml': permission denied\n");
    const folder = runCli(['scan', 'closed'], { cwd: dir });
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr, "shipshape: cannot read 'closed': permission denied\n");
  } finally {
    chmodSync(join(dir, 'locked', 'pod.yaml'), 0o644);
    chmodSync(join(dir, 'closed'), 0o755);
  }
});
