/**
 * Constants in templates as Go's text/template evaluates them (exec.go evalArg and idealConstant): a bool, string or
 * number literal passed as a parameter of a given type, or Go's error text when it does not fit.
 */
import { argString, type Arg } from './ast';
import { goTypeOfParam, type ParamType } from './funcs-types';
import type { GoValue } from './values';

type Result = { value: GoValue } | { error: string };

/** A number literal where any type is accepted: a float in float syntax (hex ints are not), else an int. */
export function idealNumber(n: Extract<Arg, { t: 'number' }>): Result {
  const isFloatSyntax = !(/^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text)) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text);
  if (n.float !== undefined && isFloatSyntax) return { value: n.float };
  if (n.int !== undefined) return { value: n.int };
  return { error: `${n.text} overflows int` };
}

/** A constant argument (not dot, nil, a field, a variable, a pipeline, a call or a chain) as a parameter of type `typ`. */
export function constantArg(a: Arg, typ: ParamType): Result {
  switch (typ) {
    case 'bool':
      return a.t === 'bool' ? { value: a.v } : { error: `expected bool; found ${argString(a)}` };
    case 'string':
      return a.t === 'string' ? { value: a.v } : { error: `expected string; found ${argString(a)}` };
    case 'int':
    case 'int64':
      return a.t === 'number' && a.int !== undefined ? { value: a.int } : { error: `expected integer; found ${argString(a)}` };
    case 'float64':
      return a.t === 'number' && a.float !== undefined ? { value: a.float } : { error: `expected float; found ${argString(a)}` };
    case 'any':
      if (a.t === 'bool' || a.t === 'string') return { value: a.v };
      if (a.t === 'number') return idealNumber(a);
  }
  return { error: `can't handle ${argString(a)} for arg of type ${goTypeOfParam(typ)}` };
}
