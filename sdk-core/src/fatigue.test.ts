import { describe, expect, it } from 'vitest';
import { contactsFrom } from './fatigue';

describe('contactsFrom', () => {
  it('folds shown, answered and dismissed records into prompts', () => {
    expect(
      contactsFrom([
        { survey: 'a', action: 'dismissed', ts: 30 },
        { survey: 'a', action: 'shown', ts: 10 },
        { survey: 'b', action: 'shown', ts: 40 },
        { survey: 'b', action: 'answered', ts: 45 },
        { survey: 'b', action: 'dismissed', ts: 50 },
        { survey: 'c', action: 'answered', ts: 60 },
        { survey: 'd', action: 'shown', ts: 70 },
      ]),
    ).toEqual([
      { survey: 'a', ts: 10, dismissed: true },
      { survey: 'b', ts: 40, dismissed: false },
      { survey: 'c', ts: 60, dismissed: false },
      { survey: 'd', ts: 70, dismissed: false },
    ]);
  });
});
