import type { HttpResult } from './http';

/**
 * Checks values against the schemas of an OpenAPI 3.0 document, strictly: a property the schema
 * does not name is an error unless the schema allows `additionalProperties`. So an answer that
 * carries a field the document forgot fails as much as one that lacks a required field.
 */

type Schema = Record<string, any>;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

export class OpenApiChecker {
  constructor(private readonly doc: any) {}

  private resolve(schema: Schema): Schema {
    let current = schema;
    while (current.$ref) {
      const name = String(current.$ref).replace('#/components/schemas/', '');
      current = this.doc.components.schemas[name];
      if (!current) throw new Error(`unknown schema ${name}`);
    }
    return current;
  }

  /** The ways `value` breaks `schema`, as `path: what`; empty when it conforms. */
  errors(input: Schema, value: unknown, at = '$'): string[] {
    const schema = this.resolve(input);
    if (value === null) return schema.nullable ? [] : [`${at}: null where the schema does not allow it`];
    if (schema.anyOf || schema.oneOf) {
      const branches: Schema[] = schema.anyOf ?? schema.oneOf;
      const results = branches.map((branch) => this.errors(branch, value, at));
      const matching = results.filter((r) => r.length === 0).length;
      if (schema.oneOf && matching > 1) return [`${at}: matches ${matching} branches of a oneOf`];
      if (matching === 0) return results.sort((a, b) => a.length - b.length)[0];
    }
    const errors: string[] = [];
    for (const part of schema.allOf ?? []) errors.push(...this.errors(part, value, at));
    if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
    switch (schema.type) {
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) return [...errors, `${at}: not an object`];
        errors.push(...this.objectErrors(schema, value as Record<string, unknown>, at));
        break;
      case 'array':
        if (!Array.isArray(value)) return [...errors, `${at}: not an array`];
        value.forEach((item, i) => errors.push(...this.errors(schema.items ?? {}, item, `${at}[${i}]`)));
        break;
      case 'string':
        if (typeof value !== 'string') return [...errors, `${at}: not a string`];
        if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: ${value} does not match ${schema.pattern}`);
        if (FORMATS[schema.format] && !FORMATS[schema.format].test(value)) errors.push(`${at}: ${value} is not a ${schema.format}`);
        break;
      case 'integer':
      case 'number':
        if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value)))
          return [...errors, `${at}: not an ${schema.type}`];
        if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: ${value} < ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: ${value} > ${schema.maximum}`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${at}: not a boolean`);
        break;
      default:
        if (schema.properties && typeof value === 'object') errors.push(...this.objectErrors(schema, value as Record<string, unknown>, at));
    }
    return errors;
  }

  private objectErrors(schema: Schema, value: Record<string, unknown>, at: string): string[] {
    const errors: string[] = [];
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const name of schema.required ?? []) if (!(name in value)) errors.push(`${at}.${name}: required, missing`);
    for (const [name, item] of Object.entries(value)) {
      if (properties[name]) errors.push(...this.errors(properties[name], item, `${at}.${name}`));
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...this.errors(schema.additionalProperties, item, `${at}.${name}`));
      else if (schema.additionalProperties !== true && !schema.allOf) errors.push(`${at}.${name}: not in the schema`);
    }
    return errors;
  }

  /**
   * How an answer breaks what the document says of `method path`: its status must be documented,
   * with its content type, and its body must match that response's schema.
   */
  responseErrors(method: string, path: string, res: HttpResult): string[] {
    const operation = this.doc.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not documented`];
    const response = operation.responses[String(res.status)] ?? operation.responses.default;
    if (!response) return [`${method} ${path} does not document status ${res.status} (${JSON.stringify(res.body)})`];
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!response.content) return res.body === undefined ? [] : [`${method} ${path} ${res.status} documents no body`];
    const media = response.content[type];
    if (!media) return [`${method} ${path} ${res.status} documents ${Object.keys(response.content).join(', ')}, not ${type}`];
    if (typeof res.body === 'string' && media.schema?.type === 'string') return [];
    return this.errors(media.schema ?? {}, res.body).map((e) => `${method} ${path} ${res.status} ${e}`);
  }
}
