// Issue 6 in a real VS Code: a quick fix, "Harden container" and source.fixAll.shipshape on save.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { applyCodeAction, changedLines, extensionApi, having, open, readFixture, ruleId, setSetting, waitForDiagnostics, without, writeFixture } from './helpers';

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
          # keep this comment
          securityContext:
            privileged: true
`;

/** Container-level rules of the Pod Security Standards restricted profile that "Harden container" must leave satisfied. */
const HARDEN = ['privileged-container', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'seccomp-profile-missing', 'run-as-root'];

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  // The last argument resolves the actions' edits (providers may fill them in lazily).
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind?.value, 100)) ?? [];
}

function describeActions(actions: readonly vscode.CodeAction[]): string {
  return actions.map((a) => `${a.title} [${a.kind?.value ?? '-'}${a.edit ? ', edit' : ''}${a.isPreferred ? ', preferred' : ''}${a.command ? ', command' : ''}; ${(a.diagnostics ?? []).map(ruleId).join(',') || 'no diagnostics'}]`).join(' | ');
}

suite('Quick fixes, Harden container, fix-all on save', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  teardown(async () => {
    if (vscode.workspace.getConfiguration('editor').inspect('codeActionsOnSave')?.workspaceValue !== undefined) await setSetting('editor.codeActionsOnSave', undefined);
  });

  test('the privileged-container suggestion writes privileged: false and the diagnostic disappears', async () => {
    const uri = await writeFixture('fixes/quick-fix.yaml', deployment('quick'));
    await open(uri, true);
    const diags = await waitForDiagnostics(uri, having('privileged-container'));
    const diag = diags.find((d) => ruleId(d) === 'privileged-container')!;
    const actions = await actionsAt(uri, diag.range, vscode.CodeActionKind.QuickFix);
    // vscode.executeCodeActionProvider does not hand back an action's diagnostics: pick the rule's suggestion by its
    // title; it changes what the author wrote, so it is offered but never preferred (never auto-applied).
    const fix = actions.find((a) => a.kind?.value.startsWith('quickfix') && a.title === 'Suggestion: Set privileged: false' && a.edit?.get(uri).length);
    assert.ok(!actions.some((a) => a.title === 'Suggestion: Set privileged: false' && a.isPreferred === true), 'a suggestion is not preferred');
    assert.ok(fix, `a quick fix for privileged-container among: ${describeActions(actions)}`);
    const before = (await readFixture(uri)).toString();
    await applyCodeAction(fix);
    await waitForDiagnostics(uri, without(['privileged-container']), 'diagnostics without privileged-container');
    const doc = await open(uri);
    assert.deepEqual(changedLines(before, doc.getText()), ['18:             privileged: false']);
  });

  test('"Harden container" applies the restricted fixes and suggestions in one edit', async () => {
    const uri = await writeFixture('fixes/harden.yaml', deployment('harden'));
    await open(uri, true);
    const diags = await waitForDiagnostics(uri, having(...HARDEN));
    const nameLine = new vscode.Range(14, 0, 14, 100);
    const all = [...(await actionsAt(uri, nameLine)), ...(await actionsAt(uri, diags.find((d) => ruleId(d) === 'run-as-root')!.range))];
    const harden = all.find((a) => /harden container/i.test(a.title));
    assert.ok(harden, `a "Harden container" action among: ${[...new Set(all.map((a) => a.title))].join(' | ')}`);
    assert.match(harden.title, /harden/);
    await applyCodeAction(harden);
    const after = await waitForDiagnostics(uri, without(HARDEN, false), `diagnostics without ${HARDEN.join(', ')}`);
    assert.ok(!after.some((d) => ruleId(d) === 'yaml-syntax'), 'still valid YAML');
    const text = (await open(uri)).getText();
    assert.ok(text.includes('# keep this comment'), 'comments kept');
    assert.ok(text.startsWith(deployment('harden').split('          # keep')[0]!), 'lines above the container untouched');
  });

  test('source.fixAll.shipshape on save applies the safe fixes only', async () => {
    await setSetting('editor.codeActionsOnSave', { 'source.fixAll.shipshape': 'explicit' });
    const uri = await writeFixture('fixes/fix-all.yaml', deployment('fixall'));
    const doc = await open(uri, true);
    await waitForDiagnostics(uri, having('privileged-container', 'run-as-root'));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    assert.equal(doc.isDirty, false, 'saved');
    const saved = await readFixture(uri);
    assert.match(saved, /^\s+privileged: true$/m, 'privileged, which the author wrote, is left to an explicit suggestion');
    assert.match(saved, /^\s+- ALL$/m, 'the missing capability drop is added');
    assert.match(saved, /^\s+type: RuntimeDefault$/m, 'the missing seccomp profile is added');
    assert.doesNotMatch(saved, /runAsNonRoot|readOnlyRootFilesystem/, 'suggestions (run-as-root, writable-root-filesystem) are not part of fix-all');
    const diags = await waitForDiagnostics(uri, without(['capabilities-not-dropped', 'seccomp-profile-missing']), 'diagnostics without the fixed rules');
    for (const id of ['privileged-container', 'run-as-root']) assert.ok(diags.some((d) => ruleId(d) === id), `${id} (a suggestion) still reported`);
  });
});
