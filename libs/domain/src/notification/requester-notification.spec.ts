import { fold } from '../../test-support/given';
import { answered, closed, forwarded, PROTOCOL, registered } from '../../test-support/manifestation-fixtures';
import type { ManifestationEvent, Requester } from '../manifestation/events';
import { ERASED } from '../manifestation/personal-fields';
import type { Manifestation } from '../manifestation/state';
import { channelOf, requesterNotification } from './requester-notification';

const maria: Requester = { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria', email: 'maria@example.com', phone: '+55 83 98888-0000' };
const told = (event: ManifestationEvent, requester: Requester = maria) =>
  requesterNotification(event, fold([registered({ requester })]) as Manifestation);

describe('requester notifications', () => {
  it('tell of the registration with the protocol, the deadline as a date and how to follow the case', () => {
    expect(told(registered({ requester: maria }))).toEqual({
      kind: 'REGISTERED',
      protocol: PROTOCOL,
      channel: { medium: 'EMAIL', address: 'maria@example.com' },
      subject: `Ouvidoria: manifestação ${PROTOCOL} registrada`,
      text: expect.stringMatching(new RegExp(`protocolo ${PROTOCOL}\\. A Ouvidoria responderá até 13/04/2026\\. .*código de acesso`)),
    });
  });

  it('tell of an extension with its justification, a question saying the deadline keeps running, the answer and the closing', () => {
    const extended: ManifestationEvent = {
      type: 'DeadlineExtended',
      data: {
        previousDeadline: 'x',
        newDeadline: '2026-05-04T23:59:59.999-03:00',
        businessDays: 20,
        justification: 'Perícia externa',
        agreedWithRequester: true,
        extendedAt: 'x',
      },
    };
    expect(told(extended)).toMatchObject({
      kind: 'DEADLINE_EXTENDED',
      text: expect.stringMatching(/04\/05\/2026.*Motivo: Perícia externa/),
    });
    const asked: ManifestationEvent = {
      type: 'ClarificationRequested',
      data: { clarificationId: 'c', question: 'Qual o pedido?', requestedAt: 'x' },
    };
    expect(told(asked)).toMatchObject({
      kind: 'CLARIFICATION_REQUESTED',
      text: expect.stringMatching(/Qual o pedido\?.*continua correndo/),
    });
    expect(told(answered())).toMatchObject({ kind: 'ANSWERED', text: expect.stringMatching(/\(procedente\): Seu exame foi autorizado\./) });
    expect(told(closed('DUPLICADA'))).toMatchObject({ kind: 'CLOSED', text: expect.stringMatching(/duplicidade/) });
  });

  it('are not sent for internal steps', () => {
    expect(told(forwarded())).toBeNull();
    expect(told({ type: 'ManifestationClassified', data: { theme: 'FINANCEIRO', classifiedAt: 'x' } })).toBeNull();
  });

  it('go by e-mail when given, else by SMS, and to nobody for an anonymous, contactless or erased requester', () => {
    expect(channelOf({ requester: { ...maria, email: undefined } })).toEqual({ medium: 'SMS', address: '+55 83 98888-0000' });
    expect(channelOf({ requester: { ...maria, anonymous: true } })).toBeNull();
    expect(channelOf({ requester: { kind: 'BENEFICIARIO', anonymous: false, name: 'Maria' } })).toBeNull();
    expect(channelOf({ requester: { ...maria, email: ERASED, phone: ERASED } })).toBeNull();
    expect(told(answered(), { ...maria, email: ERASED, phone: ERASED })).toBeNull();
  });
});
