/** What other features may use of manifestations: the module, and the SAC escalation's message adapter. */
export { ManifestationsModule } from './manifestations.module';
export { EscalationMessageHandler, type IncomingMessage } from './escalate-from-sac/escalate-from-sac.message-handler';
