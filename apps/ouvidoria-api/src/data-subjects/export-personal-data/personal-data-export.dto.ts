import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { PersonalDataExport } from './export-personal-data.query';

type ExportedCase = PersonalDataExport['cases'][number];
type ExportedEvent = ExportedCase['events'][number];

@ApiSchema({ name: 'ExportedEvent' })
export class ExportedEventDto implements ExportedEvent {
  @ApiProperty({ example: 'ManifestationRegistered' })
  type: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's data as recorded, personal values in clear" })
  data: Record<string, unknown>;
}

@ApiSchema({ name: 'ExportedCase' })
export class ExportedCaseDto implements ExportedCase {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The case as it stands, with the fields of the ManifestationView (without revision and access-code fields); erased values read `[erased]`',
  })
  manifestation: ExportedCase['manifestation'];

  @ApiProperty({ type: () => [ExportedEventDto], description: 'What happened to it, oldest first (without access-code hashes)' })
  events: ExportedEventDto[];
}

@ApiSchema({ name: 'PersonalDataExport', description: 'Every case of a CPF/CNPJ with its personal data in clear (LGPD art. 18 II and V)' })
export class PersonalDataExportDto implements PersonalDataExport {
  @ApiProperty({ description: 'The CPF or CNPJ, digits only', example: '52998224725' })
  document: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ type: () => [ExportedCaseDto] })
  cases: ExportedCaseDto[];
}
