/**
 * One-line messages for errors of the `yaml` library that never quote the
 * document. Some of its messages end with the offending source text
 * (`Unexpected scalar token in YAML stream: "token ghp_..."`,
 * `Block scalar header includes extra characters: |...`), which can be a
 * credential; the finding's range already shows where the problem is, so
 * everything after the first `: ` is dropped, as is the position suffix.
 */
export function yamlErrorMessage(message: string): string {
  let first = message.split(/\r\n?|\n/)[0] ?? '';
  first = first.replace(/ at line \d+, column \d+:?$/, '');
  const colon = first.indexOf(': ');
  if (colon > 0) first = first.slice(0, colon);
  first = first.trim();
  return first === '' ? 'invalid YAML' : first;
}
