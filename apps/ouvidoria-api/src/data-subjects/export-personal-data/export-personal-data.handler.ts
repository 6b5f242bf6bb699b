import {
  manifestationDecider,
  manifestationStreamId,
  normalizeTaxId,
  shownData,
  notFound,
  type DecisionContext,
  type Manifestation,
} from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { fold } from '../../application/command-path';
import { CLOCK, DECISION_CONTEXT, type Clock } from '../../application/ports';
import { SUBJECT_KEYS, type SubjectKeys } from '../../personal-data/subject-keys';
import { documentSubject } from '../data-subject-target';
import { Erasure } from '../erasure';
import { ExportPersonalDataQuery, type PersonalDataExport } from './export-personal-data.query';

@QueryHandler(ExportPersonalDataQuery)
export class ExportPersonalDataHandler implements IQueryHandler<ExportPersonalDataQuery, PersonalDataExport> {
  constructor(
    private readonly erasure: Erasure,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
  ) {}

  async execute({ document }: ExportPersonalDataQuery): Promise<PersonalDataExport> {
    const cases = await this.erasure.casesOf(documentSubject(document, this.keys));
    if (cases.length === 0) throw notFound('DATA_SUBJECT_NOT_FOUND', 'no case holds personal data of this document');
    const exported: PersonalDataExport['cases'] = [];
    for (const { protocol } of cases) {
      const events = await this.store.readStream(manifestationStreamId(protocol));
      const { accessCode: _hash, ...manifestation } = fold(manifestationDecider, events) as Manifestation;
      exported.push({
        protocol,
        manifestation,
        events: events.map(({ type, recordedAt, data }) => ({ type, recordedAt, data: shownData(data) })),
      });
    }
    return { document: normalizeTaxId(document), exportedAt: this.context.calendar.toLocalIso(this.clock.now()), cases: exported };
  }
}
