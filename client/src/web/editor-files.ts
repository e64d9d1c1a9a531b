/**
 * Answers the web worker server's reads (server/src/web/editor-files.ts) through the editor's file system, so
 * that in vscode.dev and github.dev `.shipshape.yaml` files apply and kustomize builds and the project index see
 * the repository. Only files inside a workspace folder are read; files over MAX_READ_BYTES are not sent.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { MAX_READ_BYTES, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST } from '../language-client-config';


declare function btoa(data: string): string;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The URI when it lies in a workspace folder. */
function workspaceUri(params: unknown): vscode.Uri | undefined {
  const uri = (params as { uri?: unknown } | undefined)?.uri;
  if (typeof uri !== 'string') return undefined;
  try {
    const u = vscode.Uri.parse(uri, true);
    return vscode.workspace.getWorkspaceFolder(u) ? u : undefined;
  } catch {
    return undefined;
  }
}

export function answerFileReads(client: BaseLanguageClient): void {
  client.onRequest(READ_FILE_REQUEST, async (params: unknown) => {
    const uri = workspaceUri(params);
    if (!uri) return null;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_READ_BYTES) return null;
      return base64(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  });
  client.onRequest(READ_DIRECTORY_REQUEST, async (params: unknown) => {
    const uri = workspaceUri(params);
    if (!uri) return null;
    try {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      return entries.map(([name, type]) => ({ name, directory: (type & vscode.FileType.Directory) !== 0, file: (type & vscode.FileType.File) !== 0 }));
    } catch {
      return null;
    }
  });
}
