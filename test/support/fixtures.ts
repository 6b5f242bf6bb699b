/** A valid direct registration; override what a test is about. */
export const complaint = (overrides: Record<string, unknown> = {}) => ({
  type: 'RECLAMACAO',
  channel: 'TELEFONE',
  requester: { kind: 'BENEFICIARIO', name: 'Maria da Silva', email: 'maria@example.com', document: '529.982.247-25' },
  contractType: 'INDIVIDUAL_FAMILIAR',
  subject: 'Negativa de ressonância',
  description: 'O exame foi negado sem justificativa.',
  sacProtocol: 'SAC-2026-000123',
  ...overrides,
});

/** A valid SAC escalation; override what a test is about. */
export const escalation = (overrides: Record<string, unknown> = {}) => ({
  escalationId: 'sac-esc-0001',
  sacProtocol: 'SAC-2026-000999',
  escalatedAt: '2026-04-01T09:30:00-03:00',
  reason: 'Não resolvido no SAC em 5 dias',
  type: 'RECLAMACAO',
  requester: { kind: 'BENEFICIARIO', name: 'João Souza', phone: '+55 83 99999-0000' },
  subject: 'Reembolso atrasado',
  description: 'Reembolso pedido em fevereiro ainda não pago.',
  ...overrides,
});
