// Issue 20 in a real VS Code: the quick-fix menu at a position with five findings has at most eight entries and its
// preferred entry (what Ctrl+. Enter applies) is a safe fix of a diagnostic under the cursor; suppressing and
// ignoring still work through the folded "Disable for this line..." / "Ignore for this object..." entries, whose
// quick pick is answered as a user would (accept the highlighted rule); the output channel has the version line.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { ShipshapeApi } from '../../../client/src/extension';
import type { RuleQuestion } from '../../../client/src/rule-choice';
import { extensionApi, having, open, ruleId, waitForDiagnostics, writeFixture } from './helpers';

/** Five findings on `securityContext:` (line 16): capabilities, privilege escalation, run as root, seccomp, writable root. */
const deployment = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27.3
          securityContext:
            privileged: false
`;
const FIVE = ['capabilities-not-dropped', 'privilege-escalation-allowed', 'run-as-root', 'seccomp-profile-missing', 'writable-root-filesystem'];
const SAFE_FIXES = ['Drop ALL capabilities', 'Set allowPrivilegeEscalation: false', 'Set seccompProfile type: RuntimeDefault on the pod'];
/** The cursor inside `securityContext` (what Ctrl+. asks about: an empty range there). */
const CURSOR = new vscode.Range(16, 14, 16, 14);

async function menuAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, undefined, 100)) ?? [];
}

/** What Ctrl+. lists: source actions (fix-all) are not in that menu. */
const inQuickFixMenu = (a: vscode.CodeAction): boolean => !a.kind || !vscode.CodeActionKind.Source.contains(a.kind);

async function fiveFindings(name: string): Promise<{ uri: vscode.Uri; actions: vscode.CodeAction[] }> {
  const uri = await writeFixture(`menu/${name}.yaml`, deployment(name));
  await open(uri, true);
  const diags = await waitForDiagnostics(uri, having(...FIVE));
  const under = diags.filter((d) => d.range.contains(CURSOR.start)).map(ruleId).sort();
  assert.deepEqual(under, FIVE, 'five findings under the cursor');
  return { uri, actions: await menuAt(uri, CURSOR) };
}

/** Runs a folded entry's command and accepts the highlighted choice of its quick pick once it is on screen. */
async function chooseFirst(api: ShipshapeApi, action: vscode.CodeAction | undefined): Promise<RuleQuestion> {
  assert.ok(action?.command, 'a folded entry runs a command');
  assert.equal(action.edit, undefined, 'the edit comes from the choice');
  const asked = new Promise<RuleQuestion>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the rule quick pick was not shown')), 20_000); // a guard, not a timed wait
    const sub = api.ruleChoice.onDidAsk((q) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(q);
    });
  });
  const ran = vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  const question = await asked;
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await ran;
  return question;
}

suite('The quick-fix menu, suppress and ignore through it, the output channel', () => {
  let api: ShipshapeApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });

  test('at a position with five findings: at most eight entries, the preferred one a safe fix of a diagnostic under the cursor', async () => {
    const { actions } = await fiveFindings('five');
    const menu = actions.filter(inQuickFixMenu);
    const titles = menu.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
    assert.ok(menu.length <= 8, `${menu.length} entries: ${titles.join(' | ')}`);
    const preferred = menu.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, titles.join(' | '));
    assert.ok(SAFE_FIXES.includes(preferred[0]!.title), `preferred: ${preferred[0]!.title}`);
    assert.equal(menu[0], preferred[0], `Ctrl+. Enter applies the preferred fix: ${titles.join(' | ')}`);
    assert.equal(menu.filter((a) => a.title === 'Disable for this line...').length, 1, titles.join(' | '));
    assert.equal(menu.filter((a) => a.title === 'Ignore for this object...').length, 1, titles.join(' | '));
    assert.ok(!menu.some((a) => /^(Disable|Ignore) [a-z-]+ for this/.test(a.title) || a.title.startsWith('Show documentation')), titles.join(' | '));
    for (const a of menu.filter((x) => x.title.startsWith('Suggestion: '))) assert.notEqual(a.isPreferred, true, a.title);
  });

  test('"Disable for this line..." asks which rule and suppresses the one chosen', async () => {
    const { uri, actions } = await fiveFindings('disable');
    const question = await chooseFirst(api, actions.find((a) => a.title === 'Disable for this line...'));
    assert.equal(question.placeHolder, 'Disable which rule for this line?');
    assert.deepEqual([...question.labels].sort(), [...FIVE, 'All 5 rules'].sort());
    const chosen = question.labels[0]!;
    assert.ok(FIVE.includes(chosen), chosen);
    const after = await waitForDiagnostics(uri, (ds) => !ds.some((d) => ruleId(d) === chosen) && ds.length > 0, `diagnostics without ${chosen}`);
    for (const id of FIVE.filter((x) => x !== chosen)) assert.ok(after.some((d) => ruleId(d) === id), `${id} still reported`);
    assert.ok(!after.some((d) => ruleId(d) === 'unused-suppression'));
    const text = (await open(uri)).getText();
    assert.ok(text.includes(`          # shipshape-disable-next-line ${chosen} -- justify this exemption\n          securityContext:\n`), text);
  });

  test('"Ignore for this object..." asks which rule and exempts the object from the one chosen', async () => {
    const { uri, actions } = await fiveFindings('ignore');
    const question = await chooseFirst(api, actions.find((a) => a.title === 'Ignore for this object...'));
    assert.equal(question.placeHolder, 'Ignore which rule for this object?');
    assert.deepEqual([...question.labels].sort(), FIVE);
    const chosen = question.labels[0]!;
    const after = await waitForDiagnostics(uri, (ds) => !ds.some((d) => ruleId(d) === chosen) && ds.length > 0, `diagnostics without ${chosen}`);
    for (const id of FIVE.filter((x) => x !== chosen)) assert.ok(after.some((d) => ruleId(d) === id), `${id} still reported`);
    const text = (await open(uri)).getText();
    assert.ok(text.includes(`    ignore-check.shipshape.dev/${chosen}: justify this exemption\n`), text);
  });

  test('the output channel has the extension and language server version lines', async () => {
    const version = String(vscode.extensions.getExtension('shipshape.shipshape')!.packageJSON.version);
    const lines = api.outputLines();
    assert.ok(lines.some((l) => l.startsWith(`Shipshape ${version} extension`)), lines.slice(0, 5).join('\n'));
    assert.ok(lines.some((l) => l.includes(`] Shipshape ${version} language server (Node v`)), lines.slice(0, 5).join('\n'));
  });
});
