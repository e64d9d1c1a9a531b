/**
 * Helm 4's words for template errors (pkg/engine/engine.go, helm v4.1.4), from the engine's Go text/template error
 * text (`template: <file>:<line>:<col>: executing "<name>" at <<node>>: <message>`):
 * - a parse error: `parse error at (<file>:<line>): <last part>`;
 * - a `fail` or `required` message, however deep in includes: `execution error at (<file>:<line>:<col>): <message>`
 *   at the outermost template;
 * - an execution error whose chain of wrapped errors is all template errors (a nil pointer, a wrong type, an include
 *   of a template that fails): each link as `<file>:<line>:<col>` / `  executing "<name>" at <<node>>:` /
 *   `    <message>` lines;
 * - any other (a function's own error: `error calling index: ...`): Go's text unchanged.
 */

interface Link {
  location: string;
  executed: string;
  message: string;
  /** The link's message before Helm cuts it at the next ` template:` (what a wrapping call's error continues with). */
  rest: string;
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

const cutAtTemplate = (msg: string): string => {
  const cut = msg.indexOf(' template:');
  return cut < 0 ? msg : msg.slice(0, cut);
};

/** Helm's parseTemplateExecErrorString: one error of the chain, or undefined when it is not a template error. */
function parseLink(s: string): Link | undefined {
  if (!s.startsWith('template: ')) return undefined;
  const remainder = s.slice('template: '.length);
  if (remainder.startsWith('no template ')) return { location: '', executed: '', message: s, rest: '' };
  const exec = remainder.indexOf(': executing ');
  if (exec >= 0) {
    const after = remainder.slice(exec + ': executing '.length);
    const endQuote = after.startsWith('"') ? after.indexOf('"', 1) : -1;
    const at = endQuote > 0 && after.startsWith(' at <', endQuote + 1) ? endQuote + 1 + ' at <'.length : -1;
    const close = at > 0 ? after.indexOf('>: ', at) : -1;
    if (close < 0) return undefined;
    const rest = after.slice(close + 3);
    return { location: remainder.slice(0, exec), executed: `executing "${after.slice(1, endQuote)}" at <${after.slice(at, close)}>:`, message: cutAtTemplate(rest), rest };
  }
  const sep = remainder.lastIndexOf(': ');
  if (sep < 0) return undefined;
  const rest = remainder.slice(sep + 2);
  return { location: remainder.slice(0, sep), executed: '', message: cutAtTemplate(rest), rest };
}

function linkText(l: Link): string {
  return (l.location ? `${l.location}\n  ` : '') + (l.executed ? `${l.executed}\n    ` : '') + (l.message ? `${l.message}\n` : '');
}

/** What Helm 4 prints for a template that does not parse. */
export function helmParseErrorText(goText: string): string {
  const tokens = goText.split(': ');
  if (tokens.length === 1) return goText;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/** What Helm 4 prints for a template whose execution failed (Go's text when Helm keeps it). */
export function helmExecErrorText(goText: string): string {
  const tokens = splitN(goText, ': ', 3);
  if (tokens.length !== 3 || tokens[0] !== 'template') return goText;
  const warn = /error calling (?:fail|required): /g;
  let last = -1;
  for (let m = warn.exec(tokens[2]!); m; m = warn.exec(tokens[2]!)) last = m.index + m[0].length;
  if (last >= 0) return `execution error at (${tokens[1]}): ${tokens[2]!.slice(last)}`;
  const links: Link[] = [];
  let current: string | undefined = goText;
  while (current !== undefined) {
    const link = parseLink(current);
    if (!link) return goText;
    const prev = links[links.length - 1];
    if (!prev || prev.location !== link.location || prev.executed !== link.executed || prev.message !== link.message) links.push(link);
    // A function's error is wrapped (`error calling <f>: %w`): Helm goes on with it; other errors end the chain.
    const call = /^error calling \S+: /.exec(link.rest);
    current = call ? link.rest.slice(call[0].length) : undefined;
  }
  return links.map(linkText).join('').trim();
}

/** Helm's text in one line (a finding's message): the lines of a multi-line text joined by spaces. */
export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}
