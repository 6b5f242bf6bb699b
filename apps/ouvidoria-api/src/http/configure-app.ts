import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { logAccess } from './access-log';
import { acceptJsonBodiesOnly } from './json-bodies';
import { openApiDocument } from './openapi';
import { echoRequestId } from './request-id';
import { addSecurityHeaders } from './security-headers';

/**
 * What every instance of the HTTP app needs beyond its modules, shared by `main.ts` and the
 * e2e tests so that both serve the same thing.
 */
export function configureApp(app: INestApplication, options: { accessLog?: Logger } = {}): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  acceptJsonBodiesOnly(fastify);
  // Attachment uploads only (one file, no other fields); each route sets its own size limit.
  void fastify.register(multipart, { limits: { files: 1, fields: 0, parts: 1, headerPairs: 20 } });
  addSecurityHeaders(fastify);
  echoRequestId(fastify);
  if (options.accessLog) logAccess(fastify, options.accessLog);

  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
}
