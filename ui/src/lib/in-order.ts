// Keyboard saves (a tick, a score, a criterion's level) are typed faster
// than the disk syncs them, so several are in flight at once. The shell
// runs each command on a thread pool and they take the store's lock in
// whatever order the threads reach it: "P" then "A" on one row could be
// stored as "P" while the screen shows "A". Each save therefore starts
// only when the one typed before it has ended, failed or not.

/** A queue of writes that reach the store in the order they were asked. */
export function writesInOrder(): <T>(write: () => Promise<T>) => Promise<T> {
  let previous: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const next = previous.then(write, write);
    previous = next.catch(() => undefined);
    return next;
  };
}
