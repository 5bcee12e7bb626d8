import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import * as ts from 'typescript';
import { LIVE_ASYNCAPI } from './asyncapi';

/**
 * The hand-written AsyncAPI document against the types it describes: `ClientToServerEvents` and
 * `ServerToClientEvents` in @balai/contracts. The contract's payload and ack types go through
 * ts-json-schema-generator; both sides are reduced to the same structural shape (property names,
 * which are required, value kinds, enums, array items, null), so a field added to or removed from a
 * view, a changed enum or a new event fails here.
 */

const ROOT = join(__dirname, '..', '..', '..');
const CONTRACTS = join(ROOT, 'libs', 'contracts', 'src');
const LIVE_EVENTS = join(CONTRACTS, 'live-events.ts');

type JsonSchema = { [keyword: string]: unknown } | boolean;

interface EventTypes {
  payload: ts.TypeNode;
  ack?: ts.TypeNode;
}

interface ContractSchemas {
  client: Record<string, { payload: JsonSchema; ack: JsonSchema }>;
  server: Record<string, JsonSchema>;
  resolve: (ref: string) => JsonSchema;
}

/** The event maps' members (event name → payload type and ack type nodes), read from the source. */
function eventMaps(source: ts.SourceFile): Record<'ClientToServerEvents' | 'ServerToClientEvents', Map<string, EventTypes>> {
  const maps = { ClientToServerEvents: new Map<string, EventTypes>(), ServerToClientEvents: new Map<string, EventTypes>() };
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || !(statement.name.text in maps)) continue;
    const map = maps[statement.name.text as keyof typeof maps];
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type || !ts.isFunctionTypeNode(member.type)) {
        throw new Error(`${statement.name.text}: every member must be an event handler type, got ${member.getText(source)}`);
      }
      const event = (member.name as ts.StringLiteral | ts.Identifier).text;
      const [payload, ack] = member.type.parameters;
      if (!payload?.type) throw new Error(`${event}: no payload type`);
      const ackType = ack?.type && ts.isFunctionTypeNode(ack.type) ? ack.type.parameters[0]?.type : undefined;
      map.set(event, { payload: payload.type, ack: ackType });
    }
  }
  return maps;
}

/** Names exported by any file of @balai/contracts. */
function contractExports(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(CONTRACTS).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(join(CONTRACTS, file), 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (exported && 'name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
        names.add((statement.name as ts.Identifier).text);
      }
    }
  }
  return names;
}

function referencedNames(node: ts.Node, into: Set<string>): void {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) into.add(node.typeName.text);
  node.forEachChild((child) => referencedNames(child, into));
}

/**
 * ts-json-schema-generator cannot read a function type's parameters, so each event's payload and
 * ack type is written out as a named alias in a scratch file, and the generator turns those into schemas.
 */
