import { kocContract } from '../_core/contracts/koc.contract';
import { apply, listApplications, myKoc, reviewApplication, revokeRole } from '../_core/koc/applications.service';
import { eventDetail, listEvents, proposeEvent, reviewEvent, scanAttendance, signUp } from '../_core/koc/events.service';
import { hostCampaign } from '../_core/koc/host-campaign.service';
import { inviteCard, resolveInvite } from '../_core/koc/invite.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(kocContract, {
  mine: myKoc,
  apply,
  applications: listApplications,
  review: reviewApplication,
  revoke: revokeRole,
  events: listEvents,
  event: eventDetail,
  proposeEvent,
  reviewEvent,
  signUp,
  scanAttendance,
  hostCampaign,
  inviteCard,
  resolveInvite,
});
