import { BusinessCalendar } from '../src/calendar/business-calendar';
import type { ManifestationCommand } from '../src/manifestation/commands';
import { decide, type DecisionContext } from '../src/manifestation/decide';
import { CommandRefused, type RefusalKind } from '../src/manifestation/errors';
import type { ManifestationEvent } from '../src/manifestation/events';
import { evolve, initialState, type ManifestationState } from '../src/manifestation/state';

/** RN 323 defaults, national public holidays only: every spec decides against the same calendar. */
export const context: DecisionContext = {
  calendar: new BusinessCalendar({
    timeZone: 'America/Sao_Paulo',
    region: 'BR',
    holidayTypes: ['public'],
    extraHolidays: [],
  }),
  rules: { answerDeadlineBusinessDays: 7, maxExtensionBusinessDays: 30 },
};

export const fold = (events: ManifestationEvent[]): ManifestationState => events.reduce(evolve, initialState());

/** `given(...history).when(command).then(events)` or `.thenRefused(kind, code, fields?)`. */
export function given(...history: ManifestationEvent[]) {
  const state = fold(history);
  return {
    when(command: ManifestationCommand) {
      const run = () => decide(command, state, context);
      return {
        then(expected: ManifestationEvent[]): void {
          expect(run()).toStrictEqual(expected);
        },
        thenRefused(kind: RefusalKind, code: string, fields?: string[]): void {
          let refusal: unknown;
          try {
            refusal = { decided: run() };
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(CommandRefused);
          const { kind: actualKind, code: actualCode, errors } = refusal as CommandRefused;
          expect({ kind: actualKind, code: actualCode }).toEqual({ kind, code });
          if (fields) expect(errors.map((e) => e.field).sort()).toEqual([...fields].sort());
        },
      };
    },
  };
}
