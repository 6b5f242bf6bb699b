import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeSharedReadModelFile } from './read-models';

describe('removeSharedReadModelFile', () => {
  it('removes the old shared file with its WAL and nothing else, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'legacy-'));
    try {
      for (const file of ['read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm', 'events.sqlite']) writeFileSync(join(dir, file), 'x');
      expect(removeSharedReadModelFile(dir)).toBe(true);
      expect(readdirSync(dir)).toEqual(['events.sqlite']);
      expect(removeSharedReadModelFile(dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
