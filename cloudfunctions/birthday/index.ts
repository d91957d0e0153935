import { birthdayJob } from '../_core/birthday/birthday.job';
import { birthdayCard } from '../_core/birthday/birthday-views.service';
import { birthdayContract } from '../_core/contracts/birthday.contract';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(birthdayContract, { card: birthdayCard }, { daily: birthdayJob });
