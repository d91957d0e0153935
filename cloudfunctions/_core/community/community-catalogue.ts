import { COMMUNITY_BADGES, COMMUNITY_CAMPAIGNS, COMMUNITY_TOPICS } from './community.record';
import { defineDocCollection } from '../config/operator-collection';
import { BadgeCode, BadgeConfig, CampaignConfig, CampaignId, TopicCode, TopicConfig } from './community-config.schema';

/** Operator documents of the community, one per thing, validated when read (see config/operator-collection). */
export const TOPICS = defineDocCollection({ collection: COMMUNITY_TOPICS, title: '社区话题', schema: TopicConfig, id: TopicCode, key: 'code', max: 500 });
export const BADGES = defineDocCollection({ collection: COMMUNITY_BADGES, title: '社区徽章', schema: BadgeConfig, id: BadgeCode, key: 'code', max: 200 });
export const CAMPAIGNS = defineDocCollection({ collection: COMMUNITY_CAMPAIGNS, title: '打卡活动', schema: CampaignConfig, id: CampaignId, key: 'id', max: 200 });
