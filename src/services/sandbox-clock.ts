import type { TestClock, TestClockState } from '../domain/clock.js';
import type { Store } from '../store/port.js';

const SETTING = 'sandbox_test_clock';

/** The sandbox test clock survives restarts (D-34): its setting is kept in the store. */
export async function restoreTestClock(store: Store, clock: TestClock): Promise<void> {
  const saved = await store.getSetting(SETTING);
  if (saved) clock.restore(JSON.parse(saved) as TestClockState);
}

export async function saveTestClock(store: Store, clock: TestClock): Promise<void> {
  await store.putSetting(SETTING, JSON.stringify(clock.state));
}
