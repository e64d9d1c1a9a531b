/**
 * `shipshape kubeconfig contexts | use-context | set-namespace | lint`: the
 * same meaning as `kubectl config get-contexts`, `use-context` and
 * `set-context --namespace`, without kubectl. Reading, merging and writing go
 * through kubeconfig-io.ts (shared with the VS Code explorer); output never
 * holds secret values (the engine's model has none).
 */
import { DEFAULT_SETTINGS, type RuleHooks } from '../engine';
import type { ContextInfo } from '../engine/kubeconfig';
import type { KubeconfigArgs } from './args';
import { CliError, EXIT } from './errors';
import type { CliIo } from './cli';
import { displayPath } from './files';
import { formatJson } from './format/json';
import { terminalSafe, wantColor } from './format/style';
import { formatText } from './format/text';
import { describeFiles, fileProblems, KubeconfigError, loadKubeconfig, setNamespace, useContext, type LoadedKubeconfig } from './kubeconfig-io';
import { exitCodeFor, locateFindings, summarize, type ReportFinding, type ScanReport } from './report';

function load(args: KubeconfigArgs, io: CliIo, hooks: RuleHooks): LoadedKubeconfig {
  const loaded = loadKubeconfig({ env: io.env, cwd: io.cwd, settings: DEFAULT_SETTINGS, hooks, ...(args.kubeconfig !== undefined ? { explicit: args.kubeconfig } : {}) });
  for (const f of loaded.model.files) {
    if (f.status === 'unreadable') throw new CliError(`cannot read '${f.path}': ${f.error}`);
    if (f.status === 'missing' && loaded.location.source === 'explicit') throw new CliError(`cannot read '${f.path}': no such file or directory`);
  }
  return loaded;
}

/** Malformed files are reported on stderr; the other files still count. */
function warnProblems(loaded: LoadedKubeconfig, io: CliIo): void {
  for (const p of fileProblems(loaded)) io.stderr.write(`shipshape: warning: ${terminalSafe(p)}\n`);
}

function contextJson(c: ContextInfo) {
  return {
    name: c.name,
    current: c.current,
    ...(c.cluster !== undefined ? { cluster: c.cluster } : {}),
    ...(c.user !== undefined ? { user: c.user } : {}),
    ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
    file: c.file,
    line: c.line,
    ...(c.clusterInfo ? { server: c.clusterInfo.server, tls: c.clusterInfo.tls, certificateAuthority: c.clusterInfo.certificateAuthority } : {}),
    ...(c.userInfo ? { authMethods: c.userInfo.authMethods } : {}),
    findings: c.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, line: f.line })),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

function contexts(loaded: LoadedKubeconfig, args: KubeconfigArgs, io: CliIo): number {
  const { model, location } = loaded;
  if (args.format === 'json') {
    const json = {
      ...(model.currentContext !== undefined ? { currentContext: model.currentContext, currentContextFile: model.currentContextFile } : {}),
      defaultFile: location.defaultFile,
      files: model.files.map((f) => ({ path: f.path, status: f.status, ...(f.error !== undefined ? { error: f.error } : {}), ...(f.errorLine !== undefined ? { errorLine: f.errorLine } : {}) })),
      contexts: model.contexts.map(contextJson),
    };
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    const rows = [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE', 'FINDINGS']];
    for (const c of model.contexts) {
      const n = c.findings.length;
      rows.push([c.current ? '*' : '', c.name, c.cluster ?? '', c.user ?? '', c.namespace ?? '', n === 0 ? '' : `${n}`].map(terminalSafe));
    }
    io.stdout.write(table(rows));
  }
  warnProblems(loaded, io);
  return EXIT.ok;
}

function lint(loaded: LoadedKubeconfig, args: KubeconfigArgs, io: CliIo): number {
  const files = loaded.model.files.filter((f) => loaded.texts.has(f.path)).map((f) => ({ path: f.path, display: displayPath(f.path, io.cwd), explicit: true }));
  const findings: ReportFinding[] = [];
  for (const file of files) {
    const state = loaded.model.files.find((f) => f.path === file.path)!;
    for (const f of locateFindings(file, loaded.texts.get(file.path)!.text, state.findings)) findings.push(f); // not push(...): no argument limit
  }
  const report: ScanReport = { settings: DEFAULT_SETTINGS, files, findings, summary: summarize(findings) };
  io.stdout.write(args.format === 'json' ? formatJson(report) : formatText(report, { color: wantColor(io.env, io.stdout.isTTY === true) }));
  return exitCodeFor(findings, 'warning');
}

/** `hooks`: the run's rule hooks (see RuleHooks). */
export function runKubeconfig(args: KubeconfigArgs, io: CliIo, hooks: RuleHooks = {}): number {
  const loaded = load(args, io, hooks);
  try {
    switch (args.subcommand) {
      case 'contexts':
        return contexts(loaded, args, io);
      case 'lint':
        return lint(loaded, args, io);
      case 'use-context': {
        warnProblems(loaded, io);
        const file = useContext(loaded, args.context!);
        io.stdout.write(`Switched to context "${terminalSafe(args.context!)}" (current-context written to ${terminalSafe(file)}).\n`);
        return EXIT.ok;
      }
      case 'set-namespace': {
        warnProblems(loaded, io);
        const { context, file } = setNamespace(loaded, args.namespace!, args.context);
        io.stdout.write(`Context "${terminalSafe(context)}" now uses namespace "${terminalSafe(args.namespace!)}" (written to ${terminalSafe(file)}).\n`);
        return EXIT.ok;
      }
    }
  } catch (e) {
    if (e instanceof KubeconfigError) throw new CliError(e.message);
    throw e;
  }
  throw new CliError(`unknown kubeconfig subcommand; files: ${describeFiles(loaded)}`);
}
