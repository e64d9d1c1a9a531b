/** Entry point of the GitHub Action (action.yml `runs.main`: action/dist/index.js, built by `npm run build:action`). */
import { runAction } from './action';

process.exitCode = runAction({ cwd: process.cwd(), env: process.env, stdout: process.stdout });
