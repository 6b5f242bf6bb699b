import type { BusinessCalendar } from '../calendar/business-calendar';

/** What every decision is made with besides the command and the state: the calendar and RN 323's rules. */
export interface DecisionContext {
  calendar: BusinessCalendar;
  rules: {
    /** RN 323: 7 business days. */
    answerDeadlineBusinessDays: number;
    /** RN 323: an agreed extension may reach at most 30 business days. */
    maxExtensionBusinessDays: number;
  };
}
