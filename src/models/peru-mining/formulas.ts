/**
 * Scenario formulas: a scenario may replace a mechanism's response curve with a mathjs
 * expression of named variables, for example
 *   formulas:
 *     dialogueEffectiveness: "base * (0.1 + 0.9 * convenerTrust ^ 2) * (0.5 + 0.5 * capacity)"
 *     escalationHazard: "1 - exp(-rate * x ^ 1.5)"
 *
 * Expressions are untrusted input. They are parsed by a restricted mathjs instance (import,
 * createUnit, evaluate, parse, compile, simplify, derivative, resolve and chain disabled, as
 * mathjs's security guide recommends) and then accepted only if every node of the syntax tree
 * is a number, one of the formula's variables, a whitelisted constant, a whitelisted pure
 * function called with its number of arguments, an arithmetic operator (+ - * / ^, unary
 * - and +), a comparison or and/or/not inside a condition, a parenthesis or a conditional:
 * no assignment, function definition, property access, indexing, object, array, string,
 * block, bitwise or matrix operator, factorial, unit conversion. The result must be a number
 * (not a comparison). An accepted formula is then evaluated on a grid of its variables' ranges
 * and refused if it throws or gives something other than a finite number anywhere on it.
 * Accepted expressions are compiled once per compiled world and evaluated with a plain scope
 * of numbers; a value that is still not a finite number mid-run fails the run (RunFailure,
 * naming the formula and its inputs).
 *
 * mathjs is loaded (synchronously, ~0.5 s) only when a scenario has formulas, through the
 * loader a host provides with provideMathJs: io/mathjs.ts requires it in Node; a browser
 * bundle passes its import. This layer stays browser-safe.
 */
import { RunFailure } from '../../engine/run-failure.js';

/** The formulas a scenario may set, and the variables each may use. */
const FORMULA_VARIABLES = {
  /** Chance that a meeting or month of a table reaches agreement (replaces dialogue.ts). */
  dialogueEffectiveness: ['base', 'convenerTrust', 'inclusion', 'inclusionEffect', 'capacity'],
  /** Monthly probability of an escalating transition (replaces 1 − exp(−rate·x) in conflict.ts). */
  escalationHazard: ['rate', 'x', 'pressure', 'triggers'],
} as const;
export type FormulaName = keyof typeof FORMULA_VARIABLES;

/** Allowed functions and how many arguments each takes (mathjs throws at run time otherwise). */
const FUNCTIONS: Readonly<Record<string, readonly [min: number, max: number]>> = {
  exp: [1, 1],
  log: [1, 2],
  log10: [1, 1],
  sqrt: [1, 1],
  abs: [1, 1],
  min: [1, 20],
  max: [1, 20],
  pow: [2, 2],
  tanh: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 2],
  sign: [1, 1],
};
/** Allowed operators by mathjs function name: arithmetic, and comparisons and logic for conditions. */
const ARITHMETIC = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
const COMPARISONS = new Set(['smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal']);
const LOGIC = new Set(['and', 'or', 'not']);
const CONSTANTS = new Set(['pi', 'e']);
const MAX_LENGTH = 500;
const MAX_NODES = 200;
/** round(x, n) rounds to n decimals; mathjs accepts only whole n from 0 to 15. */
const MAX_DECIMALS = 15;

/**
 * Points of each formula's variables at which it is evaluated when validated, spanning the
 * ranges the mechanisms pass: every input of dialogueEffectiveness is in [0, 1] (shares,
 * trust, capacity, and parameters whose range is [0, 1]); for escalationHazard, rate is a
 * conflict rate in [0, 1], pressure = grievance × mobilisation (× corridor weight) in [0, 1],
 * triggers = 1 + the five trigger multiples (each 0–20) that apply this month, in [1, 101],
 * and x = pressure × triggers.
 */
const UNIT = [0, 0.25, 0.5, 0.75, 1];
const ENDS = [0, 0.5, 1];
const TRIGGERS = [1, 2, 4, 11, 21, 51, 101];
function samplePoints(name: FormulaName): Array<Record<string, number>> {
  const points: Array<Record<string, number>> = [];
  if (name === 'escalationHazard') {
    for (const rate of UNIT)
      for (const pressure of UNIT) for (const triggers of TRIGGERS) points.push({ rate, x: pressure * triggers, pressure, triggers });
    return points;
  }
  // base, inclusion and inclusionEffect are fixed in a run (parameters and policy): a coarser grid.
  for (const base of ENDS)
    for (const inclusion of ENDS)
      for (const inclusionEffect of ENDS)
        for (const convenerTrust of UNIT)
          for (const capacity of UNIT) {
            points.push({ base, convenerTrust, inclusion, inclusionEffect, capacity });
          }
  return points;
}

