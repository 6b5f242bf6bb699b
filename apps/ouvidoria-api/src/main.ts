import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { configureApp } from './http/configure-app';
import { fastifyOptions, nestAppOptions } from './http/fastify-options';
import { openEventStore } from './infrastructure/event-store';
import { createLogger } from './logging/logger';
import { PinoNestLogger } from './logging/nest-logger';
import { checkStoredLog, MissingKeyStore } from './personal-data/personal-data-layer';
import { UnsupportedStoredFormat } from './personal-data/stored-format';
import { prepareDataDir } from './startup/data-dir';
import { lockDataDir } from './startup/data-dir-lock';
import { checkJwksReachable } from './startup/jwks-reachable';
import { listenFailure, StartupFailure } from './startup/startup-failure';

/** The configuration, or one line per problem and exit 78 (EX_CONFIG). */
function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}

/**
 * Starts the server: checks what the operator must fix first (each a one-line message and exit
 * 1, no stack trace), then listens at once; the read models catch up meanwhile (`/health/ready`).
 */
async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.operations);
  const nestLogger = new PinoNestLogger(logger);
  Logger.overrideLogger(nestLogger);
  const boot = new Logger('Bootstrap');
  for (const warning of config.warnings) boot.warn(warning);
  try {
    prepareDataDir(config.dataDir);
    // Held while the process lives (the OS drops it when it ends); the listener also keeps it from being collected, which would release it.
    const lock = lockDataDir(config.dataDir);
    process.once('exit', () => lock.release());
    if (config.auth.jwksUrl) await checkJwksReachable(config.auth.jwksUrl);
    await checkStoredLog(config, () => openEventStore(config));
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config),
      new FastifyAdapter(fastifyOptions(config.http)),
      {
        ...nestAppOptions,
        logger: nestLogger,
      },
    );
    configureApp(app, { accessLog: logger });
    try {
      await app.listen(config.port, config.host);
    } catch (error) {
      throw listenFailure(error, config.host, config.port, 'PORT') ?? error;
    }
    boot.log(`listening on ${await app.getUrl()} (data in ${config.dataDir}; OpenAPI at /docs)`);
  } catch (error) {
    if (!(error instanceof StartupFailure || error instanceof MissingKeyStore || error instanceof UnsupportedStoredFormat)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

void bootstrap();
