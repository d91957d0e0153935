import { defineFunction } from './define';
import { CorrectBirthdayInput, CorrectBirthdayOutput } from '../staff/staff.schema';

export const staffContract = defineFunction({
  name: 'staff',
  summary: 'What store staff do for members at the till.',
  actions: {
    correctBirthday: {
      summary: "Corrects a member's birthday (members can set it only once); audited.",
      access: 'staff',
      input: CorrectBirthdayInput,
      output: CorrectBirthdayOutput,
      idempotency: 'requestId (request_log)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'MEMBER_NOT_FOUND', 'BUSY'],
    },
  },
});
