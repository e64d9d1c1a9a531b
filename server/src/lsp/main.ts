/**
 * Shipshape language server: `startServer` wires a connection. Wiring only:
 * document sync, settings, the per-URI scheduler and the lint job live in
 * their own modules; what differs between Node and a browser web worker is the
 * host (host.ts). The entries: node.ts (dist/server.js; transport from argv,
 * `--stdio`, `--node-ipc`) and ../web/server.ts (dist/web/server.js).
 */
import * as path from 'node:path';
import { TextDocuments, TextDocumentSyncKind, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver';
import type { ServerHost } from './host';
import { ProjectWatcher } from './project-watch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { CODE_ACTION_KINDS, CodeActionProvider } from './code-actions';
import { ConfigResolver } from './config';
import { DiagnosticConverter } from './diagnostics';
import { DocumentLinter, uriPath } from './linting';
import { ServerLog } from './server-log';
import { KubeconfigService } from './kubeconfig';
import { KUBECONFIG_EDIT_REQUEST, KUBECONFIG_MODEL_REQUEST } from '../../../shared/kubeconfig/protocol';
import { BENCHMARK_LIST_REQUEST, BENCHMARK_REPORT_REQUEST } from '../../../shared/benchmark/protocol';
import { benchmarkList, benchmarkReportFor } from './benchmark';
import { shipshapeHover } from './hover';
import { describeInternalError, RULES, type RuleHooks } from '../engine';
import { TEST_FAULT_ENV, throwingTestRule } from '../engine/test-fault';
import { MemoryGuard } from './memory';
import { Scheduler } from './scheduler';
import { DEFAULT_DEBOUNCE_MS, SECTION, SettingsStore } from './settings';
import { VisibleRanges, visibleRangesParams } from './visible-ranges';
import { AdaptiveDebounce } from './debounce';
import { OPEN_PREVIEW_REQUEST, VISIBLE_RANGES_NOTIFICATION } from '../../../shared/lsp/protocol';
import { OpenPreviews } from './open-preview';

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function startServer(connection: Connection, host: ServerHost): void {
  const log = connection.console;
  /** Wrap a handler so an exception is logged and never takes the server down. */
  const guard =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (e) {
        log.error(`${name} failed: ${describe(e)}`);
      }
    };

  const documents = new TextDocuments(TextDocument);
  let canPullSettings = false;
  const settings = new SettingsStore({
    fetch: (uri) => (canPullSettings ? connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }) : undefined),
    warn: (message) => log.warn(message),
  });
  const memory = new MemoryGuard(host.memory());
  const configs = new ConfigResolver((uri) => documents.get(uri)?.getText(), host.readConfig);
  const warnedConfigs = new Set<string>();
  const converter = new DiagnosticConverter((ruleId) => host.ruleDocUri(ruleId));
  const publish = (params: PublishDiagnosticsParams): void => void connection.sendDiagnostics(params).catch((e) => log.error(`publishing diagnostics failed: ${describe(e)}`));
  // A rule that throws becomes an internal-error diagnostic; the log says where in the code (once per rule and place).
  const loggedInternalErrors = new Set<string>();
  const hooks: RuleHooks = {
    onInternalError(e) {
      const key = `${e.ruleId}\u0000${e.errorName}\u0000${e.frames[0] ?? ''}`;
      if (loggedInternalErrors.has(key)) return;
      loggedInternalErrors.add(key);
      log.error(describeInternalError(e));
    },
  };
  // Test seam, not in production bundles (engine/test-seams.d.ts).
  if ((typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS) && host.env(TEST_FAULT_ENV) === 'rule-throws') hooks.rules = [...RULES, throwingTestRule()];
  const serverLog = new ServerLog({ info: (m) => log.info(m) }, (uri) => (uri.startsWith('file:') ? uriPath(uri) : uri));
  const project = new ProjectWatcher({
    connection,
    documents,
    configs,
    schedule: (uri, delay) => scheduler.schedule(uri, delay),
    error: (message) => log.error(message),
    info: (message) => log.info(message),
    files: host.files,
  });
  const visible = new VisibleRanges();
  const debounce = new AdaptiveDebounce();
  const linter = new DocumentLinter({
    visible,
    debounce,
    project: project.index,
    relations: project.relations,
    hooks,
    log: serverLog,
    documents,
    settings,
    configs,
    onInvalidConfig: (configPath, problem) => {
      const key = `${configPath}\u0000${problem}`;
      if (warnedConfigs.has(key)) return;
      warnedConfigs.add(key);
      const message = `${path.basename(configPath)} is invalid (${problem}); files under ${path.dirname(configPath)} are checked with the editor settings until it is fixed.`;
      log.warn(message);
      connection.window.showWarningMessage(`Shipshape: ${message}`);
    },
    converter,
    publish,
  });
  const previews = new OpenPreviews({
    documents,
    settings,
    configs,
    project: project.index,
    relations: project.relations,
    hooks,
    cacheFor: (uri) => linter.cacheFor(uri),
    forget: (uri) => {
      linter.forget(uri);
      visible.forget(uri);
    },
    visible,
    converter,
    publish,
  });
  const scheduler = new Scheduler(linter.run, (uri, e) => log.error(`linting ${uri} failed: ${describe(e)}`));
  const relintAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  };

  let folderEvents = false;
  let canCreateFiles = false;
  let canResolve = false;
  connection.onInitialize((params) => {
    canPullSettings = params.capabilities.workspace?.configuration === true;
    canResolve = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    canCreateFiles = params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setWorkspaceFolders(folders);
    host.initialize?.(params.initializationOptions);
    const init = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    configs.trusted = init?.workspaceTrusted !== false;
    project.initialize(params, folders);
    if (!configs.trusted) log.info('untrusted workspace: .shipshape.yaml files are not applied until the workspace is trusted');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
        hoverProvider: true,
      },
      serverInfo: { name: 'shipshape', version },
    };
  });
  connection.onInitialized(() => {
    serverLog.version(version, host.runtime);
    project.start();
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders(
      guard('didChangeWorkspaceFolders', () => {
        void connection.workspace.getWorkspaceFolders().then(
          (folders) => {
            configs.setWorkspaceFolders((folders ?? []).map((f) => f.uri));
            project.setFolders((folders ?? []).map((f) => f.uri));
            relintAll();
          },
          (e) => log.error(`reading workspace folders failed: ${describe(e)}`),
        );
      }),
    );
  });

  /** A .shipshape.yaml changed (on disk or in the editor): every open document may be affected. */
  const configChanged = (delay: number): void => {
    configs.invalidate();
    linter.invalidate();
    warnedConfigs.clear();
    for (const doc of documents.all()) scheduler.schedule(doc.uri, delay);
  };
  host.attach?.(connection, () => {
    configChanged(0);
    project.refresh();
  });
  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', (params) => {
      if (params.changes.some((c) => configs.isConfigDocument(c.uri))) {
        configChanged(0);
        project.refresh();
      } else project.filesChanged(params.changes);
    }),
  );

  // First diagnostics as soon as a document opens; edits are debounced per document.
  const justOpened = new Set<string>();
  /** Text length of each open document, for the memory guard: an edit or a close releases the old text. */
  const textLengths = new Map<string, number>();
  documents.onDidOpen(
    guard('didOpen', (e) => {
      justOpened.add(e.document.uri);
      previews.opened(e.document.uri);
      project.index.opened(e.document.uri);
    }),
  );
  documents.onDidChangeContent(
    guard('didChange', (e) => {
      const uri = e.document.uri;
      memory.release(textLengths.get(uri) ?? 0);
      textLengths.set(uri, e.document.getText().length);
      const opening = justOpened.delete(uri);
      const delay = opening ? 0 : debounce.delay(uri, settings.peek(uri)?.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      if (configs.isConfigDocument(uri)) configChanged(delay);
      else {
        scheduler.schedule(uri, delay);
        // An edit (not the open) changes what the builds reading the file produce.
        if (!opening) project.edited(uri, delay);
      }
    }),
  );
  documents.onDidClose(
    guard('didClose', (e) => {
      const uri = e.document.uri;
      justOpened.delete(uri);
      // The text, and the document's lint cache and diagnostics, which take about three times its size.
      memory.release(4 * (textLengths.get(uri) ?? 0));
      textLengths.delete(uri);
      scheduler.cancel(uri);
      // Unsaved edits of a closed config file no longer apply: the file on disk does.
      if (configs.isConfigDocument(uri)) configChanged(0);
      linter.forget(uri);
      visible.forget(uri);
      debounce.forget(uri);
      project.closed(uri);
      settings.forget(uri);
      serverLog.forget(uri);
      memory.checkSoon(() => scheduler.busy); // closing a large file frees its text and cache: collected soon, not in the way of an open right after
      void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err) => log.error(`clearing diagnostics failed: ${describe(err)}`));
    }),
  );

  // What the editors show: linted and published first (may come before didOpen, or during the first lint).
  connection.onNotification(
    VISIBLE_RANGES_NOTIFICATION,
    guard('visibleRanges', (params: unknown) => {
      const p = visibleRangesParams(params);
      if (p) visible.set(p);
    }),
  );

  // The text around what the editor will show, sent right before a large didOpen: linted and published, then answered.
  connection.onRequest(OPEN_PREVIEW_REQUEST, async (params: unknown) => {
    try {
      await previews.preview(params);
    } catch (e) {
      log.error(`openPreview failed: ${describe(e)}`);
    }
    return null;
  });

  // Settings are pulled per resource; the notification only says "something changed".
  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', (params) => {
      settings.invalidate(params.settings);
      linter.reset();
      relintAll();
    }),
  );

  const codeActions = new CodeActionProvider({
    documents,
    lintOf: (uri) => linter.lintOf(uri),
    cacheFor: (uri) => linter.cacheFor(uri),
    configs,
    get canCreateFiles() {
      return canCreateFiles;
    },
    get canResolve() {
      return canResolve;
    },
  });
  connection.onCodeAction(async (params) => {
    try {
      return await codeActions.provide(params);
    } catch (e) {
      log.error(`codeAction failed: ${describe(e)}`);
      return [];
    }
  });
  connection.onCodeActionResolve(async (action) => {
    try {
      return await codeActions.resolve(action);
    } catch (e) {
      log.error(`codeAction/resolve failed: ${describe(e)}`);
      return action;
    }
  });

  // The kubeconfig explorer: merge and lint its files with the user's settings, compute its edits.
  const kubeconfig = new KubeconfigService({ hooks, settings, configs, converter, publish, isOpen: (uri) => documents.get(uri) !== undefined });
  connection.onRequest(KUBECONFIG_MODEL_REQUEST, (params) => kubeconfig.model(params));
  connection.onRequest(KUBECONFIG_EDIT_REQUEST, (params) => kubeconfig.edit(params));
  connection.onHover((params) =>
    shipshapeHover(params, {
      lintOf: (uri) => linter.lintOf(uri),
      document: (uri) => documents.get(uri),
      imageHover: (uri, offset) => project.relations.imageHover(uri, offset),
    }),
  );
  connection.onRequest(BENCHMARK_LIST_REQUEST, () => benchmarkList());
  connection.onRequest(BENCHMARK_REPORT_REQUEST, (params) =>
    benchmarkReportFor(params, {
      folders: () => project.folders,
      openText: (uri) => documents.get(uri)?.getText(),
      settingsFor: async (uri) => {
        const s = await settings.get(uri);
        if (!s.enable) return undefined;
        const r = configs.resolve(uri, s.engine);
        return r.ignored ? undefined : r.settings;
      },
      hooks,
      files: host.files,
      host: project.index.host,
      excludes: (uri) => project.excludes(uri),
    }),
  );

  connection.onShutdown(() => {
    scheduler.dispose();
    memory.dispose();
    project.relations.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
