// The keyboard saves go through the queue: a second tick is not sent to
// the backend before the first one has been written.
import { describe, expect, it } from 'vitest';
import { api, useBackend } from './api';
import { testBackend } from './testing/backend';

describe('api', () => {
  it('sends ticks, scores and criterion levels one at a time, in the order they were typed', async () => {
    const sent: string[] = [];
    let finishFirst: () => void = () => {};
    async function write(what: string): Promise<never> {
      sent.push(`${what} sent`);
      if (sent.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      sent.push(`${what} written`);
      return {} as never;
    }
    useBackend(
      testBackend({
        markAttendance: ({ status }) => write(`mark ${status}`),
        enterScore: ({ max_score }) => write(`score /${max_score}`),
        rateCriterion: (_person, _framework, _session, _date, _competency, _criterion, level) => write(`level ${level}`)
      })
    );
    const typed = [
      api.mark({ session_id: 's1', person_id: 'p1', status: 'present' }),
      api.mark({ session_id: 's1', person_id: 'p1', status: 'absent' }),
      api.enterScore({ session_id: 's1', person_id: 'p1', phase: 'pre', score: '12', max_score: '20' }),
      api.rateCriterion('p1', 'f1', { sessionId: 's1' }, 'c1', 'k1', '3')
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual(['mark present sent']);
    finishFirst();
    await Promise.all(typed);
    expect(sent).toEqual([
      'mark present sent',
      'mark present written',
      'mark absent sent',
      'mark absent written',
      'score /20 sent',
      'score /20 written',
      'level 3 sent',
      'level 3 written'
    ]);
  });

  it('refuses, by name, a command the test backend was not given', async () => {
    useBackend(testBackend({}));
    await expect(api.status()).rejects.toThrow('status');
  });
});
