import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ManifestationsModule } from './manifestations/manifestations.module';

@Module({
  imports: [InfrastructureModule, ManifestationsModule],
  controllers: [HealthController],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useValue: validationPipe },
  ],
})
export class AppModule {}
