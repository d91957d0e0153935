import { z } from 'zod';
import { defineFunction } from './define';
import { LayerMessagesReportView } from '../messaging/layer-messages-report.schema';

export const messagesContract = defineFunction({
  name: 'messages',
  summary: 'Operator messages to member layers (运营消息, `layer_messages`): the timer that queues and sends them, and their report.',
  actions: {
    report: {
      summary: 'Every layer message with how far its queuing went (members seen, queued, outside the audience) and what the outbox did (pending, sent, skipped, failed).',
      access: 'operator',
      input: z.object({}),
      output: LayerMessagesReportView,
      errors: ['FORBIDDEN'],
    },
  },
  timers: {
    sender: {
      summary:
        'Queues each due layer message once per member of its layers (paged by the member_layers layers index, resumable from layer_message_runs/{messageId}), then dispatches the outbox (subscriptions and promotion caps decide).',
    },
  },
});
