import type { Manifestation } from '@app/domain';
import { Query } from '@nestjs/cqrs';

export interface PersonalDataExport {
  document: string;
  exportedAt: string;
  cases: Array<{
    protocol: string;
    /** The case as it stands; erased values read `[erased]`. Not the access code's hash: a key, not data about the person. */
    manifestation: Omit<Manifestation, 'accessCode'>;
    /** What happened to it, oldest first, as recorded (without access-code hashes). */
    events: Array<{ type: string; recordedAt: string; data: unknown }>;
  }>;
}

/** Every case of the requester with this document, its personal data in clear (LGPD art. 18 II and V). */
export class ExportPersonalDataQuery extends Query<PersonalDataExport> {
  constructor(readonly document: string) {
    super();
  }
}
