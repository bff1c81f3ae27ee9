import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_IDLE_MINUTES, idleMinutes, setIdleMinutes, watchIdle } from './idle';

describe('the idle lock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once after the chosen minutes without activity, and activity starts the count again', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchIdle(target, () => 15, onIdle, () => Date.now());
    vi.advanceTimersByTime(14 * 60_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(14 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps the choice of this laptop, and falls back to 15 minutes for anything else', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    expect(idleMinutes(storage)).toBe(DEFAULT_IDLE_MINUTES);
    setIdleMinutes(5, storage);
    expect(idleMinutes(storage)).toBe(5);
    setIdleMinutes(7, storage);
    expect(idleMinutes(storage)).toBe(DEFAULT_IDLE_MINUTES);
  });
});
