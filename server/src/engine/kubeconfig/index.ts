/** The kubeconfig explorer's engine: locate, merge, lint and edit (shared by the CLI and the VS Code client). */
export * from './locate';
export * from './model';
export * from './edit';
