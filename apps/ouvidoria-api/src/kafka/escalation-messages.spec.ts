import type { KafkaMessage } from 'kafkajs';
import { IdempotencyMismatch } from '../application/errors';
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
  const messages = new EscalationMessages(
    { execute },
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
    expect(first.meta.actor).toEqual({ sub: 'kafka:sac.escalations.v1', role: 'sac-integration' });
    expect(first.fingerprint).toBe(second.fingerprint);
    expect([messages.accepted, messages.deadLettered, sent]).toEqual([2, 0, []]);
  });

  it('retries a store error until it passes, without dead-lettering the message', async () => {
    const execute = jest.fn().mockRejectedValueOnce(new Error('SQLITE_BUSY')).mockRejectedValueOnce(new Error('disk I/O error')).mockResolvedValue({});
    const { messages, sent, errors } = setup(execute);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)));
    expect(execute).toHaveBeenCalledTimes(3);
    expect(errors.map(String)).toEqual(['Error: SQLITE_BUSY', 'Error: disk I/O error']);
    expect([messages.accepted, sent]).toEqual([1, []]);
  });

  it.each([
    ['not JSON', '{"escalationId":', 'MALFORMED_JSON'],
    ['not an object', '"texto"', 'BODY_REQUIRED'],
    ['invalid', JSON.stringify({ ...valid, type: 'QUEIXA', extra: 1 }), 'VALIDATION_FAILED'],
  ])('dead-letters a message that is %s, with the reason and where it came from', async (_, value, code) => {
    const execute = jest.fn();
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 2, message(value, '41'));
    expect(execute).not.toHaveBeenCalled();
    expect(sent).toEqual([
      {
        topic: 'sac.escalations.v1.dlq',
        key: 'esc-1',
        value,
        headers: {
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
    const execute = jest.fn().mockRejectedValue(new IdempotencyMismatch('ESCALATION_ID_REUSED', 'escalation esc-1 was already received with a different body'));
    const { messages, sent } = setup(execute);
    await messages.handle('sac.escalations.v1', 0, message(JSON.stringify(valid)));
    expect(sent.map((m) => m.headers['x-error-code'])).toEqual(['ESCALATION_ID_REUSED']);
  });
});
