/** The birthday card (生日礼遇). */
import { callCloud, type CloudOutput } from './cloud';

export type BirthdayCard = CloudOutput<'birthday', 'card'>;

export const birthdayService = {
  card: () => callCloud('birthday', 'card'),
};
