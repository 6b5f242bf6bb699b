import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActOnManifestationHandler } from './act-on-manifestation.handler';
import { AnswerManifestationController } from './answer-manifestation/answer-manifestation.controller';
import { ClassifyManifestationController } from './classify-manifestation/classify-manifestation.controller';
import { CloseManifestationController } from './close-manifestation/close-manifestation.controller';
import { ConvertReanaliseController } from './convert-reanalise/convert-reanalise.controller';
import { EscalateFromSacController } from './escalate-from-sac/escalate-from-sac.controller';
import { EscalateFromSacHandler } from './escalate-from-sac/escalate-from-sac.handler';
import { ExtendDeadlineController } from './extend-deadline/extend-deadline.controller';
import { ForwardToManagementController } from './forward-to-management/forward-to-management.controller';
import { GetHistoryController } from './get-history/get-history.controller';
import { GetHistoryHandler } from './get-history/get-history.handler';
import { GetManifestationController } from './get-manifestation/get-manifestation.controller';
import { GetManifestationHandler } from './get-manifestation/get-manifestation.handler';
import { RecordSatisfactionController } from './record-satisfaction/record-satisfaction.controller';
import { RegisterManifestationController } from './register-manifestation/register-manifestation.controller';
import { RegisterManifestationHandler } from './register-manifestation/register-manifestation.handler';
import { ReplyFromManagementController } from './reply-from-management/reply-from-management.controller';
import { VerifyChainController } from './verify-chain/verify-chain.controller';
import { VerifyChainHandler } from './verify-chain/verify-chain.handler';

@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterManifestationController,
    EscalateFromSacController,
    GetManifestationController,
    GetHistoryController,
    VerifyChainController,
    ClassifyManifestationController,
    ConvertReanaliseController,
    ForwardToManagementController,
    ReplyFromManagementController,
    ExtendDeadlineController,
    AnswerManifestationController,
    CloseManifestationController,
    RecordSatisfactionController,
  ],
  providers: [
    RegisterManifestationHandler,
    EscalateFromSacHandler,
    ActOnManifestationHandler,
    GetManifestationHandler,
    GetHistoryHandler,
    VerifyChainHandler,
  ],
})
export class ManifestationsModule {}
