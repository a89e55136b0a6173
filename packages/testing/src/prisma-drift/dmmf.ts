import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

// ---------------------------------------------------------------------------------------------
// DMMF (the subset this checker reads; field names as Prisma 7's get_dmmf returns them)
// ---------------------------------------------------------------------------------------------

export interface DmmfDefault {
  name: string;
  args: unknown[];
}

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt?: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault | string | number | boolean | unknown[];
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  clustered?: boolean;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; length?: number; operatorClass?: string }[];
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

// ---------------------------------------------------------------------------------------------
// Prisma's schema parser, loaded from the WebAssembly module the `prisma` package ships
// ---------------------------------------------------------------------------------------------

// The few WebAssembly JS API types used here: lib "es2023" has none and @types/node 20 none either.
interface WasmTable {
  grow(delta: number): number;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
}
interface WasmModuleImport {
  module: string;
  name: string;
  kind: string;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(module: object): WasmModuleImport[] };
  Instance: new (module: object, imports: Record<string, Record<string, (...args: number[]) => unknown>>) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface SchemaWasmExports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_externrefs: WasmTable;
  __wbindgen_malloc: (size: number, align: number) => number;
  __wbindgen_free: (ptr: number, size: number, align: number) => void;
  __externref_table_dealloc: (index: number) => void;
  __wbindgen_start: () => void;
  get_dmmf: (ptr: number, len: number) => [number, number, number, number];
}

interface SchemaWasm {
  exports: SchemaWasmExports;
  version: string;
  panicMessage?: string;
}

const wasmCache = new Map<string, SchemaWasm>();

/** The `prisma` package a service uses: resolved from the service's directory. */
export function resolvePrismaPackage(fromDir: string): { dir: string; version: string } {
  const pkgJson = createRequire(join(resolve(fromDir), 'noop.js')).resolve('prisma/package.json');
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: dirname(pkgJson), version };
}

// wasm-bindgen names its imports `<name>_<16 hex digits>`; the hash changes between builds.
type KnownWasmImport = '__wbg_set_message' | '__wbg_Error' | '__wbg___wbindgen_throw' | '__wbindgen_init_externref_table';

function loadSchemaWasm(prismaDir: string, version: string): SchemaWasm {
  const file = join(prismaDir, 'build', 'prisma_schema_build_bg.wasm');
  const cached = wasmCache.get(file);
  if (cached) return cached;
  const module = new wasmApi.Module(readFileSync(file));
  const state = { version } as SchemaWasm;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = (ptr: number, len: number) => decoder.decode(new Uint8Array(state.exports.memory.buffer).subarray(ptr >>> 0, (ptr >>> 0) + len));
  const known: Record<KnownWasmImport, (...args: number[]) => unknown> = {
    // Called just before a Rust panic traps, with the panic's message.
    __wbg_set_message: (ptr, len) => {
      state.panicMessage = text(ptr, len);
    },
    __wbg_Error: (ptr, len) => new Error(text(ptr, len)),
    __wbg___wbindgen_throw: (ptr, len) => {
      throw new Error(text(ptr, len));
    },
    __wbindgen_init_externref_table: () => {
      const table = state.exports.__wbindgen_externrefs;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset + 0, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    },
  };
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  const unknown: string[] = [];
  for (const imp of wasmApi.Module.imports(module)) {
    const base = imp.name.replace(/_[0-9a-f]{16}$/, '') as KnownWasmImport;
    const fn = imp.kind === 'function' ? known[base] : undefined;
    if (!fn) {
      unknown.push(`${imp.module}.${imp.name}`);
      continue;
    }
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  if (unknown.length > 0) {
    throw new Error(`prisma ${version}'s schema parser (${file}) needs imports this loader does not provide: ${unknown.join(', ')}. Update loadSchemaWasm in packages/testing/src/prisma-drift/dmmf.ts.`);
  }
  state.exports = new wasmApi.Instance(module, imports).exports as SchemaWasmExports;
  if (typeof state.exports.get_dmmf !== 'function') throw new Error(`prisma ${version}'s schema parser (${file}) has no get_dmmf export`);
  state.exports.__wbindgen_start();
  wasmCache.set(file, state);
  return state;
}

/**
 * Prisma's DMMF of a schema, computed by the schema parser of the `prisma` package resolved
 * from `prismaFromDir` (default: the schema's directory, i.e. the service's own Prisma).
 */
export function getPrismaDmmf(schemaText: string, opts: { prismaFromDir: string }): DmmfDatamodel {
  const { dir, version } = resolvePrismaPackage(opts.prismaFromDir);
  const wasm = loadSchemaWasm(dir, version);
  const w = wasm.exports;
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schemaText, noColor: true }));
  const ptr = w.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer).set(input, ptr);
  let result: [number, number, number, number];
  try {
    result = w.get_dmmf(ptr, input.length);
  } catch (e) {
    // A panic leaves the instance unusable: load a fresh one next time.
    wasmCache.clear();
    throw new Error(`prisma ${version}'s schema parser panicked: ${wasm.panicMessage ?? (e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(result) || result.length !== 4) throw new Error(`prisma ${version}'s get_dmmf returned ${String(result)}: its calling convention changed; update packages/testing/src/prisma-drift.ts`);
  const [outPtr, outLen, errRef, isErr] = result;
  if (isErr) {
    const error = w.__wbindgen_externrefs.get(errRef) as unknown;
    w.__externref_table_dealloc(errRef);
    const message = error instanceof Error ? error.message : String(error);
    let detail = message;
    try {
      detail = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      /* not JSON */
    }
    throw new Error(`the Prisma schema is invalid (prisma ${version}):\n${detail}`);
  }
  let json: string;
  try {
    json = new TextDecoder().decode(new Uint8Array(w.memory.buffer).subarray(outPtr >>> 0, (outPtr >>> 0) + outLen));
  } finally {
    w.__wbindgen_free(outPtr, outLen, 1);
  }
  const dmmf = JSON.parse(json) as { datamodel?: DmmfDatamodel };
  const dm = dmmf.datamodel;
  if (!dm || !Array.isArray(dm.models) || !Array.isArray(dm.enums) || !Array.isArray(dm.indexes)) {
    throw new Error(`prisma ${version}'s DMMF has no datamodel.models/enums/indexes: its format changed; update packages/testing/src/prisma-drift.ts`);
  }
  return dm;
}
