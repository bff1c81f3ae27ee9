// Saves typed one after the other are written one after the other, even
// when the first is slow and the second would be quick.
import { describe, expect, it } from 'vitest';
import { writesInOrder } from './in-order';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writesInOrder', () => {
  it('starts a write only when the one asked before it has ended', async () => {
    const inOrder = writesInOrder();
    const events: string[] = [];
    const write = (name: string, ms: number) => async () => {
      events.push(`${name} starts`);
      await later(ms);
      events.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([inOrder(write('P', 30)), inOrder(write('A', 0)), inOrder(write('E', 5))]);
    expect(results).toEqual(['P', 'A', 'E']);
    expect(events).toEqual(['P starts', 'P ends', 'A starts', 'A ends', 'E starts', 'E ends']);
  });

  it('goes on after a refused write, and the refusal reaches its caller', async () => {
    const inOrder = writesInOrder();
    const refused = inOrder(async () => {
      await later(10);
      throw new Error('statut inconnu');
    });
    const next = inOrder(async () => 'saved');
    await expect(refused).rejects.toThrow('statut inconnu');
    await expect(next).resolves.toBe('saved');
  });
});
