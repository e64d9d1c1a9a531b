// A large YAML file (over the 512 K characters at which the client sends shipshape/openPreview and holds the
// didOpen until the server answered, issue 21) in a real VS Code: the findings at the top and at the end arrive at
// the right lines, and an edit made right after opening (while the didOpen may be held) is applied once.
import * as assert from 'node:assert/strict';
import { suite, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { extensionApi, open, ruleId, waitForDiagnostics, writeFixture } from './helpers';

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: large-suite
spec:
  containers:
    - name: c
      image: registry.example/app:1.0
      securityContext:
        privileged: true
`;
const CONFIG_MAP = (i: number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${i}
  namespace: large-suite
data:
  greeting: "${'hello '.repeat(30)}"
`;

/** A privileged Pod, 2,400 ConfigMaps (about 700 K characters), a privileged Pod. */
function largeFile(): string {
  const docs = [POD('first'), ...Array.from({ length: 2400 }, (_, i) => CONFIG_MAP(i)), POD('last')];
  return docs.join('---\n');
}

const privilegedLines = (ds: vscode.Diagnostic[]) => ds.filter((d) => ruleId(d) === 'privileged-container').map((d) => d.range.start.line).sort((a, b) => a - b);

suite('Large files (open preview)', () => {
  const made: vscode.Uri[] = [];
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors').then(undefined, () => undefined);
    for (const uri of made) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('a 700 K-character file gets the findings of its first and last documents at their lines', async () => {
    await extensionApi();
    const text = largeFile();
    assert.ok(text.length > 512 * 1024, `${text.length} characters`);
    const uri = await writeFixture('large/big.yaml', text);
    made.push(uri);
    await open(uri, true);
    const lastLine = text.split('\n').length - 2; // `privileged: true` of the last Pod (the text ends with a newline)
    const diags = await waitForDiagnostics(uri, (ds) => privilegedLines(ds).length === 2, 'both privileged-container findings', 60_000);
    assert.deepEqual(privilegedLines(diags), [10, lastLine]);
  });

  test('an edit made right after opening a large file is applied once: the findings follow the edited text', async () => {
    const text = largeFile();
    const uri = await writeFixture('large/edited.yaml', text);
    made.push(uri);
    const doc = await open(uri, true);
    // At once, before any diagnostics: two lines inserted at the top (a comment and a blank line).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '# edited at once\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.getText().startsWith('# edited at once\n\napiVersion: v1'));
    const lastLine = text.split('\n').length - 2 + 2;
    const diags = await waitForDiagnostics(uri, (ds) => privilegedLines(ds).length === 2 && privilegedLines(ds)[0] === 12, 'the findings of the edited text', 60_000);
    assert.deepEqual(privilegedLines(diags), [12, lastLine]);
    // Nothing reports a YAML error (an edit applied twice would break the first document).
    assert.deepEqual(diags.filter((d) => ruleId(d) === 'yaml-syntax').map((d) => d.message), []);
  });
});
