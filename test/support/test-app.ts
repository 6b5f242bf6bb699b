import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/ouvidoria-api/src/app.module';
import { CLOCK, type Clock } from '../../apps/ouvidoria-api/src/application/ports';
import { loadConfig } from '../../apps/ouvidoria-api/src/config/app-config';
import { configureApp } from '../../apps/ouvidoria-api/src/http/configure-app';
import { ReadModels } from '../../apps/ouvidoria-api/src/projections/read-models';
import { fastifyOptions, nestAppOptions } from '../../apps/ouvidoria-api/src/http/fastify-options';
import { bearer, TEST_JWT_SECRET } from './auth';
import { sendByDefault } from './http';

/** A clock the test moves by hand: deadlines are asserted on fixed dates. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TestApp {
  url: string;
  /** Calls without explicit credentials go as `ouvidoria` user `analista`. */
  clock: ManualClock;
  dataDir: string;
  /** A provider of the running app, for what no route triggers (e.g. the retention job's run, on the test's clock). */
  get<T>(token: (abstract new (...args: never[]) => T) | symbol): T;
  close(): Promise<void>;
}

/** The real app on a real port and a real SQLite file in a fresh directory; only the clock is ours. */
export async function startTestApp(startAt = '2026-04-01T10:00:00-03:00', env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-e2e-'));
  const clock = new ManualClock(new Date(startAt));
  const config = loadConfig({
    DATA_DIR: dataDir,
    OPERATOR_ANS_REGISTRATION: '123456',
    JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    // Seals are asked for by the tests about them: elsewhere they would make the log's length depend on timing.
    AUDIT_SEAL_INTERVAL_SECONDS: '3600',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(fastifyOptions(config.http)), {
    ...nestAppOptions,
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  // The server answers at once; the tests start from read models that have caught up.
  await app.get(ReadModels).ready;
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  sendByDefault(url, await bearer('ouvidoria', 'analista'));
  return {
    url,
    clock,
    dataDir,
    get: <T>(token: (abstract new (...args: never[]) => T) | symbol) => app.get<T>(token as never),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