function contractSchemas(): ContractSchemas {
  const source = ts.createSourceFile(LIVE_EVENTS, readFileSync(LIVE_EVENTS, 'utf8'), ts.ScriptTarget.ES2022, true);
  const maps = eventMaps(source);
  const exported = contractExports();
  const used = new Set<string>();
  const aliases: string[] = [];
  const nameOf = (side: string, event: string) => `${side}_${event.replace(/[^A-Za-z0-9]/g, '_')}`;
  for (const [side, map] of [
    ['Client', maps.ClientToServerEvents],
    ['Server', maps.ServerToClientEvents],
  ] as const) {
    for (const [event, types] of map) {
      referencedNames(types.payload, used);
      if (types.ack) referencedNames(types.ack, used);
      else if (side === 'Client') throw new Error(`client event ${event} has no ack type`);
      const ack = types.ack ? ` ack: ${types.ack.getText(source)};` : '';
      aliases.push(`export interface ${nameOf(side, event)} { payload: ${types.payload.getText(source)};${ack} }`);
    }
  }
  const imports = [...used].filter((name) => exported.has(name)).sort();
  const directory = mkdtempSync(join(tmpdir(), 'balai-asyncapi-'));
  try {
    const fixture = join(directory, 'live-event-types.ts');
    writeFileSync(fixture, `import type { ${imports.join(', ')} } from ${JSON.stringify(CONTRACTS)};\n${aliases.join('\n')}\n`);
    const schema = createGenerator({
      path: fixture,
      type: '*',
      skipTypeCheck: true,
      topRef: true,
      additionalProperties: true,
      jsDoc: 'none',
    }).createSchema('*') as { definitions: Record<string, JsonSchema> };
    const definitions = schema.definitions;
    const definition = (name: string) => {
      const found = definitions[name];
      if (found === undefined) throw new Error(`no schema generated for ${name} (generated: ${Object.keys(definitions).join(', ')})`);
      return found;
    };
    const part = (name: string, key: 'payload' | 'ack') => {
      const properties = (definition(name) as { properties: Record<string, JsonSchema> }).properties;
      return properties[key];
    };
    return {
      client: Object.fromEntries(
        [...maps.ClientToServerEvents.keys()].map((event) => [
          event,
          { payload: part(nameOf('Client', event), 'payload'), ack: part(nameOf('Client', event), 'ack') },
        ]),
      ),
      server: Object.fromEntries([...maps.ServerToClientEvents.keys()].map((event) => [event, part(nameOf('Server', event), 'payload')])),
      resolve: (ref) => definition(decodeURIComponent(ref.replace(/^#\/definitions\//, ''))),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What both sides are compared on: structure and values, not formats, patterns or prose. */
type Shape =
  | 'any'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | { enum: unknown[] }
  | { array: Shape }
  | { object: Record<string, { required: boolean; shape: Shape }>; values?: Shape }
  | { anyOf: Shape[] };

const canonical = (shape: Shape) => JSON.stringify(shape);

function union(members: Shape[]): Shape {
  const flat = members.flatMap((member) => (typeof member === 'object' && 'anyOf' in member ? member.anyOf : [member]));
  const enums = flat.filter((member): member is { enum: unknown[] } => typeof member === 'object' && 'enum' in member);
  const others = flat.filter((member) => !(typeof member === 'object' && 'enum' in member));
  const merged = enums.length ? [...others, { enum: [...new Set(enums.flatMap((e) => e.enum))].sort() }] : others;
  const unique = [...new Map(merged.map((member) => [canonical(member), member])).values()].sort((a, b) =>
    canonical(a).localeCompare(canonical(b)),
  );
  return unique.length === 1 ? unique[0] : { anyOf: unique };
}

function shapeOf(schema: JsonSchema, resolve: (ref: string) => JsonSchema): Shape {
  if (typeof schema === 'boolean') return 'any';
  if (typeof schema.$ref === 'string') return shapeOf(resolve(schema.$ref), resolve);
  if ('const' in schema) return { enum: [schema.const] };
  if (Array.isArray(schema.enum)) return { enum: [...schema.enum].sort() };
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives) return union(alternatives.map((alternative) => shapeOf(alternative, resolve)));
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part: JsonSchema) => shapeOf(part, resolve));
    if (!parts.every((part) => typeof part === 'object' && 'object' in part))
      throw new Error(`allOf of non-objects: ${JSON.stringify(schema)}`);
    return { object: Object.assign({}, ...parts.map((part) => (part as { object: object }).object)) };
  }
  if (Array.isArray(schema.type)) return union(schema.type.map((type) => shapeOf({ ...schema, type }, resolve)));
  switch (schema.type) {
    case 'string':
    case 'boolean':
    case 'null':
      return schema.type;
    case 'number':
    case 'integer':
      return 'number';
    case 'array':
      return { array: shapeOf((schema.items as JsonSchema) ?? true, resolve) };
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const object: Record<string, { required: boolean; shape: Shape }> = {};
      for (const name of Object.keys(properties).sort()) {
        object[name] = { required: required.has(name), shape: shapeOf(properties[name], resolve) };
      }
      const extra = schema.additionalProperties;
      const values = typeof extra === 'object' && extra !== null && !('not' in extra) ? shapeOf(extra as JsonSchema, resolve) : undefined;
      return values ? { object, values } : { object };
    }
    default:
      return 'any';
  }
}

const kindOf = (shape: Shape) => (typeof shape === 'string' ? shape : Object.keys(shape)[0]);

/** Where `documented` differs from `contract`, one line each, naming the path. */
function differences(contract: Shape, documented: Shape, path: string): string[] {
  if (canonical(contract) === canonical(documented)) return [];
  if (typeof contract === 'object' && typeof documented === 'object') {
    if ('object' in contract && 'object' in documented) {
      const found: string[] = [];
      for (const [name, property] of Object.entries(contract.object)) {
        const other = documented.object[name];
        if (!other)
          found.push(`${path}.${name}: in the contract (${property.required ? 'required' : 'optional'}), missing from the document`);
        else {
          if (other.required !== property.required) {
            found.push(
              `${path}.${name}: ${property.required ? 'required' : 'optional'} in the contract, ${other.required ? 'required' : 'optional'} in the document`,
            );
          }
          found.push(...differences(property.shape, other.shape, `${path}.${name}`));
        }
      }
      for (const name of Object.keys(documented.object)) {
        if (!(name in contract.object)) found.push(`${path}.${name}: in the document, not in the contract`);
      }
      if (canonical(contract.values ?? 'any') !== canonical(documented.values ?? 'any')) {
        found.push(...differences(contract.values ?? 'any', documented.values ?? 'any', `${path}[key]`));
      }
      return found;
    }
    if ('array' in contract && 'array' in documented) return differences(contract.array, documented.array, `${path}[]`);
    if ('anyOf' in contract && 'anyOf' in documented && contract.anyOf.length === documented.anyOf.length) {
      // Pair each alternative with the document's closest one of the same kind (objects: most shared property names).
      const left = [...documented.anyOf];
      const closeness = (a: Shape, b: Shape) =>
        kindOf(a) !== kindOf(b)
          ? -1
          : typeof a === 'object' && 'object' in a && typeof b === 'object' && 'object' in b
            ? Object.keys(a.object).filter((name) => name in b.object).length
            : 0;
      const found: string[] = [];
      for (const [index, alternative] of contract.anyOf.entries()) {
        const best = left.reduce(
          (bestIndex, candidate, i) => (closeness(alternative, candidate) > closeness(alternative, left[bestIndex]) ? i : bestIndex),
          0,
        );
        if (closeness(alternative, left[best]) < 0)
          return [`${path}: the contract says ${canonical(contract)}, the document ${canonical(documented)}`];
        found.push(...differences(alternative, left[best], `${path}<${kindOf(alternative)} ${index + 1}>`));
        left.splice(best, 1);
      }
      return found;
    }
  }
  return [`${path}: the contract says ${canonical(contract)}, the document ${canonical(documented)}`];
}

type Document = {
  channels: { live: { messages: Record<string, { name: string; payload: JsonSchema; 'x-ack'?: JsonSchema }> } };
  operations: Record<string, { action: string; messages: { $ref: string }[] }>;
  components: { schemas: Record<string, JsonSchema> };
};

describe('the AsyncAPI document of /live against @balai/contracts', () => {
  const document = JSON.parse(JSON.stringify(LIVE_ASYNCAPI)) as Document;
  const messages = Object.values(document.channels.live.messages);
  const message = (event: string) => messages.find((candidate) => candidate.name === event);
  const documentedRef = (ref: string) => {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    const found = document.components.schemas[name];
    if (found === undefined) throw new Error(`the document refers to ${ref}, which it does not define`);
    return found;
  };
  const operationsFor = (event: string) =>
    Object.values(document.operations).filter((operation) =>
      operation.messages.some(
        (ref) =>
          ref.$ref === `#/channels/live/messages/${Object.entries(document.channels.live.messages).find(([, m]) => m.name === event)?.[0]}`,
      ),
    );
  let contract: ContractSchemas;

  beforeAll(() => {
    contract = contractSchemas();
  }, 60_000);

  it('lists exactly the contract events, client events as received operations with an ack, server events as sent ones', () => {
    const contractEvents = [...Object.keys(contract.client), ...Object.keys(contract.server)].sort();
    expect(messages.map((m) => m.name).sort()).toEqual(contractEvents);
    for (const event of Object.keys(contract.client)) {
      expect({ event, ack: message(event)?.['x-ack'] !== undefined, actions: operationsFor(event).map((o) => o.action) }).toEqual({
        event,
        ack: true,
        actions: ['receive'],
      });
    }
    for (const event of Object.keys(contract.server)) {
      expect({ event, ack: message(event)?.['x-ack'] !== undefined, actions: operationsFor(event).map((o) => o.action) }).toEqual({
        event,
        ack: false,
        actions: ['send'],
      });
    }
  });

  it('describes every payload and ack as the contract types it: property names, required ones, kinds and enums', () => {
    const found: string[] = [];
    const compare = (contractSchema: JsonSchema, documented: JsonSchema | undefined, path: string) => {
      if (documented === undefined) return found.push(`${path}: not in the document`);
      found.push(...differences(shapeOf(contractSchema, contract.resolve), shapeOf(documented, documentedRef), path));
    };
    for (const [event, schemas] of Object.entries(contract.client)) {
      compare(schemas.payload, message(event)?.payload, `${event} payload`);
      compare(schemas.ack, message(event)?.['x-ack'], `${event} ack`);
    }
    for (const [event, schema] of Object.entries(contract.server)) compare(schema, message(event)?.payload, `${event} payload`);
    expect(found).toEqual([]);
  });
});
