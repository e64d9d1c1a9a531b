/** The language server in Node (bundled to dist/server.js): the transport comes from argv (`--stdio`, `--node-ipc`). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './main';
import { nodeHost } from './node-host';
import { usePrecompiledValidatorsFrom } from '../io/precompiled-validators';

const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
process.on('uncaughtException', (e) => console.error(`shipshape: uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => console.error(`shipshape: unhandled rejection: ${describe(e)}`));

usePrecompiledValidatorsFrom();
startServer(createConnection(ProposedFeatures.all), nodeHost());
