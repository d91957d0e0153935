import { configReport } from '../_core/admin/config-report.service';
import { adminDailyJob } from '../_core/admin/daily.job';
import { memberLookup } from '../_core/admin/member-lookup.service';
import { documentHistory, saveDocument } from '../_core/admin/operator-documents.service';
import { adminContract } from '../_core/contracts/admin.contract';
import { communityMetrics } from '../_core/metrics/community-metrics.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(adminContract, { configReport, saveDocument, documentHistory, memberLookup, communityMetrics }, { daily: adminDailyJob });
