/** Entry point of the `shipshape` command (bundled to dist/cli.js with a shebang). */
import { runCliProcess } from './process';
import { usePrecompiledValidatorsFrom } from '../io/precompiled-validators';

usePrecompiledValidatorsFrom();

runCliProcess(process.argv.slice(2));
