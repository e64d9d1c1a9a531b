// The shipshape-disable injection grammar, tokenized the way VS Code does it: vscode-textmate with the
// Oniguruma wasm engine, injected into host grammars for YAML and Dockerfile whose comment rules are
// the ones VS Code's built-in grammars use (yaml: a begin/end comment; docker: a single match rule).
// A grammar that stops matching, a scope renamed or an injection that never reaches a comment fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const INJECTION = JSON.parse(readFileSync(join(ROOT, 'syntaxes/shipshape-directives.injection.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
type GrammarContribution = { scopeName: string; path: string; injectTo?: string[] };
const grammars = pkg.contributes.grammars as GrammarContribution[];
const contributed = grammars.find((g) => g.scopeName === INJECTION.scopeName);
/** Every grammar the extension contributes, by scope name (a fix may add more injection grammars). */
const OWN = new Map(grammars.map((g) => [g.scopeName, JSON.parse(readFileSync(join(ROOT, g.path), 'utf8'))]));

/** Host grammars reduced to what matters here: their comment rules, copied from VS Code 1.100's built-in grammars. */
const HOSTS: Record<string, object> = {
  // extensions/yaml/syntaxes/yaml-1.2.tmLanguage.json "comment": whitespace, then a begin/end rule for `#...`.
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [
      {
        begin: '(?:(^[ \\t]*)|[ \\t]+)(?=#\\p{Print}*$)',
        beginCaptures: { '1': { name: 'punctuation.whitespace.comment.leading.yaml' } },
        end: '(?!\\G)',
        patterns: [{ begin: '#', beginCaptures: { '0': { name: 'punctuation.definition.comment.yaml' } }, end: '\\n', name: 'comment.line.number-sign.yaml' }],
      },
      { match: '[^#\\s][^#]*', name: 'string.unquoted.plain.out.yaml' },
    ],
  },
  // extensions/docker/syntaxes/docker.tmLanguage.json: comments are one match rule.
  'source.dockerfile': {
    scopeName: 'source.dockerfile',
    patterns: [
      {
        captures: { '1': { name: 'punctuation.whitespace.comment.leading.dockerfile' }, '2': { name: 'comment.line.number-sign.dockerfile' }, '3': { name: 'punctuation.definition.comment.dockerfile' } },
        match: '^(\\s*)((#).*$\\n?)',
      },
      { match: '^\\s*\\b(?i:(FROM|RUN|USER))\\b', captures: { '1': { name: 'keyword.other.special-method.dockerfile' } } },
    ],
  },
};

let registry: Promise<vsctm.Registry> | undefined;
function getRegistry(): Promise<vsctm.Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      loadGrammar: async (scopeName: string) => {
        const raw = OWN.get(scopeName) ?? HOSTS[scopeName];
        return raw ? vsctm.parseRawGrammar(JSON.stringify(raw), `${scopeName}.json`) : null;
      },
      // Like VS Code: contributes.grammars[].injectTo decides which hosts get which injections.
      getInjections: (scopeName: string) => grammars.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
    });
  })();
  return registry;
}

/** The line's tokens as [text, innermost scope] pairs, and all scopes of each token. */
async function tokenize(host: string, lines: string[], lineIndex = lines.length - 1): Promise<{ text: string; scopes: string[] }[]> {
  const grammar = await (await getRegistry()).loadGrammar(host);
  assert.ok(grammar, `${host} loads`);
  let state = vsctm.INITIAL;
  let out: { text: string; scopes: string[] }[] = [];
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    if (i === lineIndex) out = r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
  return out;
}

/** Texts of the tokens that carry `scope`. */
function withScope(tokens: { text: string; scopes: string[] }[], scope: string): string[] {
  return tokens.filter((t) => t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`))).map((t) => t.text);
}

const KEYWORD = 'keyword.control.directive.shipshape';
const RULE = 'constant.other.rule-id.shipshape';
const SEP = 'punctuation.separator.reason.shipshape';
const REASON = 'string.unquoted.reason.shipshape';

test('package.json injects the grammar into source.yaml and source.dockerfile', () => {
  assert.ok(contributed, 'contributes.grammars has the injection');
  const hosts = new Set(grammars.flatMap((g) => g.injectTo ?? []));
  assert.ok(hosts.has('source.yaml') && hosts.has('source.dockerfile'), 'injected into YAML and Dockerfile');
});

for (const host of ['source.yaml', 'source.dockerfile']) {
  const context = host === 'source.yaml' ? ['spec:', '  containers:'] : ['FROM nginx:1.27'];
  const indent = host === 'source.yaml' ? '    ' : '';

  test(`${host}: directive, rule id and reason get their scopes inside a comment`, async () => {
    const tokens = await tokenize(host, [...context, `${indent}# shipshape-disable-next-line privileged-container -- reason`]);
    assert.deepEqual(withScope(tokens, KEYWORD), ['shipshape-disable-next-line']);
    assert.deepEqual(withScope(tokens, RULE), ['privileged-container']);
    assert.deepEqual(withScope(tokens, SEP), ['--']);
    assert.deepEqual(withScope(tokens, REASON), ['reason']);
    for (const t of tokens.filter((x) => x.text.includes('shipshape'))) assert.ok(t.scopes.some((s) => s.startsWith('comment.line.number-sign')), `"${t.text}" stays in the comment scope`);
  });

  test(`${host}: several rule ids and a file-wide directive`, async () => {
    const tokens = await tokenize(host, [...context, `${indent}# shipshape-disable run-as-root, host-pid -- reviewed by security`]);
    assert.deepEqual(withScope(tokens, KEYWORD), ['shipshape-disable']);
    assert.deepEqual(withScope(tokens, RULE), ['run-as-root', 'host-pid']);
    assert.deepEqual(withScope(tokens, REASON), ['reviewed by security']);
  });

  test(`${host}: look-alikes and text outside comments are not highlighted`, async () => {
    for (const line of [`${indent}# shipshape-disabled host-pid`, `${indent}# not-shipshape-disable host-pid`, `${indent}# an ordinary comment`]) {
      const tokens = await tokenize(host, [...context, line]);
      assert.deepEqual(withScope(tokens, KEYWORD), [], line);
      assert.deepEqual(withScope(tokens, RULE), [], line);
    }
  });
}

test('source.yaml: a directive word in a value (not a comment) is not highlighted', async () => {
  const tokens = await tokenize('source.yaml', ['metadata:', '  name: shipshape-disable-next-line privileged-container']);
  assert.deepEqual(withScope(tokens, KEYWORD), []);
});