interface MathNode {
  type: string;
  name?: string;
  value?: unknown;
  fn?: MathNode | string;
  op?: string;
  args?: MathNode[];
  content?: MathNode;
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
  isUnary?: () => boolean;
  forEach(callback: (child: MathNode) => void): void;
  compile(): { evaluate(scope: Record<string, number>): unknown };
}
interface MathInstance {
  parse(text: string): MathNode;
}

/** What formulas need of the mathjs package: its `create` and `all` exports. */
export interface MathJs {
  readonly all: unknown;
  readonly create: (factories: unknown, config?: unknown) => MathInstance & { import: (o: object, opts: object) => void };
}

let loadMathJs: (() => MathJs) | undefined;
let instance: MathInstance | undefined;

/** Sets how mathjs is loaded, on first use of a formula (a host calls this once, before scenarios with formulas are read). */
export function provideMathJs(load: () => MathJs): void {
  loadMathJs = load;
  instance = undefined;
}

/** A mathjs instance with every function that could reach beyond arithmetic disabled. */
function restrictedMath(): MathInstance {
  if (instance) return instance;
  if (!loadMathJs) throw new Error('formulas need mathjs, and this program did not provide it (provideMathJs)');
  const { create, all } = loadMathJs();
  const math = create(all);
  const parse = math.parse.bind(math);
  const disabled = (name: string) => () => {
    throw new Error(`function ${name} is disabled`);
  };
  math.import(
    Object.fromEntries(
      ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'chain', 'reviver', 'parser'].map(
        (n) => [n, disabled(n)],
      ),
    ),
    { override: true },
  );
  instance = { parse };
  return instance;
}

type Kind = 'number' | 'boolean';

/** Why an expression is refused for a formula, or undefined if it is acceptable. */
export function checkFormula(name: FormulaName, text: string): string | undefined {
  const parsed = parseFormula(name, text);
  if (typeof parsed === 'string') return parsed;
  return checkValues(name, parsed);
}

/** The syntax tree of an acceptable formula, or why it is refused: nodes, operators, functions and their arities, and types. */
function parseFormula(name: FormulaName, text: string): MathNode | string {
  if (text.length > MAX_LENGTH) return `formula longer than ${MAX_LENGTH} characters`;
  const math = restrictedMath();
  let root: MathNode;
  try {
    root = math.parse(text);
  } catch (e) {
    return `cannot read the formula: ${(e as Error).message}`;
  }
  const variables = new Set<string>(FORMULA_VARIABLES[name]);
  let nodes = 0;
  let problem: string | undefined;
  const refuse = (why: string): Kind => {
    problem ??= why;
    return 'number';
  };
  const expect = (node: MathNode, kind: Kind, where: string): void => {
    const got = kindOf(node);
    if (!problem && got !== kind)
      refuse(`${where} must be ${kind === 'number' ? 'a number' : 'a comparison'}, not ${got === 'number' ? 'a number' : 'a comparison'}`);
  };
  // The kind of value a node gives, checking it and its children on the way.
  const kindOf = (node: MathNode): Kind => {
    if (problem) return 'number';
    if (++nodes > MAX_NODES) return refuse(`formula has more than ${MAX_NODES} terms`);
    const args = node.args ?? [];
    switch (node.type) {
      case 'ConstantNode':
        return typeof node.value === 'number' ? 'number' : refuse('only numbers may appear as constants');
      case 'SymbolNode': {
        const symbol = node.name ?? '';
        return variables.has(symbol) || CONSTANTS.has(symbol)
          ? 'number'
          : refuse(`unknown variable ${symbol} (allowed: ${[...variables, ...CONSTANTS].join(', ')})`);
      }
      case 'ParenthesisNode':
        return node.content ? kindOf(node.content) : refuse('empty parentheses');
      case 'ConditionalNode':
        if (!node.condition || !node.trueExpr || !node.falseExpr) return refuse('incomplete conditional');
        expect(node.condition, 'boolean', 'the condition of "? :"');
        expect(node.trueExpr, 'number', 'each branch of "? :"');
        expect(node.falseExpr, 'number', 'each branch of "? :"');
        return 'number';
      case 'FunctionNode': {
        if (typeof node.fn !== 'object' || node.fn.type !== 'SymbolNode') return refuse('only named functions may be called');
        const fn = node.fn.name ?? '';
        const arity = FUNCTIONS[fn];
        if (!Object.hasOwn(FUNCTIONS, fn) || arity === undefined)
          return refuse(`function ${fn} is not allowed (allowed: ${Object.keys(FUNCTIONS).join(', ')})`);
        const [min, max] = arity;
        if (args.length < min || args.length > max) {
          const takes = min === max ? `${min}` : max > 2 ? `at least ${min}` : `${min} or ${max}`;
          return refuse(`${fn}() takes ${takes} argument${takes === '1' || takes === 'at least 1' ? '' : 's'}, not ${args.length}`);
        }
        if (fn === 'round' && args.length === 2) {
          const decimals = args[1] as MathNode;
          if (
            decimals.type !== 'ConstantNode' ||
            !Number.isInteger(decimals.value) ||
            (decimals.value as number) < 0 ||
            (decimals.value as number) > MAX_DECIMALS
          ) {
            return refuse(`the decimals of round(x, n) must be a whole number from 0 to ${MAX_DECIMALS}`);
          }
        }
        args.forEach((arg, i) => expect(arg, 'number', `argument ${i + 1} of ${fn}()`));
        return 'number';
      }
      case 'OperatorNode': {
        const fn = typeof node.fn === 'string' ? node.fn : '';
        const op = `"${node.op ?? fn}"`;
        if (ARITHMETIC.has(fn)) {
          args.forEach((arg) => expect(arg, 'number', `each side of ${op}`));
          return 'number';
        }
        if (COMPARISONS.has(fn)) {
          args.forEach((arg) => expect(arg, 'number', `each side of ${op}`));
          return 'boolean';
        }
        if (LOGIC.has(fn)) {
          args.forEach((arg) => expect(arg, 'boolean', `each side of ${op}`));
          return 'boolean';
        }
        return refuse(
          `operator ${op} is not allowed (allowed: + - * / ^ and unary -; in the condition of "? :", < > <= >= == != and, or, not)`,
        );
      }
      default:
        return refuse(`${describeNode(node.type)} is not allowed in a formula`);
    }
  };
  const kind = kindOf(root);
  if (problem) return problem;
  if (kind !== 'number') return 'the formula must give a number, not a comparison (use "condition ? a : b")';
  return root;
}

