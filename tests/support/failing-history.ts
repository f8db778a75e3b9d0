// Lets a test make the history write fail, to prove that a change and its
// event share one transaction (nothing changes when the event cannot be written):
//   vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));
//   failingHistory.events = true;
import type * as RecordEvent from '@/lib/audit/record-event';

export const failingHistory = { events: false };

export async function failingRecordEvent(importOriginal: () => Promise<unknown>): Promise<typeof RecordEvent> {
  const actual = (await importOriginal()) as typeof RecordEvent;
  return {
    ...actual,
    recordEvent: (async (tx, event) => {
      if (failingHistory.events) throw new Error('history write failed');
      return actual.recordEvent(tx, event);
    }) satisfies typeof actual.recordEvent,
  };
}
