/**
 * Where a TypeScript project's `paths` send the packages it must not import
 * (vscode and the LSP packages in the engine; the editor API in the server).
 * No project includes this file, so `tsc -b` fails at such an import with
 * TS6307 ("not listed within the file list of project"); esbuild, which
 * honours the same `paths`, fails on the import below.
 */
export * from './this-package-is-forbidden-in-this-project';
