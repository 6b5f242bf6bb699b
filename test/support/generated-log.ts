import { chainHash, GENESIS_HASH } from '@app/event-store';
import type Database from 'better-sqlite3';

const TYPES = ['RECLAMACAO', 'DENUNCIA', 'SUGESTAO', 'ELOGIO', 'CONSULTA', 'REANALISE'];
const CHANNELS = ['TELEFONE', 'EMAIL', 'PORTAL', 'APP', 'PRESENCIAL', 'CARTA', 'OUTRO'];
const THEMES = ['ADMINISTRATIVO', 'COBERTURA_ASSISTENCIAL', 'FINANCEIRO', 'REDE_PRESTADORA', 'ATENDIMENTO_SAC'];
const DAY = 86_400_000;

/**
 * Writes the log straight into the store's table, hash chain included: what years of use leave
 * (`cases` registrations over five years from 2022, 9 in 10 answered), fast enough for a million.
 * Personal values are in clear: the store-format event is the caller's (`checkStoredFormat`).
 * For the benchmarks and the tests that need a long log; returns the number of events written.
 */
export function generateLog(db: Database.Database, cases: number): number {
  const insert = db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.parse('2022-01-01T12:00:00Z');
  let events = 0;
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const received = new Date(start + Math.floor((i / cases) * 5 * 365) * DAY + (i % 3600) * 1000);
      const receivedAt = received.toISOString().replace('Z', '+00:00');
      const streamId = `manifestation-123456${receivedAt.slice(0, 10).replace(/-/g, '')}${String(i).padStart(6, '0')}`;
      const type = TYPES[i % TYPES.length];
      const stream: Array<[string, Record<string, unknown>]> = [
        [
          'ManifestationRegistered',
          {
            protocol: streamId.slice(14),
            manifestationType: type,
            channel: CHANNELS[i % CHANNELS.length],
            // No contact: the requester is told nothing, so a server on this log has no notifications to send.
            requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Bench' },
            contractType: 'NAO_IDENTIFICADO',
            theme: THEMES[i % THEMES.length],
            subject: 'Assunto',
            description: 'Descrição do caso '.repeat(8),
            receivedAt,
            registeredAt: receivedAt,
            deadline: new Date(received.getTime() + 9 * DAY).toISOString().replace('Z', '+00:00'),
            deadlineBusinessDays: 7,
          },
        ],
      ];
      if (i % 10 !== 0) {
        const answeredAt = new Date(received.getTime() + (i % 12) * DAY).toISOString().replace('Z', '+00:00');
        const late = i % 12 > 9;
        stream.push([
          'ManifestationAnswered',
          {
            text: 'Resposta',
            outcome: type === 'REANALISE' ? 'DEFERIDA' : 'PROCEDENTE',
            answeredAt,
            deadline: stream[0][1].deadline,
            timeliness: late ? 'LATE' : 'WITHIN_DEADLINE',
            businessDaysTaken: Math.round(((i % 12) * 5) / 7),
            ...(late ? { lateReason: 'Volume de demandas' } : {}),
          },
        ]);
      }
      let prev = GENESIS_HASH;
      stream.forEach(([eventType, data], revision) => {
        const id = `${i}-${revision}`;
        const metadata = {
          eventId: id,
          occurredAt: receivedAt,
          actor: { sub: 'bench', role: 'ouvidoria' },
          correlationId: 'b',
          causationId: 'b',
        };
        const fields = { streamId, revision: BigInt(revision), id, type: eventType, data, metadata, recordedAt: receivedAt };
        prev = chainHash(prev, fields);
        insert.run(streamId, revision, id, eventType, JSON.stringify(data), JSON.stringify(metadata), receivedAt, prev);
        events++;
      });
    }
  });
  for (let from = 0; from < cases; from += 20_000) write(from, Math.min(cases, from + 20_000));
  return events;
}
