import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { InputValidationPipe } from './http/validation';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { KafkaModule } from './kafka/kafka.module';
import { ManifestationsModule } from './manifestations/manifestations.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProjectionsModule } from './projections/projections.module';
import { READ_MODEL_MODULES } from './read-model-modules';

/** The HTTP app, built from a configuration loaded (and validated) once, by whoever starts it. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const kafka = KafkaModule.forRoot(config);
    const notifications = NotificationsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthModule.forRoot(config),
        ManifestationsModule,
        ProjectionsModule,
        ...READ_MODEL_MODULES,
        AuditModule,
        kafka,
        notifications,
        MetricsModule.forRoot([kafka, notifications]),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useClass: InputValidationPipe },
      ],
    };
  }
}
