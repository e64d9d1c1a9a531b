/** Static client configuration (no `vscode` import, so tests can read it). */
export const CLIENT_ID = 'shipshape';
export const SECTION = 'shipshape';
/**
 * `dockercompose` is the language id VS Code's Docker extension gives compose
 * files. JSON documents go to the server too, which lints those holding
 * Kubernetes objects and stays silent on any other JSON; `jsonc` (tsconfig,
 * editor settings: JSON with comments, which kubectl does not read) does not.
 * `jsonl` (JSON lines): ABAC policy files, recognised by content.
 */
export const LANGUAGES = ['yaml', 'dockerfile', 'dockercompose', 'json', 'jsonl'] as const;

/** Kubeconfig files usually have no .yaml extension and open as plain text. */
export const KUBECONFIG_PATTERNS = ['**/.kube/config', '**/kubeconfig', '**/*.kubeconfig'] as const;

/** ABAC policy files named `*.abac` open as plain text. */
export const ABAC_PATTERNS = ['**/*.abac'] as const;

/** `.shipshape.yaml` files: the server re-lints open documents when one changes on disk. */
export const CONFIG_FILE_GLOB = '**/.shipshape.{yaml,yml}';

export function documentSelector(): Array<{ scheme: string; language?: string; pattern?: string }> {
  return [
    ...LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    ...[...KUBECONFIG_PATTERNS, ...ABAC_PATTERNS].map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/**
 * In the browser (vscode.dev, github.dev) documents live in the editor's virtual file systems:
 * `vscode-vfs` (github.dev, Remote Repositories), `vscode-test-web` (@vscode/test-web), `file`
 * (a local folder opened in vscode.dev), `vscode-remote` (a remote's files with the extension in the
 * browser's extension host, e.g. code-server) and `untitled`. Never `git:` or diff views' copies.
 */
export const WEB_SCHEMES = ['vscode-vfs', 'vscode-test-web', 'file', 'vscode-remote', 'untitled'] as const;

export function webDocumentSelector(): Array<{ scheme: string; language?: string; pattern?: string }> {
  return [
    ...LANGUAGES.flatMap((language) => WEB_SCHEMES.map((scheme) => ({ scheme, language }))),
    ...KUBECONFIG_PATTERNS.flatMap((pattern) => WEB_SCHEMES.filter((s) => s !== 'untitled').map((scheme) => ({ scheme, pattern }))),
  ];
}

/**
 * The web worker server's reads through the editor (server/src/web/editor-files.ts sends them,
 * client/src/web/editor-files.ts answers; test/unit/web/worker-project.test.ts checks the names match).
 */
export const READ_FILE_REQUEST = 'shipshape/readFile';
export const READ_DIRECTORY_REQUEST = 'shipshape/readDirectory';
/** Larger files are not sent to the worker (it lints files of any size the editor opens). */
export const MAX_READ_BYTES = 4 * 1024 * 1024;
