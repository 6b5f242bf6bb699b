import type { ManifestationCommand, RegistrationData } from '../src/manifestation/commands';
import type {
  ForwardedToManagement,
  ManagementReplied,
  ManifestationAnswered,
  ManifestationClosed,
  ManifestationRegistered,
} from '../src/manifestation/events';

type CommandOf<T extends ManifestationCommand['type']> = Extract<ManifestationCommand, { type: T }>;

/** A command decided at the fixed instant `now` (ISO with offset). */
export const command = <T extends ManifestationCommand['type']>(type: T, data: CommandOf<T>['data'], now: string): CommandOf<T> =>
  ({ type, data, metadata: { now: new Date(now) } }) as CommandOf<T>;

/** Wednesday before Good Friday 2026: the 7 business days end on Monday 13 April. */
export const RECEIVED_AT = '2026-04-01T10:00:00.000-03:00';
export const DEADLINE = '2026-04-13T23:59:59.999-03:00';
export const PROTOCOL = '34567820260401000001';

export const registration = (overrides: Partial<RegistrationData> = {}): RegistrationData => ({
  protocol: PROTOCOL,
  manifestationType: 'RECLAMACAO',
  channel: 'TELEFONE',
  requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria da Silva', email: 'maria@example.com' },
  contractType: 'INDIVIDUAL_FAMILIAR',
  subject: 'Autorização de exame negada',
  description: 'A ressonância pedida em março não foi autorizada.',
  ...overrides,
});

export const registered = (overrides: Partial<ManifestationRegistered['data']> = {}): ManifestationRegistered => ({
  type: 'ManifestationRegistered',
  data: {
    protocol: PROTOCOL,
    manifestationType: 'RECLAMACAO',
    channel: 'TELEFONE',
    requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria da Silva', email: 'maria@example.com' },
    contractType: 'INDIVIDUAL_FAMILIAR',
    subject: 'Autorização de exame negada',
    description: 'A ressonância pedida em março não foi autorizada.',
    receivedAt: RECEIVED_AT,
    registeredAt: RECEIVED_AT,
    deadline: DEADLINE,
    deadlineBusinessDays: 7,
    ...overrides,
  },
});

export const forwarded = (forwardingId = 'fw-1', department = 'Regulação'): ForwardedToManagement => ({
  type: 'ForwardedToManagement',
  data: {
    forwardingId,
    department,
    instructions: 'Verificar a negativa',
    forwardedAt: '2026-04-02T09:00:00.000-03:00',
    dueAt: '2026-04-08T23:59:59.999-03:00',
    dueInBusinessDays: 3,
    shareRequesterContact: false,
  },
});

export const replied = (forwardingId = 'fw-1', department = 'Regulação'): ManagementReplied => ({
  type: 'ManagementReplied',
  data: { forwardingId, department, text: 'Exame liberado', repliedAt: '2026-04-06T11:00:00.000-03:00' },
});

export const answered = (overrides: Partial<ManifestationAnswered['data']> = {}): ManifestationAnswered => ({
  type: 'ManifestationAnswered',
  data: {
    text: 'Seu exame foi autorizado.',
    outcome: 'PROCEDENTE',
    answeredAt: '2026-04-06T15:00:00.000-03:00',
    deadline: DEADLINE,
    timeliness: 'WITHIN_DEADLINE',
    businessDaysTaken: 2,
    ...overrides,
  },
});

export const closed = (reason: ManifestationClosed['data']['reason'] = 'RESPONDIDA'): ManifestationClosed => ({
  type: 'ManifestationClosed',
  data: { reason, closedAt: '2026-04-07T10:00:00.000-03:00' },
});
