/** What other features may use of the work queue: the module, and its reader (for the metrics' business gauges). */
export { WorkQueueModule } from './work-queue.module';
export { WorkQueueReader, type QueueStats } from './work-queue.reader';
