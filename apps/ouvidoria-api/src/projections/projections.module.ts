import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { Shutdown } from '../infrastructure/shutdown';
import { ReadModels } from './read-models';

/**
 * The projection engine: each read-model module registers its projection with `ReadModels`
 * (in `onModuleInit`); they catch up before the app takes requests, so queries start from a
 * current read model.
 */
@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ProjectionsModule implements OnApplicationBootstrap {
  constructor(
    private readonly readModels: ReadModels,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    this.shutdown.register('stop-followers', 'the read models', () => this.readModels.close());
    return this.readModels.start();
  }
}
