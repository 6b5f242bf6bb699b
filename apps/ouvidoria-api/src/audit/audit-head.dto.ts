import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'LogHead' })
export class LogHeadDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The global position of the last event of the log' })
  position: number;
}

@ApiSchema({ name: 'LogSeal', description: 'The latest seal of the log' })
export class LogSealDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'How many events of the log it covers, from the first' })
  events: number;

  @ApiProperty({ description: 'The id of the last of them' })
  lastEventId: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: "That event's position in the store that sealed it" })
  lastPosition: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'The rolling hash over those events' })
  rollingHash: string;

  @ApiProperty({ format: 'date-time' })
  sealedAt: string;

  @ApiProperty({
    description: 'Keep it outside the system: `npm run cli -- audit:verify --anchor <anchor>` proves the log still holds what it covered',
    example: 'seal:42:3f0c…:9b1d…',
  })
  anchor: string;
}

@ApiSchema({ name: 'AuditHead' })
export class AuditHeadDto {
  @ApiProperty({ type: () => LogHeadDto })
  head: LogHeadDto;

  @ApiProperty({
    type: () => LogSealDto,
    nullable: true,
    description: 'Null before the first seal',
  })
  seal: LogSealDto | null;
}
