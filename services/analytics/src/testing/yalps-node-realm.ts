/**
 * yalps loaded by Node's own require, for `jest.mock('yalps', …)` in tests that run the planner.
 *
 * Jest evaluates modules inside a vm context, where a global lookup (yalps's Math.imul in its
 * innermost loop) costs about a hundred times what it does in Node: the planner would be timed
 * as Jest, not as production (2.4 s instead of 0.2 s). Jest's 'module' and
 * process.getBuiltinModule would hand back Jest's require, hence a function made by the outer
 * realm's Function.
 */
export function yalpsFromNodeRealm(fromFile: string): unknown {
  const OuterFunction = Buffer.constructor as FunctionConstructor;
  const nodeModule = new OuterFunction('return process.getBuiltinModule("node:module")')() as typeof import('node:module');
  return nodeModule.createRequire(fromFile)('yalps') as unknown;
}