/** Evaluates an accepted formula over its variables' ranges: refused if it throws or gives no finite number at some point. */
function checkValues(name: FormulaName, root: MathNode): string | undefined {
  const compiled = root.compile();
  for (const point of samplePoints(name)) {
    const value = evaluateAt(compiled, point);
    if (value.ok) continue;
    return `${value.problem} at ${describeScope(point)} (a formula must give a finite number over its variables' whole ranges)`;
  }
  return undefined;
}

function evaluateAt(
  compiled: ReturnType<MathNode['compile']>,
  scope: Record<string, number>,
): { ok: true; value: number } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = compiled.evaluate(scope);
  } catch (e) {
    return { ok: false, problem: `fails (${(e as Error).message})` };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  return { ok: false, problem: `gives ${typeof value === 'number' ? String(value) : `${String(value)}, not a real number`}` };
}

const describeScope = (scope: Record<string, number>) =>
  Object.entries(scope)
    .map(([k, v]) => `${k} = ${Number(v.toPrecision(6))}`)
    .join(', ');

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'a function definition',
    AccessorNode: 'property access',
    IndexNode: 'indexing',
    ObjectNode: 'an object',
    ArrayNode: 'an array',
    BlockNode: 'a block of statements',
    RangeNode: 'a range',
    RelationalNode: 'a chained comparison',
  };
  return names[type] ?? type;
}

/** A compiled formula: call it with the formula's variables; returns a finite number. */
export type CompiledFormula = (scope: Record<string, number>) => number;

/**
 * Compiles a formula already accepted by checkFormula. A value that is not a finite number
 * mid-run (at a point the validation grid did not visit) fails the run with a RunFailure
 * that names the formula and its inputs.
 */
export function compileFormula(name: FormulaName, text: string): CompiledFormula {
  const parsed = parseFormula(name, text);
  if (typeof parsed === 'string') throw new Error(`bug: formula ${name} was not validated: ${parsed}`);
  const compiled = parsed.compile();
  return (scope) => {
    const value = evaluateAt(compiled, scope);
    if (value.ok) return value.value;
    throw new RunFailure(`formulas.${name} (${JSON.stringify(text)}) ${value.problem} at ${describeScope(scope)}`);
  };
}
