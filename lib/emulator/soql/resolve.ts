/** Resolves SOQL field paths against the object registry, allocating LEFT JOINs for parent relationships. */
import { getField, getObject } from "../objects";
import type { FieldDef, ObjectMeta } from "../objects";
import type { FieldPath, SoqlQuery } from "./ast";
import { locatedError } from "./errors";

const MAX_RELATIONSHIP_DEPTH = 5;

export interface Join {
  alias: string;
  /** Canonical relationship path from the root, e.g. "Account.Owner". */
  path: string;
  /** Last relationship name in canonical case ("Owner"). */
  name: string;
  parentAlias: string;
  referenceField: string;
  targets: string[];
}

export interface ResolvedField {
  /** Canonical dotted path, e.g. "Account.Name". */
  path: string;
  field: FieldDef;
  alias: string;
  /** Joins from the root to this field's table (empty for the root object). */
  joins: Join[];
}

export class Resolver {
  readonly joins = new Map<string, Join>();

  constructor(
    readonly query: SoqlQuery,
    readonly root: ObjectMeta,
  ) {}

  private invalidField(position: number, explanation: string): Error {
    return locatedError("INVALID_FIELD", this.query.text, position, explanation);
  }

  resolve(path: FieldPath): ResolvedField {
    let parts = path.parts;
    const first = parts[0].toLowerCase();
    const prefixed =
      parts.length > 1 &&
      (first === this.query.alias?.toLowerCase() ||
        (first === this.root.name.toLowerCase() && !this.root.relationshipsByLowerName.has(first)));
    if (prefixed) parts = parts.slice(1);
    if (parts.length - 1 > MAX_RELATIONSHIP_DEPTH) {
      throw this.invalidField(path.position, "SOQL statements cannot query relationships that are more than 5 levels away from the root entity object.");
    }
    let meta = this.root;
    let alias = "r";
    const chain: Join[] = [];
    const canonical: string[] = [];
    for (const part of parts.slice(0, -1)) {
      const reference = meta.relationshipsByLowerName.get(part.toLowerCase());
      const targets = (reference?.referenceTo ?? []).filter((name) => getObject(name));
      if (!reference || targets.length === 0) {
        throw this.invalidField(
          path.position,
          `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      canonical.push(reference.relationshipName!);
      const key = canonical.join(".");
      let join = this.joins.get(key);
      if (!join) {
        join = {
          alias: `p${this.joins.size + 1}`,
          path: key,
          name: reference.relationshipName!,
          parentAlias: alias,
          referenceField: reference.name,
          targets,
        };
        this.joins.set(key, join);
      }
      chain.push(join);
      alias = join.alias;
      meta = getObject(targets[0])!;
    }
    const leaf = parts[parts.length - 1];
    const field = getField(meta, leaf);
    if (!field) {
      throw this.invalidField(
        path.position,
        `No such column '${leaf}' on entity '${meta.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return { path: [...canonical, field.name].join("."), field, alias, joins: chain };
  }
}

export function resolveRoot(query: SoqlQuery): ObjectMeta {
  const meta = getObject(query.object);
  if (!meta) {
    throw locatedError(
      "INVALID_TYPE",
      query.text,
      query.objectPosition,
      `sObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return meta;
}
