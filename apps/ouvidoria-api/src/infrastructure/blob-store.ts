import { join } from 'node:path';
import type { BlobStore } from '../attachments/blob-store/blob-store';
import { FolderBlobStore } from '../attachments/blob-store/folder-blob-store';
import { S3BlobStore } from '../attachments/blob-store/s3-blob-store';
import type { AppConfig } from '../config/app-config';

/** Attachment bytes: `DATA_DIR/attachments` by default, the configured S3 bucket for several instances. */
export function openBlobStore(config: AppConfig): Promise<BlobStore> | BlobStore {
  const { store } = config.attachments;
  if (store.kind === 's3') {
    const { kind: _, ...options } = store;
    return new S3BlobStore(options);
  }
  return FolderBlobStore.open(join(config.dataDir, 'attachments'));
}
