import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { AppModule } from '../apps/ouvidoria-api/src/app.module';
import { loadConfig } from '../apps/ouvidoria-api/src/config/app-config';
import type { RequestMeta } from '../apps/ouvidoria-api/src/application/ports';
import { RegisterManifestationCommand } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.command';
import type { RegisterManifestationBody } from '../apps/ouvidoria-api/src/manifestations/register-manifestation/register-manifestation.body';

export const sampleBody = {
  type: 'RECLAMACAO',
  channel: 'TELEFONE',
  requester: { kind: 'BENEFICIARIO', name: 'Maria da Silva', email: 'maria@example.com', document: '52998224725' },
  subject: 'Negativa de ressonância magnética',
  description: 'O exame foi negado sem justificativa pela operadora. '.repeat(6),
} as const;

/**
 * (b) Registering manifestations in-process through the CommandBus: decide + append, no HTTP.
 * `inFlight` commands run at once (1 = one after the other; 32 = as many as the HTTP run's connections);
 * `env` selects another store (EVENT_STORE=kurrentdb).
 */
export async function commandPathRegistrations(
  dataDir: string,
  count: number,
  inFlight: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ perSecond: number; row: { data: string; metadata: string } }> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456', ...env });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const bus = app.get(CommandBus);
    const meta: RequestMeta = { actor: { sub: 'bench', role: 'ouvidoria' }, correlationId: 'bench', causationId: 'bench' };
    const body = sampleBody as unknown as RegisterManifestationBody;
    let last;
    let issued = 0;
    const worker = async () => {
      while (issued++ < count) last = await bus.execute(new RegisterManifestationCommand(body, meta));
    };
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const data = JSON.stringify({ ...last!.state, registeredAt: last!.state.receivedAt });
    const metadata = JSON.stringify({ eventId: 'x'.repeat(36), occurredAt: new Date().toISOString(), ...meta });
    return { perSecond: count / seconds, row: { data, metadata } };
  } finally {
    await app.close();
  }
}
