import { staffContract } from '../_core/contracts/staff.contract';
import { correctBirthday } from '../_core/staff/correct-birthday.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(staffContract, { correctBirthday });
