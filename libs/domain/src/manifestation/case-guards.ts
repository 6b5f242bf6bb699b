import { conflict } from './errors';
import type { Manifestation } from './state';

export function refuseIfClosed(state: Manifestation): void {
  if (state.status === 'CLOSED') throw conflict('CASE_CLOSED', 'the manifestation is closed');
}

export function refuseUnlessOpen(state: Manifestation): void {
  refuseIfClosed(state);
  if (state.status === 'ANSWERED') throw conflict('ALREADY_ANSWERED', 'the manifestation was already answered');
}
