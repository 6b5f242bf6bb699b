import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access';
import { ExportPersonalDataQuery, type PersonalDataExport } from './export-personal-data.query';
import { PersonalDataExportDto } from './personal-data-export.dto';

@ApiTags('data subjects (LGPD)')
@Controller('data-subjects')
export class ExportPersonalDataController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':document/export')
  @Access('dpo')
  @ApiOperation({
    summary: 'Every case of a requester’s document, with its personal data in clear (access and portability)',
    description:
      'Found through a keyed hash of the document, never by scanning plaintext. Cases registered anonymously or without ' +
      'a document belong to no document and are not included.',
  })
  @ApiParam({ name: 'document', description: 'CPF or CNPJ (digits; punctuation accepted)', example: '52998224725' })
  @ApiResponse({ status: 200, description: 'Its cases, with their events', type: PersonalDataExportDto })
  @ApiResponse({ status: 400, description: 'Not a CPF or CNPJ with valid check digits' })
  @ApiResponse({ status: 404, description: 'No case holds data of that document' })
  export(@Param('document') document: string): Promise<PersonalDataExport> {
    return this.queryBus.execute(new ExportPersonalDataQuery(document));
  }
}
