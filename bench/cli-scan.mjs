// One `shipshape scan <root> --format json` in a fresh process (the built CLI): wall time, peak RSS
// and the parsed report. Shared by the CLI modes of the benchmark (kustomize.mjs, relations.mjs).
import { spawnSync } from 'node:child_process';

// The CLI's peak RSS, written to stderr as it exits (a preload module, so the CLI runs unchanged).
const PRELOAD = "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nSHIPSHAPE_MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'))";

export function scanCli(cli, root, extra) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', PRELOAD, cli, 'scan', root, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`shipshape scan ${extra.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { ms, rssKb: Number(/SHIPSHAPE_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? 0), report: JSON.parse(r.stdout) };
}
