/** Static client configuration (no `vscode` import, so tests can read it). */
export const CLIENT_ID = 'shipshape';
export const SECTION = 'shipshape';
export const LANGUAGES = ['yaml', 'dockerfile'] as const;

export function documentSelector(): { scheme: string; language: string }[] {
  return LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}
