import { configReport } from '../_core/admin/config-report.service';
import { housekeepingJob } from '../_core/admin/housekeeping.job';
import { memberLookup } from '../_core/admin/member-lookup.service';
import { documentHistory, saveDocument } from '../_core/admin/operator-documents.service';
import { adminContract } from '../_core/contracts/admin.contract';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(adminContract, { configReport, saveDocument, documentHistory, memberLookup }, { daily: housekeepingJob });
