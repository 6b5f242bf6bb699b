import { BusinessCalendar, type DecisionContext } from '@app/domain';
import type { Provider } from '@nestjs/common';
import { DECISION_CONTEXT } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const decisionContextProvider: Provider = {
  provide: DECISION_CONTEXT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): DecisionContext => ({
    calendar: new BusinessCalendar(config.calendar),
    rules: {
      answerDeadlineBusinessDays: config.answerDeadlineBusinessDays,
      maxExtensionBusinessDays: config.maxExtensionBusinessDays,
    },
  }),
};
