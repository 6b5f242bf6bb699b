import type { Manifestation } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { ACCESS_CODES, type AccessCodes } from '../../application/ports';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { ReissueAccessCodeCommand } from './reissue-access-code.command';

@CommandHandler(ReissueAccessCodeCommand)
export class ReissueAccessCodeHandler implements ICommandHandler<ReissueAccessCodeCommand> {
  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(ACCESS_CODES) private readonly accessCodes: AccessCodes,
  ) {}

  async execute({ target }: ReissueAccessCodeCommand): Promise<Outcome<Manifestation> & { accessCode: string }> {
    const { code, hash } = await this.accessCodes.issue();
    const outcome = await this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'ReissueAccessCode', data: { accessCodeHash: hash }, metadata: { now } }),
      runOptionsOf(target),
    );
    return { ...outcome, accessCode: code };
  }
}
