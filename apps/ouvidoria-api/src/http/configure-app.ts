import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { acceptJsonBodiesOnly } from './json-bodies';
import { addSecurityHeaders } from './security-headers';

/**
 * What every instance of the HTTP app needs beyond its modules, shared by `main.ts` and the
 * e2e tests so that both serve the same thing.
 */
export function configureApp(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  acceptJsonBodiesOnly(fastify);
  // Attachment uploads only (one file, no other fields); each route sets its own size limit.
  void fastify.register(multipart, { limits: { files: 1, fields: 0, parts: 1, headerPairs: 20 } });
  addSecurityHeaders(fastify);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ouvidoria case workflow')
      .setDescription('Event-sourced case workflow for health-plan Ouvidorias (ANS RN 323). Errors are application/problem+json.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
}
