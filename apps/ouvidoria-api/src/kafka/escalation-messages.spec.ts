import { StoreUnavailable } from '@app/event-store';
import type { KafkaMessage } from 'kafkajs';
import { IdempotencyMismatch } from '../application/errors';
import type { CommandBus } from '@nestjs/cqrs';
import { EscalationMessageHandler } from '../manifestations/escalate-from-sac/escalate-from-sac.message-handler';
import { EscalationMessages } from './escalation-messages';
import type { OutboundMessage } from './outbound-messages';

const valid = {
  escalationId: 'esc-1',
  sacProtocol: 'SAC-1',
  escalatedAt: '2026-04-01T09:30:00-03:00',
  reason: 'Não resolvido no SAC',
  type: 'RECLAMACAO',
  requester: { kind: 'BENEFICIARIO', name: 'João', phone: '+55 83 99999-0000' },
  subject: 'Reembolso',
  description: 'Reembolso atrasado',
};
const message = (value: string, offset = '7'): KafkaMessage =>
  ({ key: Buffer.from('esc-1'), value: Buffer.from(value), offset, headers: {} }) as unknown as KafkaMessage;

function setup(execute: jest.Mock) {
  const sent: OutboundMessage[] = [];
  const errors: unknown[] = [];
  const handler = new EscalationMessageHandler({ execute } as unknown as CommandBus);
  const messages = new EscalationMessages(
    (message) => handler.handle(message),
    { send: async (m) => void sent.push(...m), close: async () => undefined },
    { sac: 'sac.escalations.v1', sacDeadLetters: 'sac.escalations.v1.dlq' },
    () => false,
    (error) => errors.push(error),
  );
  return { messages, sent, errors };
}

describe('EscalationMessages', () => {
  it('registers a valid escalation as sac-integration, with a fingerprint that ignores key order', async () => {
    const execute = jest.fn().mockResolvedValue({});
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)));
    const reordered = Object.fromEntries(Object.entries(valid).reverse());
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(reordered)));
    const [first, second] = execute.mock.calls.map(([command]) => command);
    expect(first.meta).toEqual({
      actor: { sub: 'kafka:sac.escalations.v1', role: 'sac-integration' },
      correlationId: 'esc-1',
      causationId: 'kafka:sac.escalations.v1:0:7',
    });
    expect(first.request.fingerprint).toBe(second.request.fingerprint);
    expect([messages.accepted, messages.deadLettered, sent]).toEqual([2, 0, []]);
  });

  it('retries a store error until it passes, however often, keeping the consumer in its group, without dead-lettering', async () => {
    const execute = jest.fn();
    for (const reason of ['busy', 'io_error', 'disk_full', 'disk_full', 'disk_full', 'unreachable'] as const) {
      execute.mockRejectedValueOnce(new StoreUnavailable(reason, reason));
    }
    execute.mockResolvedValue({});
    const { messages, sent, errors } = setup(execute);
    const heartbeat = jest.fn().mockResolvedValue(undefined);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)), heartbeat);
    expect(execute).toHaveBeenCalledTimes(7);
    expect(errors).toHaveLength(6);
    expect(heartbeat).toHaveBeenCalledTimes(6);
    expect([messages.accepted, messages.failing, sent]).toEqual([1, false, []]);
  }, 20_000);

  it('dead-letters as UNEXPECTED what keeps failing for no known reason, so the partition moves on', async () => {
    const execute = jest.fn().mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)));
    expect(execute).toHaveBeenCalledTimes(5);
    expect(sent.map((m) => [m.headers['x-error-code'], m.headers['x-error-detail']])).toEqual([
      ['UNEXPECTED', "failed 5 times: Cannot read properties of undefined (reading 'x')"],
    ]);
  }, 20_000);

  it.each([
    ['not JSON', '{"escalationId":', 'MALFORMED_JSON'],
    ['not an object', '"texto"', 'BODY_REQUIRED'],
    ['invalid', JSON.stringify({ ...valid, type: 'QUEIXA', extra: 1 }), 'VALIDATION_FAILED'],
    [
      'nested 2,000 levels deep',
      JSON.stringify({ ...valid, extra: 1 }).replace('"extra":1', `"extra":${'['.repeat(2000)}${']'.repeat(2000)}`),
      'JSON_TOO_DEEP',
    ],
    ['carrying a prototype key', JSON.stringify({ ...valid, requester: { ...valid.requester, constructor: 'x' } }), 'FORBIDDEN_KEY'],
  ])('dead-letters a message that is %s, with the reason and where it came from', async (_, value, code) => {
    const execute = jest.fn();
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 2, {
      ...message(value, '41'),
      headers: { 'correlation-id': Buffer.from('c-9') },
    } as KafkaMessage);
    expect(execute).not.toHaveBeenCalled();
    expect(sent).toEqual([
      {
        topic: 'sac.escalations.v1.dlq',
        key: Buffer.from('esc-1'),
        value: Buffer.from(value),
        headers: {
          'correlation-id': Buffer.from('c-9'),
          'x-error-code': code,
          'x-error-detail': expect.any(String),
          'x-original-topic': 'sac.escalations.v1',
          'x-original-partition': '2',
          'x-original-offset': '41',
        },
      },
    ]);
  });

  it('dead-letters an escalationId reused with another body', async () => {
    const execute = jest
      .fn()
      .mockRejectedValue(new IdempotencyMismatch('ESCALATION_ID_REUSED', 'escalation esc-1 was already received with a different body'));
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)));
    expect(sent.map((m) => m.headers['x-error-code'])).toEqual(['ESCALATION_ID_REUSED']);
  });
});
