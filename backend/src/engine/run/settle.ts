// Store writes whose answer was lost: the store, read again, says whether they happened.
import { say, type Message } from '../messages/index.js';
import { mayHaveBeenApplied, reasonOf } from '../errors.js';

/**
 * Runs a store write. When it fails in a way that may have been applied (mayHaveBeenApplied),
 * `applied` reads the store: if the write is there, it succeeded and a note says KubeSphere
 * answered an error after writing; otherwise the error stands.
 */
export async function settleWrite(
  write: () => Promise<void>,
  applied: () => Promise<boolean>,
): Promise<{ note?: Message }> {
  try {
    await write();
    return {};
  } catch (error) {
    // A failed read leaves the write's own error standing.
    if (!mayHaveBeenApplied(error) || !(await applied().catch(() => false))) throw error;
    const cause = error.earlierAttempt ?? reasonOf(error);
    return { note: say('written-despite-error', { problem: cause }) };
  }
}
