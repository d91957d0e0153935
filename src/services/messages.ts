/** Operators' messages to member layers (运营消息): how far each one got. */
import { callCloud, type CloudOutput } from './cloud';

export type LayerMessagesReport = CloudOutput<'messages', 'report'>;
export type LayerMessageStatus = LayerMessagesReport['messages'][number];

export const messagesService = {
  /** Every layer message with its state and counts (queued, sent, skipped, failed). Operators only. */
  report: () => callCloud('messages', 'report'),
};
