import { Module } from '@nestjs/common';
import { ReadSideModule } from '../projections/read-side.module';
import { Recommendations } from './recommendations';
import { RecommendationsController } from './recommendations.controller';

@Module({
  imports: [ReadSideModule],
  controllers: [RecommendationsController],
  providers: [Recommendations],
})
export class RecommendationsModule {}
