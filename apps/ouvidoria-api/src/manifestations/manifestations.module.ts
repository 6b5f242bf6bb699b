import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AnswerManifestationController } from './answer-manifestation/answer-manifestation.controller';
import { AnswerManifestationHandler } from './answer-manifestation/answer-manifestation.handler';
import { ClassifyManifestationController } from './classify-manifestation/classify-manifestation.controller';
import { ClassifyManifestationHandler } from './classify-manifestation/classify-manifestation.handler';
import { CloseManifestationController } from './close-manifestation/close-manifestation.controller';
import { CloseManifestationHandler } from './close-manifestation/close-manifestation.handler';
import { ConvertReanaliseController } from './convert-reanalise/convert-reanalise.controller';
import { ConvertReanaliseHandler } from './convert-reanalise/convert-reanalise.handler';
import { EscalateFromSacController } from './escalate-from-sac/escalate-from-sac.controller';
import { EscalateFromSacHandler } from './escalate-from-sac/escalate-from-sac.handler';
import { EscalationMessageHandler } from './escalate-from-sac/escalate-from-sac.message-handler';
import { ExtendDeadlineController } from './extend-deadline/extend-deadline.controller';
import { ExtendDeadlineHandler } from './extend-deadline/extend-deadline.handler';
import { ForwardToManagementController } from './forward-to-management/forward-to-management.controller';
import { ForwardToManagementHandler } from './forward-to-management/forward-to-management.handler';
import { GetHistoryController } from './get-history/get-history.controller';
import { GetHistoryHandler } from './get-history/get-history.handler';
import { GetManifestationController } from './get-manifestation/get-manifestation.controller';
import { GetManifestationHandler } from './get-manifestation/get-manifestation.handler';
import { ManifestationRegistration } from './manifestation-registration';
import { ManifestationStreams } from './manifestation-streams';
import { ProtocolAllocator } from './protocol-allocator';
import { RecordClarificationReplyController } from './record-clarification-reply/record-clarification-reply.controller';
import { RecordClarificationReplyHandler } from './record-clarification-reply/record-clarification-reply.handler';
import { ReissueAccessCodeController } from './reissue-access-code/reissue-access-code.controller';
import { ReissueAccessCodeHandler } from './reissue-access-code/reissue-access-code.handler';
import { RequestClarificationController } from './request-clarification/request-clarification.controller';
import { RequestClarificationHandler } from './request-clarification/request-clarification.handler';
import { AddAttachmentHandler } from './attachments/add-attachment.handler';
import { AttachmentFiles } from './attachments/attachment-files';
import { AttachmentsController } from './attachments/attachments.controller';
import { PublicManifestationController } from './requester-access/public-manifestation.controller';
import { RequesterGate } from './requester-access/requester-gate';
import { RecordSatisfactionController } from './record-satisfaction/record-satisfaction.controller';
import { RecordSatisfactionHandler } from './record-satisfaction/record-satisfaction.handler';
import { RegisterManifestationController } from './register-manifestation/register-manifestation.controller';
import { RegisterManifestationHandler } from './register-manifestation/register-manifestation.handler';
import { ReplyFromManagementController } from './reply-from-management/reply-from-management.controller';
import { ReplyFromManagementHandler } from './reply-from-management/reply-from-management.handler';
import { VerifyChainController } from './verify-chain/verify-chain.controller';
import { VerifyChainHandler } from './verify-chain/verify-chain.handler';

/** Every use case on manifestations: one folder each, with its command or query, handler and adapters. */
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
    ReissueAccessCodeController,
    RequestClarificationController,
    RecordClarificationReplyController,
    PublicManifestationController,
    AttachmentsController,
  ],
  providers: [
    ManifestationStreams,
    ManifestationRegistration,
    ProtocolAllocator,
    RegisterManifestationHandler,
    EscalateFromSacHandler,
    EscalationMessageHandler,
    ClassifyManifestationHandler,
    ConvertReanaliseHandler,
    ForwardToManagementHandler,
    ReplyFromManagementHandler,
    ExtendDeadlineHandler,
    AnswerManifestationHandler,
    CloseManifestationHandler,
    RecordSatisfactionHandler,
    ReissueAccessCodeHandler,
    RequestClarificationHandler,
    RecordClarificationReplyHandler,
    RequesterGate,
    AddAttachmentHandler,
    AttachmentFiles,
    GetManifestationHandler,
    GetHistoryHandler,
    VerifyChainHandler,
  ],
  exports: [EscalationMessageHandler],
})
export class ManifestationsModule {}
