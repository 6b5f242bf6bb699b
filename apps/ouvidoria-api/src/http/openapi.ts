import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ACCESS, type AccessRule } from '../auth/access';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

type Operation = OpenAPIObject['paths'][string]['get'] & object;
type Responses = Operation['responses'];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The tags the controllers use, described once. */
const TAGS: Array<[string, string]> = [
  ['manifestations', 'Register a case and act on it: classify, forward, extend, answer, close; its view and history'],
  ['sac-escalations', 'Cases escalated by a SAC system (idempotent by escalationId)'],
  ['attachments', 'Files joined to a case'],
  ['requester', "The requester's own door: no token, the protocol and the access code given at registration"],
  ['work-queue', 'The Ouvidoria work queue and its counts, from a read model'],
  ['departments', "A department's inbox of forwardings"],
  ['notifications', 'What the requester was told, and when it was delivered'],
  ['recommendations', 'Recommendations to management and the stage each has reached'],
  ['reports', 'The yearly REA-Ouvidorias report to ANS'],
  ['audit', 'Tamper evidence: hash chains and seals of the log'],
  ['data subjects (LGPD)', "Access to and erasure of a requester's personal data"],
  ['health', 'Readiness for load balancers'],
];

/** Same as Swagger's default; the open-route step below finds handlers by it. */
const operationIdOf = (controller: string, method: string) => `${controller}_${method}`;

/**
 * The OpenAPI document served at /docs-json. Beyond what the decorators say, two things are
 * derived here so that they cannot drift from the code: the routes marked `@OpenAccess()` carry
 * `security: []` (read from the same metadata the auth guard reads), and every error response
 * is `application/problem+json` with the shared `ProblemDetails` schema. Every route is behind
 * the global rate limit, so each documents its `429` too.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Ouvidoria case workflow')
    .setDescription(
      'Event-sourced case workflow for health-plan Ouvidorias (ANS RN 323). Every route but `/health` and the ' +
        "requester's `/public/...` routes needs a bearer token whose role decides what it may do. " +
        'Errors are `application/problem+json` (RFC 9457).',
    )
    .setVersion('0.1.0')
    .addServer('/', 'This server: the one that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  // Not open source: the package is UNLICENSED (private), and no licence text is published at a URL.
  config.info.license = { name: 'Proprietary (UNLICENSED): all rights reserved' };

  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto],
    operationIdFactory: operationIdOf,
  });
  const open = openOperationIds(app);
  for (const operation of operationsOf(document)) {
    if (operation.operationId !== undefined && open.has(operation.operationId)) operation.security = [];
    operation.responses['429'] ??= {
      description: 'Too many requests from this client (RATE_LIMIT_PER_MINUTE); wait for Retry-After seconds',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
    };
    asProblems(operation.responses);
  }
  typeNullableReferences(document);
  return document;
}

/**
 * A property `{ type: () => Dto, nullable: true }` comes out as `{ nullable, allOf: [{ $ref }] }`:
 * OpenAPI 3.0 wants a `type` beside `nullable` (a $ref cannot be nullable), so it gets `object`.
 */
function typeNullableReferences(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    if ('$ref' in schema) continue;
    for (const property of Object.values(schema.properties ?? {})) {
      if (!('$ref' in property) && property.nullable && property.type === undefined && property.allOf) property.type = 'object';
    }
  }
}

function* operationsOf(document: OpenAPIObject): Generator<Operation> {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) yield operation;
    }
  }
}

/** Every 4xx and 5xx response: a problem document. */
function asProblems(responses: Responses): void {
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]/.test(status) || !response || '$ref' in response) continue;
    response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
  }
}

/** The operation ids of the handlers whose access rule is `open` (the handler's rule wins over its controller's, as in the guard). */
function openOperationIds(app: INestApplication): Set<string> {
  const open = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const onClass = Reflect.getMetadata(ACCESS, metatype) as AccessRule | undefined;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const rule = (Reflect.getMetadata(ACCESS, handler) as AccessRule | undefined) ?? onClass;
        if (rule === 'open') open.add(operationIdOf(metatype.name, name));
      }
    }
  }
  return open;
}

/** The headers of an answer about one stream (see `setVersionHeaders`), as OpenAPI response headers. */
export const VERSION_HEADERS = {
  ETag: { description: 'The revision of the stream, `"<revision>"`: send it back as If-Match', schema: { type: 'string', example: '"3"' } },
  'X-Event-Position': {
    description: 'The global position of its last event: pass it as `minPosition` to read your own write from a read model',
    schema: { type: 'string', pattern: '^\\d+$' },
  },
};

/** …and of one that created a resource. */
export const CREATED_HEADERS = {
  Location: { description: 'Where the new resource is read', schema: { type: 'string' } },
  ...VERSION_HEADERS,
};
