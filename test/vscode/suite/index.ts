// Entry of the extension integration suite (the @vscode/test-electron contract: an async `run()`),
// bundled by scripts/test-vscode.mjs to dist-test/suite/index.js. Runs every *.test.js next to it
// with Mocha (TDD), then prints one `shipshape-suite-result {...}` line the runner reads.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { activationMs } from './helpers';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  await mocha.loadFilesAsync();
  const failures = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  console.log(`shipshape-suite-result ${JSON.stringify({ ...failures, activationMs: activationMs() })}`);
  if (failures.failed > 0) throw new Error(`${failures.failed} test(s) failed`);
}
