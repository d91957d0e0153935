/**
 * Operator messages to a layer, as pure rules: when one is due, the key that makes it once per member, and whether
 * the whole audience admits a member (through the one audience rule).
 */
import { saleInstant } from '../mall/mall.rules';
import { judgeAudience, type AudienceFacts } from '../scoring/audience.rules';
import type { LayerMessage } from './layer-message.schema';

/** The instant a message's `sendAt` minute (Beijing) starts. */
export const sendInstant = (m: Pick<LayerMessage, 'sendAt'>): Date => saleInstant(m.sendAt, 'from');

/** Due: active and its minute has come. */
export const isDue = (m: Pick<LayerMessage, 'active' | 'sendAt'>, now: Date): boolean => m.active && now >= sendInstant(m);

/** The outbox key of a layer message to one member: queuing it twice queues it once. */
export const layerMessageKey = (messageId: string, openid: string) => `layer_message:${messageId}:${openid}`;

/** The outbox keys of one message lie in [prefix, prefix + '\uffff'). */
export const layerMessageKeyPrefix = (messageId: string) => `layer_message:${messageId}:`;

/** Whether the message's whole audience admits the member (their layers are those the page found). */
export const admits = (m: Pick<LayerMessage, 'audience'>, member: AudienceFacts, today: string): boolean => judgeAudience(m.audience, member, today, '接收').ok;
