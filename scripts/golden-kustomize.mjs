// Regenerates the golden output of the kustomize fixtures with the real `kubectl kustomize`
// (test/fixtures/kustomize/README.md). Needs kubectl on PATH; the tests never run it.
// Usage: npm run golden:kustomize [-- <case> ...]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'kustomize');
const only = process.argv.slice(2);
const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('golden:kustomize needs kubectl on PATH');
  process.exit(2);
}
console.log(version.stdout.trim());
let count = 0;
for (const name of readdirSync(ROOT).sort()) {
  const dir = join(ROOT, name);
  const caseFile = join(dir, 'case.json');
  if (!existsSync(caseFile) || (only.length > 0 && !only.includes(name))) continue;
  const { builds } = JSON.parse(readFileSync(caseFile, 'utf8'));
  const expected = join(dir, 'expected');
  rmSync(expected, { recursive: true, force: true });
  mkdirSync(expected);
  for (const build of builds) {
    const base = join(expected, build.replaceAll('/', '__'));
    const r = spawnSync('kubectl', ['kustomize', join(dir, build)], { encoding: 'utf8', cwd: dir });
    if (r.status === 0) writeFileSync(`${base}.yaml`, r.stdout);
    // kubectl's message without its log prefix (time, pid) or Go pointers, so regenerating changes nothing.
    else writeFileSync(`${base}.error.txt`, r.stderr.replaceAll(dir, '<case>').replace(/^[EWI]\d{4} [\d:.]+\s+\d+ \S+\] /gm, '').replace(/0x[0-9a-f]+/g, '0x…'));
    console.log(`${name}/${build}: ${r.status === 0 ? 'ok' : 'error'}`);
    count++;
  }
}
console.log(`${count} builds`);
