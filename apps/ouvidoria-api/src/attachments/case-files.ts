import { manifestationStreamId } from '@app/domain';
import type { EventStore } from '@app/event-store';
import type { BlobStore } from './blob-store/blob-store';

/**
 * Removes the files of erased cases from the blob store. Their keys are gone already, so the
 * bytes could not be read anyway: this frees the space and leaves nothing of them on disk. The
 * blob keys are read from the cases' `AttachmentAdded` events, where they are stored in clear.
 */
export async function deleteCaseFiles(store: EventStore, blobs: BlobStore, protocols: string[]): Promise<number> {
  let deleted = 0;
  for (const protocol of protocols) {
    for (const event of await store.readStream(manifestationStreamId(protocol))) {
      if (event.type !== 'AttachmentAdded') continue;
      await blobs.delete((event.data as { blobKey: string }).blobKey);
      deleted++;
    }
  }
  return deleted;
}
