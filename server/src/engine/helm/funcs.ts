/** The function map Helm gives templates: Go's builtins, Sprig (minus env/expandenv), Helm's own functions. */
import { builtins } from './builtins';
import { def, type FuncDef } from './funcs-types';
import { sprigAliases, sprigExtra } from './sprig-extra';
import { sprigLists } from './sprig-lists';
import { sprigMisc } from './sprig-misc';
import { sprigStrings } from './sprig-strings';

function build(): ReadonlyMap<string, FuncDef> {
  const m = new Map<string, FuncDef>(builtins);
  // Template functions override Go's builtins of the same name (sprig's slice), as in text/template.
  for (const [k, v] of [...sprigStrings, ...sprigLists, ...sprigMisc, ...sprigExtra]) m.set(k, v);
  for (const [alias, name] of sprigAliases) m.set(alias, m.get(name)!);
  m.set('include', def(['string', 'any'], ([name, data], ctx) => ctx.include(name as string, data)));
  m.set('tpl', def(['string', 'any'], ([text, data], ctx) => ctx.tpl(text as string, data)));
  return m;
}

/** Built once: the definitions are immutable tables of pure functions. */
export const helmFuncs: ReadonlyMap<string, FuncDef> = build();
