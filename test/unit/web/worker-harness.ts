/**
 * The web build's language server (dist/web/server.js) in a real browser: Debian's Chromium driven by
 * playwright-core (no browser download), the bundle loaded as a dedicated web worker of a page served
 * from a loopback HTTP server, LSP spoken over the worker's messages as vscode.dev's language client
 * speaks it (BrowserMessageReader/Writer: one JSON-RPC object per message). Waits are promises
 * resolved by messages, each bounded; nothing sleeps.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT } from '../lsp/lsp-harness';

export const WEB_SERVER = join(ROOT, 'dist', 'web', 'server.js');
export const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';
/** Set by .ci/run: there the browser must be present (scripts/install-vscode-test-deps.sh installs it), never skipped. */
export const BROWSER_REQUIRED = process.env.SHIPSHAPE_REQUIRE_BROWSER === '1';
const WAIT_MS = 20_000;

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set SHIPSHAPE_CHROMIUM)`;
}

export function assertWebServerBuilt(): void {
  if (!existsSync(WEB_SERVER)) throw new Error(`${WEB_SERVER} is missing: run \`npm run build\` first (\`npm test\` builds automatically).`);
  const main = join(ROOT, 'server', 'src', 'web', 'server.ts');
  if (statSync(main).mtimeMs > statSync(WEB_SERVER).mtimeMs) throw new Error('dist/web/server.js is older than its sources: run `npm run build` first.');
}

/** Serves the repository's dist/ and docs/ read-only, and an empty page at `/`. */
export async function serveRoot(): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shipshape web worker</title>');
      return;
    }
    const file = join(ROOT, path);
    if (!/^\/(dist\/web|docs)\//.test(path) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/plain' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

/** The page's globals the harness uses (typed here: the tests are compiled without the DOM library). */
interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message: string }) => void) | null;
}
interface PageGlobals {
  Worker: new (url: string) => WorkerLike;
  worker: WorkerLike;
  shipshapeFromWorker(m: unknown): void;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: unknown;
  error?: unknown;
}

/** A minimal LSP client over a page's web worker: answers the server's requests, keeps its notifications. */
export class WorkerClient {
  readonly received: Message[] = [];
  readonly errors: string[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  /** `answers`: how the client answers requests of the server beyond the standard ones (method -> params -> result). */
  private constructor(
    private readonly page: Page,
    private readonly answers: Record<string, (params: any) => unknown>,
  ) {}

  static async start(page: Page, base: string, answers: Record<string, (params: any) => unknown> = {}): Promise<WorkerClient> {
    const client = new WorkerClient(page, answers);
    page.on('pageerror', (e) => client.errors.push(String(e)));
    await page.exposeFunction('shipshapeFromWorker', (m: Message) => client.receive(m));
    await page.goto(`${base}/`);
    await page.evaluate((url) => {
      const w = globalThis as unknown as PageGlobals;
      w.worker = new w.Worker(url);
      w.worker.onmessage = (e) => w.shipshapeFromWorker(e.data);
      w.worker.onerror = (e) => void w.shipshapeFromWorker({ jsonrpc: '2.0', method: '$/workerError', params: { message: e.message } });
    }, `${base}/dist/web/server.js`);
    return client;
  }

  private receive(m: Message): void {
    this.received.push(m);
    if (m.method !== undefined && m.id !== undefined) {
      // A request from the server: settings (none: the defaults), registrations, progress tokens.
      const answer = this.answers[m.method];
      const result = answer ? answer(m.params) : m.method === 'workspace/configuration' ? (m.params.items as unknown[]).map(() => null) : null;
      void this.post({ jsonrpc: '2.0', id: m.id, result });
    }
    for (const l of [...this.listeners]) l();
  }

  private post(m: Message): Promise<void> {
    return this.page.evaluate((msg) => (globalThis as unknown as PageGlobals).worker.postMessage(msg), m as unknown as Record<string, unknown>);
  }

  /** The first received message (from the start) that satisfies `match`. */
  waitFor(label: string, match: (m: Message) => boolean): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.received.find(match);
        if (!hit) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const listener = (): void => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${label}; received: ${JSON.stringify(this.received.map((m) => m.method ?? `response ${m.id}`))}; page errors: ${this.errors.join('; ')}`));
      }, WAIT_MS);
      this.listeners.add(listener);
      check();
    });
  }

  async request(method: string, params: unknown): Promise<unknown> {
    const id = `c${this.nextId++}`;
    await this.post({ jsonrpc: '2.0', id, method, params });
    const r = await this.waitFor(`the response to ${method}`, (m) => m.id === id && m.method === undefined);
    if (r.error) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.result;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.post({ jsonrpc: '2.0', method, params });
  }

  /** The first publication for `uri` (that satisfies `match`). */
  async published(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const m = await this.waitFor(`publishDiagnostics for ${uri}`, (x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri && match(x.params));
    return m.params as PublishDiagnosticsParams;
  }
}
