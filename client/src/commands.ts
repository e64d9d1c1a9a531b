/**
 * The extension's commands as a table: id -> handler. Only type imports
 * here, so a test can check the table against package.json without VS Code.
 */
import type { OutputChannel } from 'vscode';
import type { ServerController } from './server-controller';

export const RESTART_SERVER = 'shipshape.restartServer';
export const SHOW_OUTPUT = 'shipshape.showOutput';

export interface CommandContext {
  server: Pick<ServerController, 'restart'>;
  output: Pick<OutputChannel, 'show'>;
}

export const COMMANDS: Readonly<Record<string, (ctx: CommandContext) => unknown>> = {
  [RESTART_SERVER]: ({ server }) => server.restart(),
  [SHOW_OUTPUT]: ({ output }) => output.show(true),
};
