/** Entry point of the `shipshape` command (bundled to dist/cli.js with a shebang). */
import { runCliProcess } from './process';

runCliProcess(process.argv.slice(2));
