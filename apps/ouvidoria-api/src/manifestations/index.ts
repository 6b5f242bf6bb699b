/** What other features may use of manifestations: the module, the SAC escalation's message adapter, and what a department sees of a requester (OpenAPI). */
export { ManifestationsModule } from './manifestations.module';
export { EscalationMessageHandler, type IncomingMessage } from './escalate-from-sac/escalate-from-sac.message-handler';
export { DepartmentRequesterDto } from './department-view.dto';
