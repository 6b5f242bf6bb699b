/**
 * (e) of `npm run bench`: the same Fastify + Nest + ValidationPipe front as the real server,
 * taking the same registration body and answering it back, with no command path and no store.
 * It shows how much of a POST is the HTTP/validation front rather than deciding and storing.
 */
import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { APP_PIPE, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../apps/ouvidoria-api/src/config/app-config';
import { fastifyOptions, nestAppOptions } from '../apps/ouvidoria-api/src/http/fastify-options';
import { acceptJsonBodiesOnly } from '../apps/ouvidoria-api/src/http/json-bodies';
import { InputValidationPipe } from '../apps/ouvidoria-api/src/http/validation';
import { RegisterManifestationBody } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.body';

@Controller('manifestations')
class ValidateOnlyController {
  @Post()
  echo(@Body() body: RegisterManifestationBody): RegisterManifestationBody {
    return body;
  }
}

@Module({ controllers: [ValidateOnlyController], providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }] })
class ValidateOnlyModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ValidateOnlyModule,
    new FastifyAdapter(fastifyOptions(loadConfig({}).http)),
    {
      ...nestAppOptions,
      logger: false,
    },
  );
  acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
  await app.listen(0, '127.0.0.1');
  console.log(`listening on ${await app.getUrl()}`);
}

void main();
