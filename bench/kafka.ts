/**
 * Kafka measures of `npm run bench`, against librdkafka's mock cluster (through kcat):
 * (k) the relay, store → broker, against (k0) `kcat -P` producing as many messages of the same
 * size in the same run; (i) the SAC intake, escalations consumed and appended per second.
 */
import { SqliteEventStore } from '@app/event-store';
import { NestFactory } from '@nestjs/core';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../apps/ouvidoria-api/src/app.module';
import { loadConfig } from '../apps/ouvidoria-api/src/config/app-config';
import { KafkaBridge } from '../apps/ouvidoria-api/src/kafka/kafka-bridge';
import { kafkaClient } from '../apps/ouvidoria-api/src/kafka/kafka-client';
import { KafkaPublisher } from '../apps/ouvidoria-api/src/kafka/kafka-publisher';
import { OutboundRelay } from '../apps/ouvidoria-api/src/kafka/outbound-relay';
import { RelayLease } from '../apps/ouvidoria-api/src/kafka/relay-lease';
import { RelayState } from '../apps/ouvidoria-api/src/kafka/relay-state';
import { topicsOf } from '../apps/ouvidoria-api/src/kafka/topics';
import { openDatabase } from '@app/event-store';
import { escalation } from '../test/support/fixtures';
import { mockEnv, startMockCluster } from '../test/support/kafka-mock';
import { sampleBody } from './command-path';

export interface KafkaResult {
  events: number;
  messageBytes: number;
  relayPerSecond: number;
  kcatPerSecond: number;
  escalations: number;
  intakePerSecond: number;
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 600_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Registrations as the command path stores them, appended straight to a fresh log. */
async function fillLog(store: SqliteEventStore, events: number): Promise<void> {
  for (let i = 0; i < events; i += 500) {
    const batch = Array.from({ length: Math.min(500, events - i) }, (_, k) => {
      const protocol = `12345620260401${String(i + k).padStart(6, '0')}`;
      const id = randomUUID();
      const data = {
        protocol,
        manifestationType: 'RECLAMACAO',
        ...sampleBody,
        contractType: 'NAO_IDENTIFICADO',
        receivedAt: '2026-04-01T10:00:00.000-03:00',
      };
      const metadata = {
        eventId: id,
        occurredAt: new Date().toISOString(),
        actor: { sub: 'bench', role: 'ouvidoria' },
        correlationId: id,
        causationId: id,
      };
      return { streamId: `manifestation-${protocol}`, event: { id, type: 'ManifestationRegistered', data, metadata } };
    });
    await Promise.all(batch.map(({ streamId, event }) => store.append(streamId, [event], 'no_stream')));
  }
}

export async function kafkaBench(dir: string, events: number, escalations: number): Promise<KafkaResult | null> {
  if (spawnSync('kcat', ['-V']).status !== 0) return null;
  const mock = await startMockCluster();
  try {
    const env = mockEnv(mock, 'bench-intake');
    const config = loadConfig({ ...env, DATA_DIR: join(dir, 'kafka'), OPERATOR_ANS_REGISTRATION: '123456', JWT_SECRET: 'b'.repeat(40) });
    const kafka = config.kafka!;

    // (k) the relay, from a log already written to the broker's acknowledgement of the last event.
    const store = new SqliteEventStore({ file: join(dir, 'kafka-events.sqlite'), synchronous: 'NORMAL' });
    await fillLog(store, events);
    const last = await store.lastPosition();
    const [sample] = await store.readAll({ after: 0n, maxCount: 1 });
    const messageBytes = Buffer.byteLength(JSON.stringify(sample.data));
    const state = new RelayState(openDatabase(join(dir, 'kafka-relay.sqlite'), 'FULL'));
    const publisher = new KafkaPublisher(kafkaClient(kafka), { idempotent: false, createTopics: false });
    const relay = new OutboundRelay(
      store,
      state,
      publisher,
      topicsOf(kafka),
      kafka.source,
      new RelayLease(store, 'bench', kafka.relayLeaseMs, () => new Date()),
    );
    let started = process.hrtime.bigint();
    relay.start();
    await until(() => relay.status().position >= last, 'the relay');
    const relaySeconds = seconds(started);
    await relay.stop();
    await publisher.close();
    state.db.close();
    await store.close();

    // (k0) kcat -P, the same number of messages of the same size, one per line.
    const file = join(dir, 'kcat-messages.txt');
    writeFileSync(file, `${'x'.repeat(messageBytes)}\n`.repeat(events));
    started = process.hrtime.bigint();
    const produced = spawnSync('kcat', ['-b', mock.brokers, '-P', '-t', 'bench.kcat.v1', '-l', file, '-X', 'acks=all']);
    const kcatSeconds = seconds(started);
    if (produced.status !== 0) throw new Error(`kcat -P failed: ${produced.stderr}`);

    // (i) the intake: escalations produced with kcat, consumed, validated and appended.
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    try {
      const bridge = app.get(KafkaBridge);
      await until(async () => (await bridge.health()).intake.status === 'up', 'the intake to join its group');
      // Keyed by escalationId, as the README asks of SAC systems: spread over the partitions.
      const lines = Array.from(
        { length: escalations },
        (_, i) => `bench-${i}\t${JSON.stringify(escalation({ escalationId: `bench-${i}` }))}`,
      );
      writeFileSync(join(dir, 'escalations.txt'), `${lines.join('\n')}\n`);
      started = process.hrtime.bigint();
      const sent = spawnSync('kcat', ['-b', mock.brokers, '-P', '-t', kafka.sacTopic, '-K', '\t', '-l', join(dir, 'escalations.txt')]);
      if (sent.status !== 0) throw new Error(`kcat -P failed: ${sent.stderr}`);
      await until(async () => (await bridge.health()).intake.accepted >= escalations, 'the intake');
      const intakeSeconds = seconds(started);
      return {
        events,
        messageBytes,
        relayPerSecond: events / relaySeconds,
        kcatPerSecond: events / kcatSeconds,
        escalations,
        intakePerSecond: escalations / intakeSeconds,
      };
    } finally {
      await app.close();
    }
  } finally {
    mock.stop();
  }
}
