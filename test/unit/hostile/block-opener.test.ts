// blockOpener (fixes/block-opener.ts) replaces a regular expression that takes quadratic time on long lines: it must
// agree with that expression on every line, and stay linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockOpener } from '../../../server/src/engine/fixes/block-opener';

/** The expression yaml-edit.ts used before. */
const OPENER = /^( *)((?:- +)*)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"-][^#]*?|-[^\s#][^#]*?)[ \t]*:[ \t]*(?:#.*)?\r?$/;

function expected(line: string): { indent: number; markers: number } | undefined {
  const m = OPENER.exec(line);
  return m ? { indent: m[1]!.length, markers: m[2]!.length } : undefined;
}

test('agrees with the expression on every line of up to 6 characters over the characters that matter', () => {
  const alphabet = [' ', '-', 'a', ':', '#', '"', "'", '\\', '\t', '\r', '\u2028'];
  let checked = 0;
  const line: string[] = [];
  const all = (depth: number): void => {
    const s = line.join('');
    assert.deepEqual(blockOpener(s), expected(s), JSON.stringify(s));
    checked++;
    if (depth === 0) return;
    for (const c of alphabet) {
      line.push(c);
      all(depth - 1);
      line.pop();
    }
  };
  all(6);
  assert.ok(checked > 1_900_000);
});

test('agrees with the expression on realistic lines', () => {
  const lines = [
    'spec:',
    '  containers:',
    '    - name: web',
    '  - - nested:',
    '  securityContext:  # hardened',
    '"quoted key":',
    "'it''s':",
    '"a\\"b": # x',
    'key: value',
    '-dash-key:',
    '- ',
    '  # comment:',
    'a: b:',
    'url: http://x:',
    'k:\r',
    'k: #c\r',
    "'unterminated:",
    '"esc\\',
    '   ',
    '',
  ];
  for (const s of lines) assert.deepEqual(blockOpener(s), expected(s), JSON.stringify(s));
});

test('is linear on long hostile lines (the expression was quadratic)', { timeout: 60_000 }, () => {
  const n = 2_000_000;
  for (const s of ['a' + ' '.repeat(n) + 'x', '- '.repeat(n / 2) + 'a', '"' + 'a'.repeat(n), "'" + "''".repeat(n / 2), 'a' + ':'.repeat(n) + 'x', 'a:' + ' '.repeat(n) + '#' + 'c'.repeat(n)]) {
    blockOpener(s);
  }
});
