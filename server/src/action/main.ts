/**
 * Entry point of the committed bundle action/dist/index.js (`npm run build:action`):
 * - without arguments, the GitHub Action (action.yml `runs.main`; the runner passes none);
 * - with arguments, the shipshape CLI: the pre-commit hooks (.pre-commit-hooks.yaml) run
 *   `action/dist/index.js scan ...` from their clone of the repository, with no install step.
 */
import { runCliProcess } from '../cli/process';
import { runAction } from './action';

if (process.argv.length > 2) runCliProcess(process.argv.slice(2));
else process.exitCode = runAction({ cwd: process.cwd(), env: process.env, stdout: process.stdout });
