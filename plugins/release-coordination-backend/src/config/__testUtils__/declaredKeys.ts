import ts from 'typescript';

/** Any key of a map (`{ [k: string]: … }`) or any key listed by `keys()`. */
export const ANY_KEY = '*';
/** Any item of a list. */
export const ANY_ITEM = '[]';

/** A key a config schema declares. */
export interface DeclaredKey {
  /** Segments; `*` stands for any key of a map, `[]` for any item of a list. */
  path: string[];
  /** `frontend`, `backend` (the default) or `secret`. */
  visibility: string;
  /** Its TSDoc (or JSON schema) description, '' when it has none. */
  description: string;
  /** False for the `*` and `[]` segments, which are no keys of their own. */
  named: boolean;
  /** Where it is declared, `file:line`. */
  location: string;
}

/** `releaseCoordination.readiness.templates.*[].id` */
export function formatPath(path: string[]): string {
  return path.reduce(
    (text, segment) =>
      segment === ANY_ITEM || !text
        ? `${text}${segment}`
        : `${text}.${segment}`,
    '',
  );
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unsupported key ${name.getText()} in a config schema`);
}

function jsDocOf(node: ts.Node) {
  const description = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map(doc => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .trim();
  const visibility = ts
    .getJSDocTags(node)
    .find(tag => tag.tagName.text === 'visibility');
  return {
    description,
    visibility:
      (visibility && ts.getTextOfJSDocComment(visibility.comment)?.trim()) ||
      'backend',
  };
}

/**
 * The keys the `Config` interface of a `config.d.ts` declares, read with the
 * TypeScript compiler: nested type literals, maps (index signatures) and
 * lists (`T[]`, `Array<T>`), each property with its description and
 * `@visibility`.
 */
export function readConfigDeclaration(
  fileName: string,
  text: string,
): DeclaredKey[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
  );
  const root = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'Config',
  );
  if (!root) throw new Error(`${fileName} declares no interface Config`);
  const keys: DeclaredKey[] = [];
  const where = (node: ts.Node) =>
    `${fileName}:${
      source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
    }`;

  function visitType(type: ts.TypeNode | undefined, path: string[]) {
    if (!type) return;
    if (ts.isParenthesizedTypeNode(type)) visitType(type.type, path);
    else if (ts.isTypeLiteralNode(type)) visitMembers(type.members, path);
    else if (ts.isUnionTypeNode(type))
      type.types.forEach(t => visitType(t, path));
    else if (ts.isArrayTypeNode(type)) visitItems(type, type.elementType, path);
    else if (
      ts.isTypeReferenceNode(type) &&
      ts.isIdentifier(type.typeName) &&
      ['Array', 'ReadonlyArray'].includes(type.typeName.text) &&
      type.typeArguments?.length === 1
    ) {
      visitItems(type, type.typeArguments[0], path);
    }
  }

  function visitItems(node: ts.Node, item: ts.TypeNode, path: string[]) {
    const itemPath = [...path, ANY_ITEM];
    keys.push({
      path: itemPath,
      visibility: 'backend',
      description: '',
      named: false,
      location: where(node),
    });
    visitType(item, itemPath);
  }

  function visitMembers(members: ts.NodeArray<ts.TypeElement>, path: string[]) {
    for (const member of members) {
      if (ts.isPropertySignature(member)) {
        const memberPath = [...path, propertyName(member.name)];
        keys.push({
          path: memberPath,
          ...jsDocOf(member),
          named: true,
          location: where(member),
        });
        visitType(member.type, memberPath);
      } else if (ts.isIndexSignatureDeclaration(member)) {
        const memberPath = [...path, ANY_KEY];
        keys.push({
          path: memberPath,
          ...jsDocOf(member),
          named: false,
          location: where(member),
        });
        visitType(member.type, memberPath);
      } else {
        throw new Error(`unsupported member at ${where(member)}`);
      }
    }
  }

  visitMembers(root.members, []);
  return keys;
}

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode | JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  visibility?: string;
  description?: string;
}

/**
 * The keys a package's `config.schema.json` declares (the form published
 * Backstage packages ship their schema in).
 */
export function readJsonSchema(
  name: string,
  schema: JsonSchemaNode,
): DeclaredKey[] {
  const keys: DeclaredKey[] = [];
  function visit(node: JsonSchemaNode, path: string[]) {
    const add = (child: JsonSchemaNode, segment: string, named: boolean) => {
      const childPath = [...path, segment];
      keys.push({
        path: childPath,
        visibility: child.visibility ?? 'backend',
        description: child.description ?? '',
        named,
        location: `${name}:${formatPath(childPath)}`,
      });
      visit(child, childPath);
    };
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      add(child, key, true);
    }
    if (typeof node.additionalProperties === 'object') {
      add(node.additionalProperties, ANY_KEY, false);
    }
    for (const item of [node.items ?? []].flat()) add(item, ANY_ITEM, false);
    for (const part of [node.allOf, node.anyOf, node.oneOf].flat()) {
      if (part) visit(part, path);
    }
  }
  visit(schema, []);
  return keys;
}

/**
 * The declared key a read of `path` resolves to, the most specific first (a
 * named key before a `*` of a map); a `*` read (a key listed by `keys()`)
 * matches only a map.
 */
export function findDeclared(
  declared: DeclaredKey[],
  path: string[],
): DeclaredKey | undefined {
  const matches = declared.filter(
    key =>
      key.path.length === path.length &&
      key.path.every(
        (segment, i) =>
          segment === path[i] || (segment === ANY_KEY && path[i] !== ANY_ITEM),
      ),
  );
  const wildcards = (key: DeclaredKey) =>
    key.path.filter(segment => segment === ANY_KEY).length;
  return matches.sort((a, b) => wildcards(a) - wildcards(b))[0];
}
