import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ChainReport } from './verify-chain.query';

@ApiSchema({ name: 'ChainBreak', description: 'The first event that does not extend the chain, or cannot be read' })
export class ChainBreakDto implements NonNullable<ChainReport['brokenAt']> {
  @ApiProperty({ type: 'integer', minimum: 0 })
  revision: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Its global position in the log' })
  position: number;

  @ApiProperty()
  reason: string;
}

@ApiSchema({ name: 'ChainReport', description: "Whether the case's stored hash chain holds" })
export class ChainReportDto implements ChainReport {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty()
  intact: boolean;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description: 'How many events the stream holds; null when one cannot be read back',
  })
  events: number | null;

  @ApiProperty({ required: false, type: () => ChainBreakDto })
  brokenAt?: ChainBreakDto;
}
