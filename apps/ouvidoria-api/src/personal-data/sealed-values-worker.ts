import { parentPort } from 'node:worker_threads';
import { openJsonOrNull, WORKER_READY, type OpenAnswer, type OpenRequest } from './sealed-values-opener';

/**
 * The thread that opens (and parses) pages of sealed values for `SealedValuesOpener`. It keeps nothing between
 * pages: the keys come with each page and are dropped with it.
 */
parentPort!.on('message', ({ id, keys, keyOf, contexts, sealed }: OpenRequest) => {
  const values = sealed.map((value, i) => openJsonOrNull(keys[keyOf[i]], contexts[i], value));
  parentPort!.postMessage({ id, values } satisfies OpenAnswer);
});
parentPort!.postMessage(WORKER_READY);
