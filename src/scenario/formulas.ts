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
 * is a number, one of the formula's variables, a whitelisted constant or pure function, an
 * operator, a parenthesis or a conditional: no assignment, function definition, property
 * access, indexing, object, array, string or block. Accepted expressions are compiled once
 * per compiled world and evaluated with a plain scope of numbers; a result that is not a
 * finite number counts as 0.
 *
 * mathjs is loaded (synchronously, ~0.5 s) only when a scenario has formulas.
 */
import { createRequire } from 'node:module';

/** The formulas a scenario may set, and the variables each may use. */
export const FORMULA_VARIABLES = {
  /** Chance that a meeting or month of a table reaches agreement (replaces dialogue.ts). */
  dialogueEffectiveness: ['base', 'convenerTrust', 'inclusion', 'inclusionEffect', 'capacity'],
  /** Monthly probability of an escalating transition (replaces 1 − exp(−rate·x) in conflict.ts). */
  escalationHazard: ['rate', 'x', 'pressure', 'triggers'],
} as const;
export type FormulaName = keyof typeof FORMULA_VARIABLES;

const FUNCTIONS = new Set(['exp', 'log', 'log10', 'sqrt', 'abs', 'min', 'max', 'pow', 'tanh', 'sin', 'cos', 'floor', 'ceil', 'round', 'sign']);
const CONSTANTS = new Set(['pi', 'e']);
const MAX_LENGTH = 500;
const MAX_NODES = 200;

interface MathNode {
  type: string;
  name?: string;
  value?: unknown;
  fn?: MathNode | string;
  isUnary?: () => boolean;
  forEach(callback: (child: MathNode) => void): void;
  compile(): { evaluate(scope: Record<string, number>): unknown };
}
interface MathInstance {
  parse(text: string): MathNode;
}

let instance: MathInstance | undefined;

/** A mathjs instance with every function that could reach beyond arithmetic disabled. */
function restrictedMath(): MathInstance {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const { create, all } = require('mathjs') as { all: unknown; create: (factories: unknown, config?: unknown) => MathInstance & { import: (o: object, opts: object) => void } };
  const math = create(all);
  const parse = math.parse.bind(math);
  const disabled = (name: string) => () => {
    throw new Error(`function ${name} is disabled`);
  };
  math.import(
    Object.fromEntries(['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'chain', 'reviver', 'parser'].map((n) => [n, disabled(n)])),
    { override: true },
  );
  instance = { parse };
  return instance;
}

/** Why an expression is refused for a formula, or undefined if it is acceptable. */
export function checkFormula(name: FormulaName, text: string): string | undefined {
  if (text.length > MAX_LENGTH) return `formula longer than ${MAX_LENGTH} characters`;
  let root: MathNode;
  try {
    root = restrictedMath().parse(text);
  } catch (e) {
    return `cannot read the formula: ${(e as Error).message}`;
  }
  const variables = new Set<string>(FORMULA_VARIABLES[name]);
  let nodes = 0;
  let problem: string | undefined;
  const visit = (node: MathNode, parent?: MathNode) => {
    if (problem) return;
    if (++nodes > MAX_NODES) {
      problem = `formula has more than ${MAX_NODES} terms`;
      return;
    }
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value !== 'number') problem = 'only numbers may appear as constants';
        break;
      case 'SymbolNode': {
        const symbol = node.name ?? '';
        const isFunctionName = parent?.type === 'FunctionNode' && parent.fn === node;
        if (isFunctionName ? !FUNCTIONS.has(symbol) : !variables.has(symbol) && !CONSTANTS.has(symbol)) {
          problem = isFunctionName
            ? `function ${symbol} is not allowed (allowed: ${[...FUNCTIONS].join(', ')})`
            : `unknown variable ${symbol} (allowed: ${[...variables, ...CONSTANTS].join(', ')})`;
        }
        break;
      }
      case 'FunctionNode':
        if (typeof node.fn !== 'object' || node.fn.type !== 'SymbolNode') problem = 'only named functions may be called';
        break;
      case 'OperatorNode':
      case 'ParenthesisNode':
      case 'ConditionalNode':
        break;
      default:
        problem = `${describeNode(node.type)} is not allowed in a formula`;
    }
    node.forEach((child) => visit(child, node));
  };
  visit(root);
  return problem;
}

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

/** A compiled formula: call it with the formula's variables; returns a finite number (else 0). */
export type CompiledFormula = (scope: Record<string, number>) => number;

/** Compiles a formula already accepted by checkFormula. */
export function compileFormula(name: FormulaName, text: string): CompiledFormula {
  const problem = checkFormula(name, text);
  if (problem) throw new Error(`bug: formula ${name} was not validated: ${problem}`);
  const compiled = restrictedMath().parse(text).compile();
  return (scope) => {
    const value = compiled.evaluate(scope);
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  };
}
