/** What other features and the CLI may use of auditing: the module, the sealer, log verification, timelines. */
export { AuditModule } from './audit.module';
export { Sealer } from './sealer';
export { verifyLog, type LogReport } from './verify-log';
export { timeline } from './timeline';
