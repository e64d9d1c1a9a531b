// Relation rules in the editor (issue 19): an unsaved edit of a Role re-lints the RoleBinding that
// grants it in another open file, whose finding points at the Role's rule (relatedInformation).
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi, open, ruleId, waitForDiagnostics, writeFixture } from './helpers';

/** A Role in its own namespace (nothing else in the workspace relates to it). */
const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: relations-suite
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
`;
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: secret-reader
  namespace: relations-suite
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
subjects:
  - kind: ServiceAccount
    name: app
    namespace: relations-suite
`;

const resolved = (d: vscode.Diagnostic) => ruleId(d) === 'rbac-binding-resolved';

suite('Relations across files', () => {
  let role: vscode.Uri;
  let binding: vscode.Uri;

  suiteSetup(async () => {
    await extensionApi();
    role = await writeFixture('relations/role.yaml', ROLE);
    binding = await writeFixture('relations-bindings/binding.yaml', BINDING);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    for (const uri of [role, binding]) if (uri) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('editing a Role (unsaved) to grant * on * re-lints the binding in another file, with the Role as related information; reverting restores it', async () => {
    // Both open, as users edit them (the index also learns of them from the file watcher, which may be late).
    const doc = await open(role, true);
    await open(binding);
    // The binding grants reading secrets through the Role (in another file).
    let diags = await waitForDiagnostics(binding, (ds) => ds.some((d) => resolved(d) && /read Secrets|secrets/i.test(d.message)), 'rbac-binding-resolved naming secrets');
    assert.equal(diags.filter(resolved).length, 1);

    await open(role, true);
    const rules = doc.getText().indexOf('  - apiGroups');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(role, new vscode.Range(doc.positionAt(rules), doc.positionAt(doc.getText().length)), '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    diags = await waitForDiagnostics(binding, (ds) => ds.some((d) => resolved(d) && /every verb on every resource/.test(d.message)), 'rbac-binding-resolved: the role allows everything');
    const finding = diags.find(resolved)!;
    assert.equal(finding.range.start.line, 8, 'on the roleRef name');
    const related = finding.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri.toString(), role.toString());
    assert.equal(related[0]!.location.range.start.line, 6, "the Role's rule");

    const back = new vscode.WorkspaceEdit();
    back.replace(role, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), ROLE);
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitForDiagnostics(binding, (ds) => ds.some((d) => resolved(d) && !/every verb/.test(d.message)), 'rbac-binding-resolved back to the secrets grant');
  });
});
