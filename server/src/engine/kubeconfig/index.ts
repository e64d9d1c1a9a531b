/** The kubeconfig explorer's engine: merge, lint and edit (the CLI calls it; the language server does for the VS Code explorer). */
export * from './model';
export * from './edit';
