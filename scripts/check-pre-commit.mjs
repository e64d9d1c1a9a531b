// Checks .pre-commit-hooks.yaml with the real pre-commit tool (Debian: apt-get install pre-commit):
// `node scripts/check-pre-commit.mjs`. Not part of npm test (it needs pre-commit); the shape of the
// hooks file and its entry are unit-tested in test/unit/cli/pre-commit-hooks.test.ts.
//  1. try-repo (this checkout, uncommitted changes included) on a scratch repository with a staged
//     insecure manifest: the hook fails with the findings; with a staged hardened one it passes.
//  2. shipshape-fix adds the missing hardening to a staged file and fails because it changed it.
//  3. A real `git commit` with the hook installed from this checkout's HEAD: refused, then accepted.
// Everything runs offline (the hooks install nothing) with PRE_COMMIT_HOME in a temporary folder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'shipshape-pre-commit-'));
const env = { ...process.env, PRE_COMMIT_HOME: join(tmp, 'home'), npm_config_offline: 'true', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
let failures = 0;

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

function check(what, ok, out) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) {
    failures++;
    console.log(out.replace(/^/gm, '     | '));
  }
}

function scratch(name, files) {
  const dir = join(tmp, name);
  mkdirSync(dir);
  sh('git', ['init', '-q'], dir);
  for (const [to, from] of Object.entries(files)) copyFileSync(join(ROOT, from), join(dir, to));
  sh('git', ['add', '.'], dir);
  return dir;
}

try {
  const version = sh('pre-commit', ['--version'], ROOT);
  console.log(version.out.trim());

  const insecure = scratch('insecure', { 'deployment.yaml': 'examples/insecure/deployment.yaml', Dockerfile: 'examples/docker/insecure/Dockerfile' });
  let r = sh('pre-commit', ['try-repo', ROOT, 'shipshape'], insecure);
  check('try-repo shipshape on a staged insecure manifest fails with its findings', r.status === 1 && /deployment\.yaml:\d+:\d+ error dangerous-capabilities /.test(r.out) && /Dockerfile:\d+:\d+ \w+ dockerfile-/.test(r.out), r.out);
  console.log(r.out.split('\n').filter((l) => /^(shipshape|- hook id|- exit code)|errors?, /.test(l)).map((l) => `     > ${l}`).join('\n'));

  const clean = scratch('clean', { 'deployment.yaml': 'examples/hardened/deployment.yaml', Dockerfile: 'examples/docker/hardened/Dockerfile' });
  r = sh('pre-commit', ['try-repo', ROOT, 'shipshape'], clean);
  check('try-repo shipshape on staged hardened files passes', r.status === 0 && /shipshape.*Passed/.test(r.out), r.out);

  const fixable = scratch('fixable', { 'pod.yaml': 'examples/insecure/pod.yaml' });
  const before = readFileSync(join(fixable, 'pod.yaml'), 'utf8');
  r = sh('pre-commit', ['try-repo', ROOT, 'shipshape-fix'], fixable);
  const after = readFileSync(join(fixable, 'pod.yaml'), 'utf8');
  check('try-repo shipshape-fix adds hardening to the staged file and fails', r.status === 1 && after !== before && /drop:\n\s+- ALL/.test(after) && /privileged: true/.test(after), r.out);

  // A real commit, with the hooks from this checkout's HEAD (commit your change first).
  const head = sh('git', ['rev-parse', 'HEAD'], ROOT).out.trim();
  const repo = scratch('commit', { 'deployment.yaml': 'examples/insecure/deployment.yaml' });
  writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${ROOT}\n    rev: ${head}\n    hooks:\n      - id: shipshape\n`);
  sh('pre-commit', ['install'], repo);
  sh('git', ['add', '.pre-commit-config.yaml'], repo);
  r = sh('git', ['commit', '-m', 'insecure'], repo);
  check(`git commit of an insecure manifest is refused (hooks at ${head.slice(0, 12)})`, r.status === 1 && /error dangerous-capabilities/.test(r.out) && sh('git', ['rev-list', '--all'], repo).out.trim() === '', r.out);
  copyFileSync(join(ROOT, 'examples/hardened/deployment.yaml'), join(repo, 'deployment.yaml'));
  sh('git', ['add', 'deployment.yaml'], repo);
  r = sh('git', ['commit', '-m', 'hardened'], repo);
  check('git commit of the hardened manifest goes through', r.status === 0, r.out);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
