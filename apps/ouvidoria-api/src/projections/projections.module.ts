import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { Shutdown } from '../infrastructure/shutdown';
import { ReadModels } from './read-models';

/**
 * The projection engine: each read-model module registers its projection with `ReadModels`
 * (in `onModuleInit`); they catch up while the app already takes requests (a query answers 503
 * until its read model has caught up; `/health/ready` shows the progress).
 */
@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ProjectionsModule implements OnApplicationBootstrap {
  constructor(
    private readonly readModels: ReadModels,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): void {
    this.shutdown.register('stop-followers', 'the read models', () => this.readModels.close());
    this.readModels.start();
  }
}
