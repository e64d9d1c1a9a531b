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
