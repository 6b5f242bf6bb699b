import { Global, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ReadModels } from './read-models';

/**
 * The projection engine: each read-model module registers its projection with `ReadModels`
 * (in `onModuleInit`); they catch up before the app takes requests, so queries start from a
 * current read model.
 */
@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly readModels: ReadModels) {}

  onApplicationBootstrap(): Promise<void> {
    return this.readModels.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.readModels.close();
  }
}
