import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'HistoryEvent', description: 'One stored event of the case, with its link in the hash chain' })
export class HistoryEventDto {
  @ApiProperty({ example: 'ManifestationRegistered' })
  type: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Its place in the case stream, from 0' })
  revision: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data as recorded (personal values erased read `[erased]`)",
  })
  data: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    description: 'Who and why: the actor (token subject and role), correlation and causation ids',
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      occurredAt: { type: 'string', format: 'date-time' },
      actor: {
        type: 'object',
        properties: { sub: { type: 'string' }, role: { type: 'string' }, department: { type: 'string' } },
        required: ['sub', 'role'],
      },
      correlationId: { type: 'string' },
      causationId: { type: 'string' },
    },
    required: ['eventId', 'occurredAt', 'actor', 'correlationId', 'causationId'],
    additionalProperties: true,
  })
  metadata: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'sha256(previous hash of the stream + canonical event), hex' })
  hash: string;
}

@ApiSchema({ name: 'History', description: 'Every event of a case, in order' })
export class HistoryDto {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ type: () => [HistoryEventDto] })
  events: HistoryEventDto[];
}
