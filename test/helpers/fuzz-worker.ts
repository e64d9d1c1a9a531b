/**
 * Worker thread of the fuzz tests: runs the checks of fuzz-checks.ts on the cases it is sent
 * and answers with the failure, if any. Running them here lets the test cut off a case that
 * hangs (terminate the worker) instead of hanging itself.
 */
import { parentPort } from 'node:worker_threads';
import { checkConfigCase, checkLintCase } from './fuzz-checks';
import type { ConfigCase, LintCase } from './fuzz-inputs';

export type FuzzRequest = { id: number; type: 'lint'; input: LintCase } | { id: number; type: 'config'; input: ConfigCase } | { id: number; type: 'ping' };
export type FuzzResponse = { id: number; ok: true } | { id: number; ok: false; message: string; stack?: string };

// `yaml` warns (process.emitWarning) when a map key is a collection and toJS stringifies it;
// fuzzed configs do that all the time, and the warning is noise here.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning instanceof Error ? warning.message : warning).startsWith('Keys with collection values')) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

parentPort?.on('message', (req: FuzzRequest) => {
  let res: FuzzResponse;
  try {
    if (req.type === 'lint') checkLintCase(req.input);
    else if (req.type === 'config') checkConfigCase(req.input);
    res = { id: req.id, ok: true };
  } catch (e) {
    res = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
  }
  parentPort!.postMessage(res);
});
