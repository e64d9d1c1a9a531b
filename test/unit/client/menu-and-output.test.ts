// Issue 20 on the client side, without VS Code: the argument of the folded "Disable for this line..." / "Ignore for
// this object..." actions is read as untrusted input and its edit is not applied to a document that changed since;
// the output channel keeps what was written to it (the integration suite reads the version line through it); the
// command is in the table (and package.json, hidden from the palette).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { COMMANDS, type CommandContext } from '../../../client/src/commands';
import { RecordingOutputChannel } from '../../../client/src/output';
import { CHOOSE_RULE, chooseRuleArgs, staleDocuments } from '../../../client/src/rule-choice-args';

const ROOT = join(__dirname, '..', '..', '..');
const edit = (version: number | null) => ({ documentChanges: [{ textDocument: { uri: 'file:///a.yaml', version }, edits: [] }] });

test('a rule choice argument is read as untrusted input', () => {
  const good = { placeHolder: 'Disable which rule for this line?', choices: [{ label: 'run-as-root', detail: 'runs as root', edit: edit(3) }, { label: 'All 2 rules', edit: edit(3) }] };
  assert.deepEqual(chooseRuleArgs(good), good);
  for (const bad of [undefined, null, 'x', [], { placeHolder: 'p' }, { placeHolder: 'p', choices: [] }, { placeHolder: 1, choices: good.choices }, { placeHolder: 'p', choices: [{ label: 'x' }] }, { placeHolder: 'p', choices: [{ label: 'x', edit: edit(1), detail: 2 }] }]) {
    assert.equal(chooseRuleArgs(bad), undefined, JSON.stringify(bad));
  }
});

test('an edit for a document that changed since is stale; an unversioned one is not', () => {
  assert.deepEqual(staleDocuments(edit(3), () => 3), []);
  assert.deepEqual(staleDocuments(edit(3), () => 4), ['file:///a.yaml']);
  assert.deepEqual(staleDocuments(edit(3), () => undefined), ['file:///a.yaml'], 'closed since');
  assert.deepEqual(staleDocuments(edit(null), () => 4), []);
  assert.deepEqual(staleDocuments({ changes: {} }, () => 4), []);
});

test('the choose-rule command hands its argument to the chooser and is contributed, hidden from the palette', async () => {
  const got: unknown[] = [];
  const ctx = { server: { restart: async () => undefined }, output: { show: () => undefined }, ruleChoice: { choose: (arg: unknown) => void got.push(arg) } } as unknown as CommandContext;
  await COMMANDS[CHOOSE_RULE]!(ctx, { placeHolder: 'p' });
  assert.deepEqual(got, [{ placeHolder: 'p' }]);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === CHOOSE_RULE && m.when === 'false'));
});

test('the output channel keeps its first lines and the latest ones, and still writes everything through', () => {
  const written: string[] = [];
  const channel = { name: 'Shipshape', append: (v: string) => void written.push(v), appendLine: (v: string) => void written.push(`${v}\n`), clear: () => undefined } as unknown as vscode.OutputChannel;
  const out = new RecordingOutputChannel(channel);
  out.appendLine('Shipshape 0.1.0 extension');
  out.append('[Info  - 05:00:00] Shipshape 0.1.0 language server');
  out.append(' (Node v20)\n');
  for (let i = 0; i < 1000; i++) out.appendLine(`line ${i}`);
  out.append('partial');
  const lines = out.lines();
  assert.equal(lines[0], 'Shipshape 0.1.0 extension');
  assert.equal(lines[1], '[Info  - 05:00:00] Shipshape 0.1.0 language server (Node v20)');
  assert.equal(lines.at(-2), 'line 999');
  assert.equal(lines.at(-1), 'partial');
  assert.ok(lines.length <= 521, `${lines.length} lines kept`);
  assert.equal(written.join(''), ['Shipshape 0.1.0 extension\n[Info  - 05:00:00] Shipshape 0.1.0 language server (Node v20)\n', ...Array.from({ length: 1000 }, (_, i) => `line ${i}\n`), 'partial'].join(''));
  out.clear();
  assert.deepEqual(out.lines(), []);
  assert.equal(out.name, 'Shipshape');
});
