import { communityContract } from '../_core/contracts/community.contract';
import { campaignDetail, certificate, joinCampaign, leaderboard, listCampaigns } from '../_core/community/campaigns.service';
import { createComment, deleteComment, listComments } from '../_core/community/comments.service';
import { feed, me, profile } from '../_core/community/feed.service';
import { communityNightlyJob } from '../_core/community/honours.job';
import { onMediaCheckResult } from '../_core/community/media-check-results';
import { decideCase, flagComment, flagPost, restrictMember, reviewQueue } from '../_core/community/moderation.service';
import { createPost, deletePost, postDetail } from '../_core/community/posts.service';
import { listFavourites, setFavourite, setLike, sharePost } from '../_core/community/reactions.service';
import { listTopics, proposeTopic } from '../_core/community/topics.service';
import { applyPanel, closePanel, invitePanel, listPanels, openPanel, panelDetail, panelReport, postPreview, sendFeedback } from '../_core/cocreate/panels.service';
import { closePoll, credits, listPolls, openPoll, pollDetail, vote } from '../_core/cocreate/polls.service';
import { arbitrateRule, disputeRule, listRules, proposeRule, ruleDetail, ruleDisputes, voteRule } from '../_core/cocreate/community-rules.service';
import { createHandler } from '../_platform/runtime/create-handler';
import { withMediaCheckPush } from '../_platform/runtime/create-message-push';

const actions = createHandler(
  communityContract,
  {
    me,
    feed,
    post: postDetail,
    createPost,
    deletePost,
    comments: listComments,
    comment: createComment,
    deleteComment,
    like: setLike,
    favourite: setFavourite,
    favourites: listFavourites,
    share: sharePost,
    flag: flagPost,
    flagComment,
    profile,
    topics: listTopics,
    proposeTopic,
    campaigns: listCampaigns,
    campaign: campaignDetail,
    joinCampaign,
    leaderboard,
    certificate,
    queue: reviewQueue,
    decide: decideCase,
    restrict: restrictMember,
    polls: listPolls,
    poll: pollDetail,
    openPoll,
    vote,
    closePoll,
    credits,
    rules: listRules,
    rule: ruleDetail,
    proposeRule,
    voteRule,
    disputeRule,
    ruleDisputes,
    arbitrateRule,
    panels: listPanels,
    panel: panelDetail,
    openPanel,
    closePanel,
    invitePanel,
    applyPanel,
    postPreview,
    panelFeedback: sendFeedback,
    panelReport,
  },
  { nightly: communityNightlyJob },
);

/** Also the target of the environment's message push (消息推送) for media-check results. */
export const main = withMediaCheckPush(actions, onMediaCheckResult);
