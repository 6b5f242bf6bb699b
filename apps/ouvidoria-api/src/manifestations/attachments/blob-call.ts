import { StoreUnavailable } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { BlobDamaged } from '../../attachments/blob-store/blob-store';
import { problem, ProblemException } from '../../problems/problem';

const logger = new Logger('Attachments');

/**
 * A blob-store call whose failure is the store's, not the request's: `StoreUnavailable` is answered
 * 503/507 by the problem filter like the event store's, `BlobDamaged` is the caller's to answer; anything else the store throws (S3
 * refusing the credentials, a missing bucket, an unexpected file-system error) becomes a 503 too.
 */
export async function blobCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreUnavailable || error instanceof ProblemException || error instanceof BlobDamaged) throw error;
    logger.warn(`the attachment store failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    const detail = 'the attachment store failed; retry shortly (the cause is in the server log)';
    throw new ProblemException(problem(503, 'ATTACHMENT_STORE_FAILED', detail), { 'retry-after': '5' });
  }
}
