/**
 * The extension's commands as a table: id -> handler. Only type imports
 * here, so a test can check the table against package.json without VS Code.
 */
import type { OutputChannel } from 'vscode';
import type { ServerController } from './server-controller';
import { KUBECONFIG_COMMANDS, type KubeconfigActions } from './kubeconfig/commands';
import { CHOOSE_RULE } from './rule-choice-args';

export const RESTART_SERVER = 'shipshape.restartServer';
export const SHOW_OUTPUT = 'shipshape.showOutput';
/** Sent by the server's "Show documentation for <rule>" code action (offered where a menu has nothing else) with the rule id as argument. */
export const SHOW_RULE_DOCUMENTATION = 'shipshape.showRuleDocumentation';
/** Asks which benchmark and opens the workspace's report against it as a Markdown preview. */
export const BENCHMARK_REPORT = 'shipshape.benchmarkReport';

export interface CommandContext {
  server: Pick<ServerController, 'restart'>;
  output: Pick<OutputChannel, 'show'>;
  /** The kubeconfig explorer (its commands receive the tree node or context name as `arg`). */
  kubeconfig?: KubeconfigActions;
  /** Opens docs/rules/<id>.md of the installed extension in the markdown preview. */
  ruleDocs?: { show(ruleId: string): unknown };
  /** Asks which rule a folded "Disable for this line..." / "Ignore for this object..." action is for, and applies it. */
  ruleChoice?: { choose(arg: unknown): unknown };
  /** Shows the benchmark report of the workspace (client/src/benchmark-report.ts). */
  benchmark?: { report(): unknown };
}

export const COMMANDS: Readonly<Record<string, (ctx: CommandContext, arg?: unknown) => unknown>> = {
  [RESTART_SERVER]: ({ server }) => server.restart(),
  [SHOW_OUTPUT]: ({ output }) => output.show(true),
  // The id comes from a code action; only a rule-id-shaped string may name a file.
  [SHOW_RULE_DOCUMENTATION]: ({ ruleDocs }, arg) => (typeof arg === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(arg) ? ruleDocs?.show(arg) : undefined),
  [CHOOSE_RULE]: ({ ruleChoice }, arg) => ruleChoice?.choose(arg),
  [BENCHMARK_REPORT]: ({ benchmark }) => benchmark?.report(),
  ...Object.fromEntries(Object.entries(KUBECONFIG_COMMANDS).map(([id, run]) => [id, (ctx: CommandContext, arg?: unknown) => (ctx.kubeconfig ? run(ctx.kubeconfig, arg) : undefined)])),
};
