/** The syntax tree of Go templates (text/template/parse's nodes) and Go's String() of its nodes for messages. */

export type Arg =
  | { t: 'field'; pos: number; idents: string[] }
  | { t: 'var'; pos: number; name: string; idents: string[] }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; pos: number; v: boolean }
  | { t: 'number'; pos: number; text: string; int?: bigint; float?: number }
  | { t: 'string'; pos: number; v: string; quoted: string }
  | { t: 'ident'; pos: number; name: string }
  | { t: 'chain'; pos: number; node: Arg; fields: string[] }
  | { t: 'pipe'; pos: number; pipe: Pipe };

export interface Command {
  pos: number;
  args: Arg[];
}
export interface Pipe {
  pos: number;
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}
export type TNode =
  | { t: 'text'; pos: number; text: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with'; pos: number; pipe: Pipe; list: TNode[]; elseList?: TNode[] }
  | { t: 'range'; pos: number; pipe: Pipe; list: TNode[]; elseList?: TNode[] }
  | { t: 'template'; pos: number; name: string; pipe?: Pipe }
  | { t: 'break' | 'continue'; pos: number };

/** Go's String() of a node, as error messages print it (`at <.Values.x>`). */
export function argString(a: Arg): string {
  switch (a.t) {
    case 'field':
      return a.idents.map((i) => '.' + i).join('');
    case 'var':
      return a.name + a.idents.map((i) => '.' + i).join('');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.v);
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'ident':
      return a.name;
    case 'chain':
      return (a.node.t === 'pipe' ? `(${pipeString(a.node.pipe)})` : argString(a.node)) + a.fields.map((f) => '.' + f).join('');
    case 'pipe':
      return `(${pipeString(a.pipe)})`;
  }
}

export function commandString(c: Command): string {
  return c.args.map(argString).join(' ');
}

export function pipeString(p: Pipe): string {
  const decl = p.decl.length > 0 ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map(commandString).join(' | ');
}
