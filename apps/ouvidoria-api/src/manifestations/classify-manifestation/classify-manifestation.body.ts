import { THEMES, type Theme } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ClassifyManifestationBody {
  @ApiProperty({ enum: THEMES })
  @IsIn(THEMES)
  theme: Theme;
}
