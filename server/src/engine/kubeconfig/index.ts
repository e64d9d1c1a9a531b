/** The kubeconfig explorer's engine: merge, lint and edit (shared by the CLI and the VS Code client). */
export * from './model';
export * from './edit';
