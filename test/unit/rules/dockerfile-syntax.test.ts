// dockerfile-syntax: what docker build rejects outright, and parser failures, as findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDockerfile } from '../../../server/src/engine/lint-dockerfile';
import { DockerfileView } from '../../../server/src/engine/views/dockerfile';
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('dockerfile-syntax', {
  valid: [
    { name: 'every instruction', text: 'ARG V=1\nFROM alpine:3.20 AS a\nLABEL a=b\nMAINTAINER x\nENV A=1\nWORKDIR /w\nCOPY . .\nADD a b\nRUN true\nEXPOSE 80\nVOLUME /data\nUSER 1000\nSHELL ["/bin/sh", "-c"]\nSTOPSIGNAL SIGTERM\nONBUILD RUN true\nHEALTHCHECK NONE\nENTRYPOINT ["a"]\nCMD ["b"]\n' },
    { name: 'lower-case instructions', text: 'from alpine:3.20\nrun true\n' },
    { name: 'an empty file', text: '\n' },
    { name: 'only comments and a directive', text: '# syntax=docker/dockerfile:1\n# nothing yet\n' },
    { name: 'template lines', text: '{{ if .alpine }}\nFROM alpine:3.20\n{{ end }}\n' },
    { name: 'a heredoc body is not instructions', text: 'FROM alpine:3.20\nRUN <<EOF\necho hi\nnot-an-instruction here\nEOF\n' },
  ],
  invalid: [
    { name: 'an unknown instruction', text: 'FROM alpine:3.20\nRUN apt-get update &&\n  apt-get install -y curl\n', errors: [{ at: 'apt-get', occurrence: 1, message: 'Unknown instruction "apt-get"' }] },
    { name: 'a missing continuation under escape=`', text: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a \\\n  echo b\n', errors: [{ at: 'echo', occurrence: 1, message: '"echo"' }] },
    // A value at the start of a line (a continuation missing after `ENV TOKEN=\`) is not quoted: it may be a credential.
    { name: 'an unknown instruction that looks like a token', text: `FROM alpine:3.20\nENV TOKEN=\n${'gh' + 'p_' + 'aB3'.repeat(12)}\n`, errors: [{ at: 'gh' + 'p_' + 'aB3'.repeat(12), message: 'Unknown instruction (40 chars), not shown as it may be a value' }] },
    { name: 'RUN before FROM', text: 'ARG V=1\nRUN true\nFROM alpine:3.20\n', errors: [{ at: 'RUN', message: 'RUN before the first FROM' }] },
    { name: 'no FROM', text: 'ARG V=1\nRUN true\n', errors: [{ at: 'ARG', message: 'no FROM instruction' }] },
  ],
});

test('dockerfile-syntax: a parser exception becomes one finding', (t) => {
  // The reader throws on no text; the view built from it stands in for any failure while reading the file.
  const proto = DockerfileView.prototype as unknown as { stage: () => never };
  t.mock.method(proto, 'stage', () => {
    throw new Error('parser exploded');
  });
  const findings = lintDockerfile('FROM alpine:3.20\n');
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message, f.span]),
    [['dockerfile-syntax', 'error', 'This Dockerfile could not be checked: parser exploded.', { start: 0, end: 1 }]],
  );
  t.mock.restoreAll();
  assert.ok(lintDockerfile('FROM alpine:3.20\n').every((f) => f.ruleId !== 'dockerfile-syntax'));
});
