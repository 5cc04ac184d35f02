// Writes packages/client/src/endpoints.ts: the request and response types of every endpoint in
// src/schemas/endpoints.ts and of the webhook payloads in src/schemas/callbacks.ts, as plain TypeScript, so that
// @coupond/client carries the types without TypeBox or the schemas (D-123). Run it after changing a schema;
// test/client/endpoints.test-d.ts fails until the file matches the schemas again.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const OUTPUT = repo('packages/client/src/endpoints.ts');
const SCHEMAS = repo('src/schemas/');
const PROBE = `${SCHEMAS}client-endpoints.probe.ts`;
const PARTS = ['body', 'query', 'response'];
const CALLBACKS = ['CallbackEnvelope', 'ProductCouponSendNotification', 'ImageGenerationNotification'];

/** A virtual module next to the schemas whose aliases the checker resolves to plain types. */
function probeSource(names) {
  const lines = [
    "import type { Static, TSchema } from '@sinclair/typebox';",
    `import type { ${CALLBACKS.join(', ')} } from './callbacks.js';`,
    "import type { Endpoints } from './endpoints.js';",
    'type Part<E, K extends string> = E extends { readonly [P in K]: infer S extends TSchema } ? Static<S> : never;',
    ...CALLBACKS.map((name) => `type Callback_${name} = ${name};`),
  ];
  for (const name of names) {
    for (const part of PARTS)
      lines.push(
        `type ${part}_${name} = Endpoints['${name}'] extends { readonly ${part}: infer S extends TSchema } ? Static<S> : never;`,
      );
  }
  return lines.join('\n');
}

function createChecker(source) {
  const options = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (file, ...rest) =>
    file === PROBE
      ? ts.createSourceFile(file, source, {
          languageVersion: ts.ScriptTarget.ES2022,
          impliedNodeFormat: ts.ModuleKind.ESNext,
        })
      : getSourceFile(file, ...rest);
  host.fileExists = (file) => file === PROBE || fileExists(file);
  const program = ts.createProgram([PROBE], options, host);
  return { program, checker: program.getTypeChecker(), probe: program.getSourceFile(PROBE) };
}

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;

function endpointNames() {
  const { checker, probe } = createChecker(
    "import type { Endpoints } from './endpoints.js';\ntype All = { [K in keyof Endpoints]: Endpoints[K] };",
  );
  const all = checker.getTypeAtLocation(probe.statements[1].name);
  return checker.getPropertiesOfType(all).map((symbol) => {
    const endpoint = checker.getTypeOfSymbol(symbol);
    const literal = (key) => {
      const property = endpoint.getProperty(key);
      return property && checker.typeToString(checker.getTypeOfSymbol(property), undefined, FLAGS);
    };
    return { name: symbol.name, path: literal('path'), method: literal('method'), media: literal('media') };
  });
}

/** The object types the schemas name (`const Stock = Type.Object(…)`), as the checker prints them: text → name. */
function namedShapes(program, checker) {
  const shapes = new Map();
  const names = new Set(['Endpoints', ...CALLBACKS]);
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(SCHEMAS) || /\.test(-helper)?\.ts$/.test(file.fileName)) continue;
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const { name } of statement.declarationList.declarations) {
        const staticType = ts.isIdentifier(name) && checker.getTypeAtLocation(name).getProperty('static');
        if (!staticType || !/^[A-Z][A-Za-z]+$/.test(name.text) || names.has(name.text)) continue;
        const text = checker.typeToString(checker.getTypeOfSymbol(staticType), undefined, FLAGS);
        if (text.startsWith('{ ') && !shapes.has(text)) {
          shapes.set(text, name.text);
          names.add(name.text);
        }
      }
    }
  }
  return shapes;
}

/** Writes each named shape as its name, the longest first, and collects the names it wrote. */
function nameShapes(text, shapes, used, self) {
  for (const [shape, name] of shapes) {
    if (shape === self || !text.includes(shape)) continue;
    text = text.split(shape).join(name);
    used.add(name);
  }
  return text;
}

function render() {
  const endpoints = endpointNames();
  const { program, checker, probe } = createChecker(probeSource(endpoints.map((e) => e.name)));
  const shapes = new Map([...namedShapes(program, checker)].sort(([a], [b]) => b.length - a.length));
  const used = new Set();
  const resolved = new Map();
  for (const statement of probe.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const type = checker.getTypeAtLocation(statement.name);
    if (type.flags & ts.TypeFlags.Never) continue;
    resolved.set(statement.name.text, nameShapes(checker.typeToString(type, undefined, FLAGS), shapes, used));
  }
  const out = [
    '// Generated by scripts/client-endpoints.mjs from src/schemas (D-123): do not edit, run `npm run client-endpoints`.',
    '',
    "/** Every endpoint coupond implements: the registry the call styles' types are derived from. */",
    'export type Endpoints = {',
  ];
  for (const { name, path, method, media } of endpoints) {
    out.push(`readonly ${name}: {`, `readonly path: ${path};`, `readonly method: ${method};`);
    if (media) out.push(`readonly media: ${media};`);
    for (const part of PARTS) {
      const type = resolved.get(`${part}_${name}`);
      if (type) out.push(`readonly ${part}: ${type};`);
    }
    out.push('};');
  }
  out.push('};', '');
  for (const name of CALLBACKS) out.push(`export type ${name} = ${resolved.get(`Callback_${name}`)};`, '');
  const definitions = new Map();
  const references = new Map();
  for (const [shape, name] of shapes) {
    references.set(name, new Set());
    definitions.set(name, nameShapes(shape, shapes, references.get(name), shape));
  }
  // A Set visits what is added while it is iterated: this walks every name the written ones reach.
  for (const name of used) for (const reference of references.get(name)) used.add(reference);
  for (const [, name] of [...shapes].reverse()) {
    if (used.has(name)) out.push(`type ${name} = ${definitions.get(name)};`, '');
  }
  return out.join('\n');
}

writeFileSync(OUTPUT, render());
execFileSync(repo('node_modules/.bin/biome'), ['format', '--write', OUTPUT], { stdio: 'inherit' });
