/**
 * Stand-in for node:fs, node:fs/promises, node:v8, node:vm and node:zlib in the web bundle (scripts/build.mjs):
 * only the Node host (lsp/node-host.ts) calls them; the web host (../host.ts) reads no files.
 */
function unavailable(name: string): never {
  const e = new Error(`${name} is not available in the browser`) as Error & { code: string };
  e.code = 'ENOENT';
  throw e;
}

export const readFileSync = (): never => unavailable('readFileSync');
export const existsSync = (): boolean => false;
export const readdirSync = (): never => unavailable('readdirSync');
export const statSync = (): never => unavailable('statSync');
export const readdir = (): Promise<never> => Promise.reject(new Error('readdir is not available in the browser'));
export const setFlagsFromString = (): never => unavailable('setFlagsFromString');
export const runInNewContext = (): never => unavailable('runInNewContext');
export const gunzipSync = (): never => unavailable('gunzipSync');
