import type { RegistrationData } from '@app/domain';
import type { RegisterManifestationBody } from './register-manifestation.body';

/** The domain's view of a registration body; shared by direct registration and SAC escalation. */
export function registrationData(
  body: Omit<RegisterManifestationBody, 'receivedAt' | 'channel'> & Partial<Pick<RegisterManifestationBody, 'channel'>>,
  protocol: string,
): Omit<RegistrationData, 'receivedAt'> {
  return {
    protocol,
    manifestationType: body.type,
    channel: body.channel ?? 'OUTRO',
    requester: { ...body.requester, anonymous: body.requester.anonymous ?? false },
    contractType: body.contractType,
    theme: body.theme,
    subject: body.subject,
    description: body.description,
    sacProtocol: body.sacProtocol,
    deniedRequestProtocol: body.deniedRequestProtocol,
  };
}
