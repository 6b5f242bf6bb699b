import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { configureApp } from './http/configure-app';
import { fastifyOptions, nestAppOptions } from './http/fastify-options';
import { openEventStore } from './infrastructure/event-store';
import { checkStoredLog, MissingKeyStore } from './personal-data/personal-data-layer';
import { UnsupportedStoredFormat } from './personal-data/stored-format';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  for (const warning of config.warnings) logger.warn(warning);

  try {
    await checkStoredLog(config, () => openEventStore(config));
  } catch (error) {
    if (!(error instanceof MissingKeyStore) && !(error instanceof UnsupportedStoredFormat)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(fastifyOptions(config.http)),
    nestAppOptions,
  );
  configureApp(app);
  await app.listen(config.port, config.host);
  logger.log(`listening on ${await app.getUrl()} (data in ${config.dataDir}; OpenAPI at /docs)`);
}

void bootstrap();
