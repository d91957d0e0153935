import { z } from 'zod';
import { defineFunction } from './define';
import { ConfigReportView, MemberLookupInput, MemberLookupView } from '../admin/admin.schema';
import { CommunityMetricsInput, CommunityMetricsView } from '../metrics/community-metrics.schema';
import { DocumentHistoryInput, DocumentHistoryView, SaveDocumentInput, SaveDocumentOutput } from '../admin/operator-documents.schema';

export const adminContract = defineFunction({
  name: 'admin',
  summary: 'Operator tools and housekeeping jobs.',
  actions: {
    configReport: {
      summary: 'Checks every operator configuration document and explains each mistake in Chinese.',
      access: 'operator',
      input: z.object({}),
      output: ConfigReportView,
      errors: ['FORBIDDEN'],
    },
    saveDocument: {
      summary: 'Saves an operator document after validating it; logs who, when, before and after (config_changes).',
      access: 'operator',
      input: SaveDocumentInput,
      output: SaveDocumentOutput,
      idempotency: 'requestId (request_log)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CONFIG_INVALID', 'CONFIG_CONFLICT', 'BUSY'],
    },
    documentHistory: {
      summary: "An operator document's changes, newest first, with its current revision (console edits found on this read).",
      access: 'operator',
      input: DocumentHistoryInput,
      output: DocumentHistoryView,
      errors: ['INVALID_INPUT', 'FORBIDDEN'],
    },
    memberLookup: {
      summary: "An operator reads one member's data by member number (masked as staff see it); every read is audited.",
      access: 'operator',
      input: MemberLookupInput,
      output: MemberLookupView,
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'MEMBER_NOT_FOUND'],
    },
    communityMetrics: {
      summary: 'The community-health dashboard: daily indicators of the last days (also the JSON an operator exports).',
      access: 'operator',
      input: CommunityMetricsInput,
      output: CommunityMetricsView,
      errors: ['INVALID_INPUT', 'FORBIDDEN'],
    },
  },
  timers: {
    daily: {
      summary:
        "Removes request ids older than 30 days, used member codes, till visits, message caps and typed-code attempt counters past expiry; then prepares large data exports, erases accounts whose closing grace period has passed, and counts yesterday's community-health metrics (resumable).",
    },
  },
});
