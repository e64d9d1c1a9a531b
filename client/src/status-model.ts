/**
 * What the status bar shows for each language server state. Pure (no
 * `vscode` import) so it is unit-tested without an editor.
 */
export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Theme colour id for the item background, if the state needs attention. */
  background?: string;
}

export function statusView(state: ServerState, detail?: string): StatusView {
  const suffix = detail ? `\n${detail}` : '';
  switch (state) {
    case 'starting':
      return { text: '$(sync~spin) Shipshape', tooltip: `Shipshape language server: starting${suffix}` };
    case 'running':
      return { text: '$(shield) Shipshape', tooltip: `Shipshape language server: running\nClick to show the output.${suffix}` };
    case 'stopped':
      return {
        text: '$(circle-slash) Shipshape',
        tooltip: `Shipshape language server: stopped. Run "Shipshape: Restart Language Server" to start it again.${suffix}`,
        background: 'statusBarItem.warningBackground',
      };
    case 'error':
      return {
        text: '$(error) Shipshape',
        tooltip: `Shipshape language server: failed to start. Click to show the output.${suffix}`,
        background: 'statusBarItem.errorBackground',
      };
  }
}
