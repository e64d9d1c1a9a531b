// Issue 20, "Quick-fix menu": Ctrl+. on `securityContext:` of a container with five findings listed 21 actions, and
// the preferred one could be a fix of another finding. Over stdio against dist/server.js: at most eight entries there,
// one preferred (a safe fix of a diagnostic under the cursor, never a suggestion), suggestions labelled, one folded
// "Disable for this line..." and one "Ignore for this object..." whose choices still suppress and exempt; a position
// with one rule keeps its direct entries; a compose service is hardened as a service. The ranking itself is checked
// on hand-made diagnostics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type Diagnostic,
  type Position,
  type Range,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../../../server/src/engine';
import { CHOOSE_RULE_COMMAND, preferredFix, rankByCursor, type ChooseRuleArgs, type MenuItem } from '../../../server/src/lsp/action-menu';
import { CHOOSE_RULE } from '../../../client/src/rule-choice-args';
import { assertServerBuilt, LspServer } from './lsp-harness';

/** The reproduction: five findings on `securityContext:` (line 16). */
const FIVE_FINDINGS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          securityContext:
            privileged: false
`;
const FIVE = ['capabilities-not-dropped', 'privilege-escalation-allowed', 'run-as-root', 'seccomp-profile-missing', 'writable-root-filesystem'];
const SAFE = ['Drop ALL capabilities', 'Set allowPrivilegeEscalation: false', 'Set seccompProfile type: RuntimeDefault on the pod'];

const cursorIn = (d: Diagnostic, dx = 2): Range => {
  const p = { line: d.range.start.line, character: d.range.start.character + dx };
  return { start: p, end: p };
};

function applyEdit(doc: TextDocument, edit: WorkspaceEdit | undefined): string {
  const change = edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, 'a versioned document edit');
  assert.equal(change.textDocument.version, doc.version);
  return TextDocument.applyEdits(doc, change.edits);
}

describe('the quick-fix menu over stdio', () => {
  let server: LspServer;
  const docs = new Map<string, TextDocument>();

  const open = async (uri: string, text: string): Promise<Diagnostic[]> => {
    const published = server.published(uri, `diagnostics of ${uri}`);
    docs.set(uri, TextDocument.create(uri, 'yaml', 1, text));
    await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return (await published).diagnostics;
  };
  const change = async (uri: string, text: string): Promise<Diagnostic[]> => {
    const published = server.published(uri, `diagnostics after an edit of ${uri}`);
    const doc = TextDocument.create(uri, 'yaml', docs.get(uri)!.version + 1, text);
    docs.set(uri, doc);
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return (await published).diagnostics;
  };
  /** What VS Code asks at a cursor: the diagnostics intersecting it, every kind. */
  const menu = (uri: string, range: Range, diagnostics: Diagnostic[]) =>
    server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }) as Promise<CodeAction[]>;
  const touching = (ds: Diagnostic[], at: Position) => ds.filter((d) => d.range.start.line === at.line && d.range.start.character <= at.character && at.character <= d.range.end.character);

  before(async () => {
    assertServerBuilt();
    server = new LspServer();
    server.settings = {};
    await server.initialize({ codeAction: { resolveSupport: { properties: ['edit'] } } });
  });
  after(() => server?.kill());

  it('at a position with five findings: at most eight entries, the preferred one a safe fix of a diagnostic under the cursor', async () => {
    const uri = 'file:///workspace/menu/five.yaml';
    const all = await open(uri, FIVE_FINDINGS);
    const at = cursorIn(all.find((d) => d.code === 'run-as-root')!);
    const under = touching(all, at.start);
    assert.deepEqual(under.map((d) => d.code).sort(), FIVE, 'the reproduction has five findings on securityContext:');
    const list = await menu(uri, at, under);
    const titles = list.map((a) => a.title);
    const inMenu = list.filter((a) => !a.kind?.startsWith('source')); // what Ctrl+. lists (source actions are not)
    assert.ok(inMenu.length <= 8, `${inMenu.length} entries: ${JSON.stringify(titles)}`);
    assert.deepEqual(
      inMenu.map((a) => a.title).sort(),
      [...SAFE, 'Disable for this line...', 'Harden container web', 'Ignore for this object...', 'Suggestion: Set readOnlyRootFilesystem: true', 'Suggestion: Set runAsNonRoot: true'].sort(),
    );
    const preferred = list.filter((a) => a.isPreferred === true);
    assert.equal(preferred.length, 1, JSON.stringify(titles));
    assert.ok(SAFE.includes(preferred[0]!.title), `preferred: ${preferred[0]!.title}`);
    assert.ok(preferred[0]!.diagnostics!.every((d) => under.some((u) => u.code === d.code)), 'a fix of a diagnostic under the cursor');
    assert.equal(list[0], preferred[0], 'listed first');
    assert.ok(!titles.some((t) => t.startsWith('Show documentation')), 'documentation is the diagnostic code link');
    assert.ok(list.filter((a) => a.title.startsWith('Suggestion: ')).every((a) => !a.isPreferred));
  });

  it('the folded "Disable for this line..." asks which rule; each choice, and "All", suppresses what it names', async () => {
    const uri = 'file:///workspace/menu/disable.yaml';
    const all = await open(uri, FIVE_FINDINGS);
    const at = cursorIn(all.find((d) => d.code === 'run-as-root')!);
    const list = await menu(uri, at, touching(all, at.start));
    const disable = list.find((a) => a.title === 'Disable for this line...');
    assert.ok(disable?.command, JSON.stringify(list.map((a) => a.title)));
    assert.equal(disable.command.command, CHOOSE_RULE_COMMAND);
    assert.equal(CHOOSE_RULE_COMMAND, CHOOSE_RULE, 'the client runs the command the server names');
    assert.equal(disable.edit, undefined);
    const args = disable.command.arguments![0] as ChooseRuleArgs;
    assert.equal(args.placeHolder, 'Disable which rule for this line?');
    assert.deepEqual(args.choices.map((c) => c.label).sort(), [...FIVE, 'All 5 rules'].sort());
    assert.equal(args.choices.at(-1)!.label, 'All 5 rules');
    assert.ok(args.choices.every((c) => typeof c.detail === 'string' && c.detail.length > 0));

    const one = args.choices.find((c) => c.label === 'run-as-root')!;
    const afterOne = await change(uri, applyEdit(docs.get(uri)!, one.edit));
    assert.ok(!afterOne.some((d) => d.code === 'run-as-root' || d.code === 'unused-suppression'), JSON.stringify(afterOne.map((d) => d.code)));
    for (const id of FIVE.filter((x) => x !== 'run-as-root')) assert.ok(afterOne.some((d) => d.code === id), id);
    assert.match(docs.get(uri)!.getText(), /^ {10}# shipshape-disable-next-line run-as-root -- justify this exemption\n {10}securityContext:$/m);

    await change(uri, FIVE_FINDINGS);
    const again = await menu(uri, at, touching(all, at.start).map((d) => ({ ...d, data: { ...(d.data as object), version: docs.get(uri)!.version } })));
    const everything = ((again.find((a) => a.title === 'Disable for this line...')!.command!.arguments![0]) as ChooseRuleArgs).choices.at(-1)!;
    const afterAll = await change(uri, applyEdit(docs.get(uri)!, everything.edit));
    assert.ok(!afterAll.some((d) => FIVE.includes(String(d.code)) && d.range.start.line === at.start.line + 1), JSON.stringify(afterAll.map((d) => d.code)));
    assert.ok(!afterAll.some((d) => d.code === 'unused-suppression'));
  });

  it('the folded "Ignore for this object..." exempts the chosen rule on the object', async () => {
    const uri = 'file:///workspace/menu/ignore.yaml';
    const all = await open(uri, FIVE_FINDINGS);
    const at = cursorIn(all.find((d) => d.code === 'run-as-root')!);
    const ignore = (await menu(uri, at, touching(all, at.start))).find((a) => a.title === 'Ignore for this object...');
    assert.equal(ignore?.command?.command, CHOOSE_RULE_COMMAND);
    const args = ignore.command.arguments![0] as ChooseRuleArgs;
    assert.equal(args.placeHolder, 'Ignore which rule for this object?');
    assert.deepEqual(args.choices.map((c) => c.label).sort(), FIVE, 'one choice per rule');
    const after = await change(uri, applyEdit(docs.get(uri)!, args.choices.find((c) => c.label === 'writable-root-filesystem')!.edit));
    assert.ok(!after.some((d) => d.code === 'writable-root-filesystem' || d.code === 'unused-suppression'), JSON.stringify(after.map((d) => d.code)));
    assert.ok(after.some((d) => d.code === 'run-as-root'));
    assert.match(docs.get(uri)!.getText(), /^ {4}ignore-check\.shipshape\.dev\/writable-root-filesystem: justify this exemption$/m);
  });

  it('a position with one rule keeps direct Disable and Ignore entries, and a suggestion there is not preferred', async () => {
    const uri = 'file:///workspace/menu/one.yaml';
    const text = FIVE_FINDINGS.replace('            privileged: false\n', '            privileged: false\n            runAsNonRoot: false\n');
    const all = await open(uri, text);
    const root = all.find((d) => d.code === 'run-as-root')!;
    assert.equal(root.range.start.line, 18, 'run-as-root is on runAsNonRoot: false');
    const at = cursorIn(root);
    const list = await menu(uri, at, touching(all, at.start));
    assert.deepEqual(
      list.filter((a) => a.kind === 'quickfix').map((a) => a.title),
      ['Suggestion: Set runAsNonRoot: true', 'Disable run-as-root for this line', 'Ignore run-as-root for this object'],
    );
    assert.ok(list.filter((a) => a.kind === 'quickfix').every((a) => a.edit && !a.command));
    assert.ok(!list.some((a) => a.isPreferred), 'the pod-wide seccomp fix is not offered as the default here');
  });

  it('offers "Harden service web" for a compose service', async () => {
    const uri = 'file:///workspace/menu/docker-compose.yml';
    const all = await open(uri, 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const d = all.find((x) => x.code === 'privileged-container')!;
    const titles = (await menu(uri, cursorIn(d), [d])).map((a) => a.title);
    assert.ok(titles.includes('Harden service web'), JSON.stringify(titles));
    assert.ok(!titles.some((t) => t.startsWith('Harden container')), JSON.stringify(titles));
  });
});

describe('ranking by the cursor', () => {
  const diag = (code: string, line: number, from: number, to: number, severity: DiagnosticSeverity = DiagnosticSeverity.Warning): Diagnostic => ({ range: { start: { line, character: from }, end: { line, character: to } }, code, message: code, severity });
  const fix = (title: string, kind: Fix['kind']): Fix => ({ title, kind, edits: [{ start: 0, end: 0, text: title }] });
  const fixes: Record<string, Fix[]> = { wide: [fix('wide fix', 'fix')], narrow: [fix('narrow suggestion', 'suggestion')], narrowSafe: [fix('narrow fix', 'fix')], other: [fix('other fix', 'fix')] };
  const item = (d: Diagnostic): MenuItem => ({ diagnostic: d, finding: { ruleId: String(d.code) } as Finding });
  const of = (f: Finding) => fixes[f.ruleId] ?? [];
  const at = (line: number, character: number): Position => ({ line, character });

  it('puts what contains the cursor first, the narrowest first, errors before warnings', () => {
    const items = [diag('other', 3, 0, 5), diag('wide', 5, 0, 20), diag('narrow', 5, 10, 14), diag('narrowSafe', 5, 10, 14, DiagnosticSeverity.Error)].map(item);
    assert.deepEqual(rankByCursor(items, at(5, 12)).map((i) => i.diagnostic.code), ['narrowSafe', 'narrow', 'wide', 'other']);
    assert.deepEqual(rankByCursor(items, at(5, 2)).map((i) => i.diagnostic.code), ['wide', 'narrowSafe', 'narrow', 'other']);
  });

  it('prefers a safe fix of the narrowest diagnostics under the cursor only', () => {
    const wideAndNarrow = [diag('wide', 5, 0, 20), diag('narrow', 5, 10, 14)].map(item);
    assert.equal(preferredFix(rankByCursor(wideAndNarrow, at(5, 12)), at(5, 12), of, () => true), undefined, 'the narrow one has only a suggestion');
    assert.equal(preferredFix(rankByCursor(wideAndNarrow, at(5, 2)), at(5, 2), of, () => true)?.title, 'wide fix');
    const tied = [diag('narrow', 5, 10, 14), diag('narrowSafe', 5, 10, 14)].map(item);
    assert.equal(preferredFix(rankByCursor(tied, at(5, 12)), at(5, 12), of, () => true)?.title, 'narrow fix', 'same place: the first safe fix there');
    assert.equal(preferredFix(rankByCursor(tied, at(5, 12)), at(5, 12), of, () => false), undefined, 'a fix whose edits do not apply is not preferred');
    assert.equal(preferredFix(rankByCursor([diag('other', 3, 0, 5)].map(item), at(5, 2)), at(5, 2), of, () => true), undefined, 'nothing under the cursor');
  });
});
