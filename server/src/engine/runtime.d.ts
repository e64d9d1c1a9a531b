/**
 * The runtime globals the engine uses beyond ES2022, typed as narrowly as it
 * uses them. The engine runs in Node (the language server, the CLI) but is
 * compiled without @types/node, so that no Node module can be imported into
 * it (see tsconfig.json here); anything added here must be a global that
 * every JavaScript runtime the engine may run in provides, or Node's Buffer
 * (the browser build injects a stand-in for the use below: server/src/web/globals.ts).
 */

interface ErrorConstructor {
  /** V8: how many frames a stack trace records. */
  stackTraceLimit: number;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly hostname: string;
}

declare const Buffer: {
  from(data: string, encoding: 'base64' | 'base64url'): Uint8Array;
};
