import { planBackup } from './backup-plan';

describe('planBackup', () => {
  it('orders state beside the log, the log, attachments, the keys, then secrets; leaves out side files, temp files and what is no state', () => {
    const plan = planBackup({
      files: [
        'personal-data-secret',
        'keys.sqlite',
        'keys.sqlite-wal',
        'events.sqlite',
        'events.sqlite-shm',
        'events.sqlite-wal',
        'kafka-relay.sqlite',
        'jwt-secret',
        'jwt-secret.4711.tmp',
        'server.lock',
        'server.lock.holder',
        'notes.txt',
      ],
      folders: ['read-models', 'attachments'],
      attachments: ['attachments/ab/cd/abcd1', 'attachments/tmp/abcd2.partial', 'attachments/01/23/01231'],
    });
    expect(plan).toEqual([
      { name: 'kafka-relay.sqlite', how: 'sqlite' },
      { name: 'events.sqlite', how: 'sqlite' },
      { name: 'attachments/01/23/01231', how: 'file' },
      { name: 'attachments/ab/cd/abcd1', how: 'file' },
      { name: 'keys.sqlite', how: 'sqlite' },
      { name: 'jwt-secret', how: 'file' },
      { name: 'personal-data-secret', how: 'file' },
    ]);
  });

  it('always names the log, and the keys only when there are some', () => {
    expect(planBackup({ files: ['events.sqlite'], folders: [], attachments: [] })).toEqual([{ name: 'events.sqlite', how: 'sqlite' }]);
  });
});
