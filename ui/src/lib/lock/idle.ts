// Locks the store when nobody has touched the laptop for a while: a
// laptop left open in a training room shows nothing after that.

export const IDLE_CHOICES_MINUTES = [5, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 15;
const STORAGE_KEY = 'binome.idle-minutes';
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** The idle time this laptop's user chose, or the default. */
export function idleMinutes(storage: Pick<Storage, 'getItem'> = localStorage): number {
  const chosen = Number(storage.getItem(STORAGE_KEY));
  return (IDLE_CHOICES_MINUTES as readonly number[]).includes(chosen) ? chosen : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(minutes: number, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(STORAGE_KEY, String(minutes));
}

/**
 * Calls `onIdle` once after `minutes()` without activity on `target`;
 * any activity starts the count again. Returns the function that stops
 * watching.
 */
export function watchIdle(
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  minutes: () => number,
  onIdle: () => void,
  now: () => number = Date.now
): () => void {
  let last = now();
  let fired = false;
  const touched = () => {
    last = now();
    fired = false;
  };
  for (const event of ACTIVITY) target.addEventListener(event, touched, { passive: true });
  const timer = setInterval(() => {
    if (!fired && now() - last >= minutes() * 60_000) {
      fired = true;
      onIdle();
    }
  }, 5_000);
  return () => {
    clearInterval(timer);
    for (const event of ACTIVITY) target.removeEventListener(event, touched);
  };
}
