// parse/dockerfile-ast-perf.ts patches dockerfile-ast so long instructions stay linear: each instruction's arguments
// are scanned once (the library scanned a RUN nine times while parsing) and flags are dropped with one slice (one
// shift per flag was quadratic). Nothing the library returns may change: compared with an unpatched child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { argumentScans } from '../../../server/src/engine/parse/dockerfile-ast-perf';
import { parseDockerfile } from '../../../server/src/engine/parse/dockerfile';

const ROOT = join(__dirname, '..', '..', '..');

function dockerfiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : dockerfiles(p);
    return /^(?:Dockerfile|Containerfile)|\.dockerfile$/i.test(n) ? [p] : [];
  });
}

const SNIPPETS = [
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm --network=none go build ./...\n',
  'FROM a\nCOPY --from=build --chown=1:1 --chmod=755 /out /app\nADD --checksum=sha256:00 --keep-git-dir=true https://x/y.git /src\n',
  'FROM a\nHEALTHCHECK --interval=5s --timeout=3s CMD ["curl", "-f", "http://localhost/"]\nONBUILD RUN --mount=type=bind echo hi\n',
  'FROM a\nRUN --a \\\n  --b=1 \\\n  # comment\n  --c x y \\\n  z\nCMD [] \nENTRYPOINT [ ]\nSHELL ["/bin/sh", "-c"]\n',
  'FROM a\nRUN <<EOF bash\necho hi\nEOF\nENV A=1 B="2 3" \\\n  C=4\nARG X=${A:-b}\nLABEL a=b c="d"\nUSER 1000:1000\nEXPOSE 80/tcp 443\n',
  '# escape=`\nFROM a\nRUN echo a `\n  && echo b\nCOPY --from=x `\n  a b\n',
  'FROM a\nRUN --mount=type=cache,target=/c0 --mount=type=cache,target=/c1 --mount=type=cache,target=/c2 \\\n --mount=x true\n',
];

/** A digest of everything dockerfile-ast returns for each text (arguments, flags, JSON strings, heredocs, ranges). */
const DIGEST = `
const { DockerfileParser } = require('dockerfile-ast');
module.exports = (texts) => {
  const h = require('node:crypto').createHash('sha256');
  for (const t of texts) {
    for (const ins of DockerfileParser.parse(t).getInstructions()) {
      h.update(JSON.stringify([
        ins.getKeyword(), ins.getRange(), ins.getArgumentsRange(), ins.getRawArgumentsContent(), ins.getArgumentsContent(),
        ins.getArguments().map((a) => [a.getValue(), a.getRange()]),
        ins.getExpandedArguments().map((a) => [a.getValue(), a.getRange()]),
        ins.getFlags ? ins.getFlags().map((f) => [f.getName(), f.getValue(), f.getRange(), f.getNameRange(), f.getValueRange()]) : null,
        ins.getJSONStrings ? ins.getJSONStrings().map((j) => [j.getValue(), j.getRange()]) : null,
        ins.getHeredocs ? ins.getHeredocs().map((x) => [x.getName(), x.getContentRange()]) : null,
        ins.getArguments().map((a) => a.getValue()),
      ]));
    }
  }
  return h.digest('hex');
};
`;

test('the patch changes nothing dockerfile-ast returns (compared with an unpatched process)', { timeout: 120_000 }, () => {
  const texts = [...dockerfiles(join(ROOT, 'examples')), ...dockerfiles(join(ROOT, 'test'))].map((f) => readFileSync(f, 'utf8')).concat(SNIPPETS);
  assert.ok(texts.length > 10);
  const script = `const digest = (() => { const module = { exports: {} }; ${DIGEST}; return module.exports; })();
    const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    process.stdout.write(digest(texts));`;
  const patchedScript = `require(${JSON.stringify(join(ROOT, 'server', 'src', 'engine', 'parse', 'dockerfile-ast-perf.ts'))});\n${script}`;
  const run = (code: string): string => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, input: JSON.stringify(texts), encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const unpatched = run(script);
  const patched = run(patchedScript);
  assert.match(unpatched, /^[0-9a-f]{64}$/);
  assert.equal(patched, unpatched);
  assert.notEqual(createHash('sha256').update('').digest('hex'), patched);
});

test('an instruction of 10,000 continuation lines is scanned once, not once per question the library asks', () => {
  let text = 'FROM alpine:3.19\nRUN echo start \\\n';
  for (let i = 0; i < 10_000; i++) text += `  && echo ${i} \\\n`;
  text += '  && true\n';
  const before = argumentScans.count;
  parseDockerfile(text);
  // FROM and RUN, each scanned once.
  assert.equal(argumentScans.count - before, 2);
});
