/**
 * Test harness: the bundled language server as a child process, spoken to
 * over stdio with a real JSON-RPC connection. Waits are promises resolved by
 * incoming messages, each bounded by a generous timeout; nothing sleeps.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationParams,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');
const WAIT_MS = 15_000;

function newestSource(dir: string): { path: string; mtime: number } {
  let best = { path: '', mtime: 0 };
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    const cand = st.isDirectory() ? newestSource(p) : name.endsWith('.ts') ? { path: p, mtime: st.mtimeMs } : best;
    if (cand.mtime > best.mtime) best = cand;
  }
  return best;
}

/** Fail early, with the fix in the message, when the bundle is missing or older than its sources. */
export function assertServerBuilt(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (\`npm test\` builds automatically).`);
  const src = newestSource(join(ROOT, 'server', 'src'));
  if (src.mtime > statSync(SERVER).mtimeMs) {
    throw new Error(`dist/server.js is older than ${src.path}: run \`npm run build\` first (\`npm test\` builds automatically).`);
  }
}

interface Waiter<T> {
  match(value: T): boolean;
  resolve(value: T): void;
}

/** Values arriving over time; `next` resolves with the first unconsumed value that matches. */
class Inbox<T> {
  readonly all: T[] = [];
  private cursor = 0;
  private waiters: Waiter<T>[] = [];

  constructor(private readonly describe: () => string) {}

  push(value: T): void {
    this.all.push(value);
    this.drain();
  }

  /** The next value after everything already consumed that satisfies `match` (earlier non-matching ones are skipped). */
  next(label: string, match: (value: T) => boolean = () => true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${label}\n${this.describe()}`));
      }, WAIT_MS);
      const waiter: Waiter<T> = {
        match,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      this.waiters.push(waiter);
      this.drain();
    });
  }

  /** The next value that arrives from now on (everything received so far is skipped). */
  fresh(label: string): Promise<T> {
    this.cursor = this.all.length;
    return this.next(label);
  }

  /** Values received since the last consumed one. */
  unconsumed(): T[] {
    return this.all.slice(this.cursor);
  }

  private drain(): void {
    for (const w of [...this.waiters]) {
      for (let i = this.cursor; i < this.all.length; i++) {
        if (w.match(this.all[i]!)) {
          this.cursor = i + 1;
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(this.all[i]!);
          break;
        }
      }
    }
  }
}

export class LspServer {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  readonly allPublished: PublishDiagnosticsParams[] = [];
  private readonly diagnostics = new Map<string, Inbox<PublishDiagnosticsParams>>();
  private readonly describe: () => string;
  readonly configRequests: Inbox<ConfigurationParams>;
  readonly logs: LogMessageParams[] = [];
  /** What the test answers to workspace/configuration for the `shipshape` section. */
  settings: unknown = {};
  /** What the test answers for other sections (e.g. `files.exclude`); null when absent. */
  sections: Record<string, unknown> = {};
  /** While set, configuration answers wait for it. */
  gate: Promise<void> | undefined;
  private stderr = '';
  readonly exited: Promise<number | null>;

  /** `stdio` is what editors other than VS Code use; `ipc` is what the VS Code client uses. */
  constructor(transport: 'stdio' | 'ipc' = 'stdio') {
    this.proc =
      transport === 'stdio'
        ? spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' })
        : fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.describe = () =>
      `published: ${JSON.stringify(this.allPublished.map((p) => ({ uri: p.uri, version: p.version, codes: p.diagnostics.map((d) => d.code) })))}\n` +
      `logs: ${JSON.stringify(this.logs.map((l) => l.message))}\nstderr: ${this.stderr}`;
    this.configRequests = new Inbox(this.describe);
    this.conn =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!))
        : createProtocolConnection(new IPCMessageReader(this.proc), new IPCMessageWriter(this.proc));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.allPublished.push(p);
      this.inbox(p.uri).push(p);
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => void this.logs.push(p));
    this.conn.onRequest(ConfigurationRequest.type, async (params) => {
      this.configRequests.push(params);
      if (this.gate) await this.gate;
      return params.items.map((item) => (item.section === 'shipshape' ? this.settings : (this.sections[item.section ?? ''] ?? null)));
    });
    this.conn.listen();
  }

  /**
   * initialize, then initialized: a client that answers workspace/configuration and takes diagnostics' data,
   * with `textDocument` capabilities added, opened on the folder `folder` (a file: URI) when given.
   */
  async initialize(textDocument: ClientCapabilities['textDocument'] = {}, folder?: string): Promise<InitializeResult> {
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ?? null,
      workspaceFolders: folder ? [{ uri: folder, name: 'workspace' }] : null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { dataSupport: true }, ...textDocument } },
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The next diagnostics published for `uri` (each publication is consumed once). */
  published(uri: string, label: string): Promise<PublishDiagnosticsParams> {
    return this.inbox(uri).next(`${label} (publishDiagnostics for ${uri})`);
  }

  /** Publications for `uri` that no `published` call has consumed yet. */
  unconsumed(uri: string): PublishDiagnosticsParams[] {
    return this.inbox(uri).unconsumed();
  }

  private inbox(uri: string): Inbox<PublishDiagnosticsParams> {
    let box = this.diagnostics.get(uri);
    if (!box) {
      box = new Inbox(this.describe);
      this.diagnostics.set(uri, box);
    }
    return box;
  }

  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
