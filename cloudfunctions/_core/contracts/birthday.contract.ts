import { z } from 'zod';
import { defineFunction } from './define';
import { BirthdayCardView } from '../birthday/birthday.schema';

export const birthdayContract = defineFunction({
  name: 'birthday',
  summary: 'Birthday benefits (生日礼遇): the card in the app while the window is open; the daily grant job.',
  actions: {
    card: {
      summary: "The caller's birthday card: whether the window is open today, the greeting, and what this year's benefit gave.",
      access: 'member',
      input: z.object({}),
      output: BirthdayCardView,
      errors: ['NOT_REGISTERED'],
    },
  },
  timers: {
    daily: {
      summary:
        "Finds members whose window period contains today through the (birthday.month, birthday.day) index and gives each the year's benefit once (points, coupons, greeting); resumable, safe to run twice.",
    },
  },
});
