import { messagesContract } from '../_core/contracts/messages.contract';
import { layerMessagesReport } from '../_core/messaging/layer-messages-report.service';
import { layerMessagesJob } from '../_core/messaging/layer-messages.job';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(messagesContract, { report: layerMessagesReport }, { sender: layerMessagesJob });
