/**
 * Lists exports of client/src, server/src and shared/ that nothing uses: no other file imports them (tests, scripts
 * and the bench count as importers) and their own file never refers to them, like ts-prune's unused exports
 * (exports used only in their own module, ts-prune's "used in module", are not listed).
 * Run: `npx tsx scripts/dead-exports.ts` (exit status 1 when there are any); test/unit/engine/dead-exports.test.ts
 * keeps the list empty.
 */
import * as ts from 'typescript';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Entry points: their exports are used by Node, VS Code or esbuild, not by an import (the web bundles' stand-ins: scripts/build.mjs). */
const ENTRY_POINTS = new Set([
  'client/src/extension.ts',
  'client/src/web/extension.ts',
  'server/src/lsp/node.ts',
  'server/src/web/server.ts',
  'server/src/web/globals.ts',
  'server/src/web/node/path.ts',
  'server/src/web/node/url.ts',
  'server/src/web/node/unavailable.ts',
  'server/src/cli/main.ts',
  'server/src/cli/pool/worker-main.ts',
]);

/**
 * The files of a tsconfig and of every project it references (the solution's client, server, engine, shared
 * and test projects), with the compiler options of the largest project (the tests', which may import everything).
 */
function projectFiles(configPath: string): { files: string[]; options: ts.CompilerOptions } {
  const files = new Set<string>();
  let options: ts.CompilerOptions = {};
  let largest = -1;
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const config = ts.readConfigFile(path, (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(path), undefined, path);
    for (const f of parsed.fileNames) files.add(f);
    if (parsed.fileNames.length > largest) [largest, options] = [parsed.fileNames.length, parsed.options];
    for (const ref of parsed.projectReferences ?? []) visit(ts.resolveProjectReferencePath(ref));
  };
  visit(configPath);
  const { composite: _c, declaration: _d, declarationMap: _m, incremental: _i, tsBuildInfoFile: _t, outDir: _o, ...rest } = options;
  return { files: [...files], options: { ...rest, noEmit: true } };
}

export function deadExports(root = ROOT): string[] {
  const { files, options } = projectFiles(join(root, 'tsconfig.json'));
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const original = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const used = new Set<ts.Symbol>();
  /** Modules imported as a namespace (`import * as x`, `export * from`): all their exports count as used. */
  const wholeModules = new Set<ts.Symbol>();
  const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
  for (const file of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) {
        // `export { x }` without `from` names a local: it is this file's own export, not a use.
        if (!(ts.isExportSpecifier(node) && !node.parent.parent.moduleSpecifier)) {
          const s = checker.getSymbolAtLocation(node.propertyName ?? node.name);
          if (s) used.add(original(s));
        }
      } else if (ts.isImportClause(node) && node.name) {
        const s = checker.getSymbolAtLocation(node.name);
        if (s) used.add(original(s));
      } else if ((ts.isNamespaceImport(node) || ts.isNamespaceExport(node)) || (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier)) {
        const spec = ts.isExportDeclaration(node) ? node.moduleSpecifier : (node.parent.parent as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
        const m = spec && checker.getSymbolAtLocation(spec);
        if (m) wholeModules.add(m);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const m = node.arguments[0] && checker.getSymbolAtLocation(node.arguments[0]);
        if (m) wholeModules.add(m);
      } else if (ts.isImportTypeNode(node) && node.qualifier) {
        const s = checker.getSymbolAtLocation(node.qualifier);
        if (s) used.add(original(s));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  /** The symbol is referenced in `file` somewhere other than where it is declared. */
  const usedLocally = (file: ts.SourceFile, symbol: ts.Symbol): boolean => {
    const names = new Set((symbol.declarations ?? []).map((d) => (d as ts.NamedDeclaration).name).filter((n) => n !== undefined));
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && node.text === symbol.name && !names.has(node)) {
        const s = checker.getSymbolAtLocation(node);
        if (s && (s === symbol || original(s) === symbol)) found = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  };
  const dead: string[] = [];
  for (const file of sources) {
    const rel = relative(root, file.fileName).split('\\').join('/');
    if (!/^(?:client\/src|server\/src|shared)\//.test(rel) || ENTRY_POINTS.has(rel)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol || wholeModules.has(moduleSymbol)) continue;
    for (const exp of checker.getExportsOfModule(moduleSymbol)) {
      const s = original(exp);
      if (used.has(s)) continue;
      // A re-export (an index's `export * from`) is judged where the export is declared.
      if (exp !== s || !(s.declarations ?? []).some((d) => d.getSourceFile() === file)) continue;
      if (usedLocally(file, s)) continue;
      const decl = exp.declarations?.[0];
      const line = decl ? file.getLineAndCharacterOfPosition(decl.getStart()).line + 1 : 0;
      dead.push(`${rel}:${line} ${exp.name}`);
    }
  }
  return dead.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dead = deadExports();
  for (const d of dead) console.log(d);
  console.error(`${dead.length} export(s) that nothing uses`);
  process.exit(dead.length > 0 ? 1 : 0);
}
