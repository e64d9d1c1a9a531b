// The official SARIF validator (`sarif-multitool validate`, npm @microsoft/sarif-multitool, the SARIF SDK's own
// checker: the schema plus the SARIF1xxx/2xxx rules) on real scans: 0 errors and 0 warnings (issue 16). Its notes
// (advice such as code snippets or message ids) are not required. The tool exits 0 whatever it finds, so its own SARIF
// output is read; a log it cannot read at all it passes silently, so the schema test (sarif.test.ts) stays too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, FIX, jsonOf, runCli } from './helpers';

/** The validator ships one x64 binary per operating system (a .NET single-file build). */
const SUPPORTED = ['linux', 'darwin', 'win32'].includes(process.platform) && process.arch === 'x64';
const skip = SUPPORTED ? false : `@microsoft/sarif-multitool ships x64 binaries for Linux, macOS and Windows only; this is ${process.platform}-${process.arch}`;

interface Problem {
  level: string;
  ruleId: string;
  text: string;
}

let dir: string;
before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'shipshape-multitool-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Path of the validator's binary (the package's platform part), failing clearly when it is not installed. */
function multitool(): string {
  let binary: string;
  try {
    binary = require('@microsoft/sarif-multitool') as string;
  } catch (e) {
    assert.fail(`@microsoft/sarif-multitool is not installed (a devDependency: run 'npm ci'): ${(e as Error).message}`);
  }
  assert.ok(existsSync(binary), `${binary} is missing`);
  return binary;
}

let runs = 0;
/** Validate a SARIF log; the errors and warnings the validator reports, with its command line for the message. */
function validate(log: unknown): { problems: Problem[]; command: string } {
  const n = runs++;
  const input = join(dir, `scan-${n}.sarif`);
  const output = join(dir, `validation-${n}.sarif`);
  writeFileSync(input, JSON.stringify(log, null, 2));
  const args = ['validate', input, '--output', output];
  const command = `sarif-multitool ${args.join(' ')}`;
  // DOTNET_CLI_TELEMETRY_OPTOUT: no telemetry from the .NET runtime. (Only an advisory note, SARIF2006, fetches URIs.)
  const r = spawnSync(multitool(), args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (r.error) assert.fail(`${command} did not run: ${r.error.message}`);
  assert.equal(r.status, 0, `${command} exited ${r.status}: ${r.stderr}${r.stdout}`);
  assert.ok(existsSync(output), `${command} wrote no ${output}: ${r.stdout}`);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const run = report.runs[0];
  assert.equal(run.invocations?.[0]?.executionSuccessful, true, `${command}: ${JSON.stringify(run.invocations)}`);
  const rules = new Map<string, any>((run.tool.driver.rules ?? []).map((x: any) => [x.id, x]));
  const problems = (run.results as any[]).map((x) => {
    const rule = rules.get(x.ruleId);
    // A result's level defaults to its rule's configured level, and that to warning (SARIF 3.27.10).
    const level = x.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    const template = rule?.messageStrings?.[x.message?.id]?.text ?? x.message?.text ?? x.message?.id ?? '';
    const text = String(template).replace(/\{(\d+)\}/g, (_: string, i: string) => String(x.message?.arguments?.[Number(i)] ?? ''));
    return { level, ruleId: x.ruleId, text };
  });
  return { problems: problems.filter((p) => p.level === 'error' || p.level === 'warning'), command };
}

const show = (problems: readonly Problem[]) => problems.map((p) => `${p.level} ${p.ruleId}: ${p.text}`).join('\n');

test('sarif-multitool: a scan with many kinds of findings has 0 errors and 0 warnings, with and without --doc-url-base', { skip, timeout: 300_000 }, () => {
  for (const extra of [[], ['--doc-url-base', 'https://example.com/shipshape/docs/rules']]) {
    // The CLI fixtures (a malformed file, a Helm template, UTF-16 and JSON manifests, ...) and every example.
    const r = runCli(['scan', FIX, 'examples', '-f', 'sarif', ...extra]);
    assert.equal(r.status, 1, r.stderr);
    const log = jsonOf(r);
    const results = log.runs[0].results as any[];
    assert.ok(results.length > 300, `${results.length} results`);
    assert.ok(new Set(results.map((x) => x.ruleId)).size > 40, 'many rules');
    assert.ok(['error', 'warning', 'note'].every((level) => results.some((x) => x.level === level)), 'every level');
    const { problems, command } = validate(log);
    assert.deepEqual(problems, [], `${command}:\n${show(problems)}`);
  }
});

test('sarif-multitool: the check is not vacuous (a broken log gets its error and its warning)', { skip, timeout: 300_000 }, () => {
  const log = jsonOf(runCli(['scan', `${FIX}/insecure-pod.yaml`, '-f', 'sarif']));
  delete log.runs[0].tool.driver.informationUri;
  log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  const { problems, command } = validate(log);
  assert.ok(problems.some((p) => p.level === 'warning' && p.ruleId === 'SARIF2005' && /informationUri/.test(p.text)), `${command}:\n${show(problems)}`);
  assert.ok(problems.some((p) => p.level === 'error' && /startLine/.test(p.text)), `${command}:\n${show(problems)}`);
});
