/** Hands out 1, 2, 3, ... per day (the app's DailySequence port). */
export interface Sequence {
  next(day: string): Promise<number>;
}

export interface SequenceBackend {
  /** A sequence on this backend's store; two of them are two instances sharing it. */
  open(): Promise<Sequence>;
  /** Whether several instances may share the backend (else the second open is the same process's). */
  readonly sharedByInstances: boolean;
  close(): Promise<void>;
}

/** What any protocol counter must do: per day, every number once, none skipped, however the requests race. */
export function describeDailySequenceContract(adapter: string, backend: () => Promise<SequenceBackend>): void {
  describe(`daily sequence contract: ${adapter}`, () => {
    let current: SequenceBackend;
    // Days of their own per test: the suite may run on a shared real server.
    let run: string;
    const day = (date: string) => `${run}${date}`;
    beforeEach(async () => {
      current = await backend();
      run = `t${Math.random().toString(36).slice(2, 10)}-`;
    });
    afterEach(() => current.close());

    it('counts each day from 1, one after the other and all at once', async () => {
      const sequence = await current.open();
      expect([await sequence.next(day('20260401')), await sequence.next(day('20260401'))]).toEqual([1, 2]);
      const burst = await Promise.all(Array.from({ length: 10 }, () => sequence.next(day('20260401'))));
      expect(burst).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(await sequence.next(day('20260402'))).toBe(1);
    });

    it('gives distinct, consecutive numbers to instances that race for them', async () => {
      const instances = current.sharedByInstances
        ? [await current.open(), await current.open(), await current.open()]
        : [await current.open()];
      const numbers = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % instances.length].next(day('20260403'))));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it('goes on where it was after a restart', async () => {
      const sequence = await current.open();
      await sequence.next(day('20260404'));
      await sequence.next(day('20260404'));
      const restarted = await current.open();
      expect(await restarted.next(day('20260404'))).toBe(3);
    });
  });
}
