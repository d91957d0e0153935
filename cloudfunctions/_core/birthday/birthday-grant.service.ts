import { isDatabaseError, type Database, type Transaction } from '../../_platform/database.port';
import { birthdayConfig, earnRulesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { issueCoupon } from '../coupons/claim-coupon.service';
import type { MemberRecord } from '../member/member.record';
import { messageTemplatesConfig, type MessageTemplatesConfig } from '../messaging/message-templates.config';
import { enqueueMessage } from '../messaging/outbox.service';
import type { EarnRulesConfig } from '../points/earn-rules.schema';
import { expiresOnFor } from '../points/earn-engine.rules';
import { planEarn } from '../points/points-ledger.rules';
import { postInTx } from '../points/points-ledger.service';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import type { BirthdayConfig } from './birthday-config.schema';
import { BIRTHDAY_GRANTS, grantId, type BirthdayGrantRecord } from './birthday.record';
import { benefitFor, windowContaining } from './birthday.rules';

type Ctx = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'cache'>;

/** The operator documents a grant needs, read once per job run or request (outside any transaction). */
export interface BirthdaySetup {
  cfg: BirthdayConfig;
  earn: EarnRulesConfig;
  templates: MessageTemplatesConfig;
}

export async function loadBirthdaySetup(ctx: Ctx): Promise<BirthdaySetup> {
  const [cfg, earn, templates] = await Promise.all([
    loadConfig(ctx, birthdayConfig),
    loadConfig(ctx, earnRulesConfig),
    loadConfig(ctx, messageTemplatesConfig),
  ]);
  return { cfg, earn, templates };
}

type GrantMember = Pick<MemberRecord, '_id' | 'birthday' | 'tierCode'>;

/** The grant a member is due today, or null (no birthday, outside the window, benefits off). */
export function dueGrant(setup: BirthdaySetup, member: GrantMember, now: Date, via: BirthdayGrantRecord['via']): BirthdayGrantRecord | null {
  if (!setup.cfg.enabled || !member.birthday) return null;
  const window = windowContaining(member.birthday, businessDay(now), setup.cfg.window);
  if (!window) return null;
  const benefit = benefitFor(setup.cfg.tiers, member.tierCode);
  return {
    _id: grantId(member._id, window.year),
    _openid: member._id,
    year: window.year,
    tierCode: member.tierCode,
    windowStart: window.start,
    windowEnd: window.end,
    via,
    bonusPoints: benefit.bonusPoints,
    couponTemplateIds: benefit.couponTemplateIds,
    pointsMultiplierPercent: benefit.pointsMultiplierPercent,
    status: 'granting',
    couponIds: [],
    couponProblems: [],
    createdAt: now,
    grantedAt: null,
  };
}

/**
 * Inside the caller's transaction (registration, the first birthday setting): records the grant when the
 * member is inside their window today and has none for that year. Returns its id, or null.
 */
export async function openGrantInTx(tx: Transaction, setup: BirthdaySetup, member: GrantMember, now: Date, via: BirthdayGrantRecord['via']): Promise<string | null> {
  const grant = dueGrant(setup, member, now, via);
  if (!grant) return null;
  const ref = tx.collection<BirthdayGrantRecord>(BIRTHDAY_GRANTS).doc(grant._id);
  if (await getOrNull(ref)) return null;
  const { _id, ...data } = grant;
  await ref.set({ data });
  return _id;
}

/** The same outside a transaction (the daily job): one insert; false when the year's grant exists. */
export async function openGrant(db: Database, grant: BirthdayGrantRecord): Promise<boolean> {
  try {
    await db.collection(BIRTHDAY_GRANTS).add({ data: { ...grant } });
    return true;
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) return false;
    throw e;
  }
}

const FIELD_MAX = 20;
const clip = (s: string) => (Array.from(s).length > FIELD_MAX ? `${Array.from(s).slice(0, FIELD_MAX - 1).join('')}…` : s);

function giftSummary(g: BirthdayGrantRecord): string {
  const parts = [];
  if (g.bonusPoints > 0) parts.push(`${g.bonusPoints}积分`);
  if (g.couponTemplateIds.length > 0) parts.push(`${g.couponTemplateIds.length}张生日券`);
  if (g.pointsMultiplierPercent > 100) parts.push(`消费积分${g.pointsMultiplierPercent / 100}倍`);
  return parts.length ? parts.join('、') : '生日祝福';
}

/**
 * Gives what a grant records, each part idempotent on its own key, so a crash anywhere is finished by running
 * this again: points through the ledger (`birthday:<openid>:<year>`), the greeting through the outbox (sent by
 * the outbox dispatcher within the member's subscription and frequency caps), coupons through `issueCoupon`
 * (channel 'birthday'). A coupon that cannot be issued (sold out, template not for birthdays) is recorded,
 * not retried for ever. Unexpected failures throw and leave the grant `granting` for the next run.
 */
export async function finishGrant(ctx: Ctx, setup: BirthdaySetup, id: string): Promise<BirthdayGrantRecord> {
  const grants = ctx.db.collection<BirthdayGrantRecord>(BIRTHDAY_GRANTS);
  const grant = (await grants.doc(id).get()).data;
  if (grant.status === 'granted') return grant;
  const now = ctx.clock.now();
  const today = businessDay(now);
  const key = `birthday:${grant._openid}:${grant.year}`;
  if (grant.bonusPoints > 0) {
    await ctx.db.runTransaction((tx) =>
      postInTx(
        tx,
        grant._openid,
        {
          key,
          kind: 'earn',
          reason: `${grant.year} 生日礼遇`,
          source: 'birthday',
          sourceId: String(grant.year),
          lineItems: [{ code: 'birthday', title: '生日礼遇积分', points: grant.bonusPoints }],
          plan: (state) => planEarn(state, { amount: grant.bonusPoints, expiresOn: expiresOnFor(setup.earn.expiry, today) }),
        },
        now,
      ),
    );
  }
  const template = setup.templates.birthdayGreeting;
  if (template) {
    await enqueueMessage(
      ctx.db,
      {
        openid: grant._openid,
        kind: 'promotion',
        template,
        data: { thing1: clip(setup.cfg.greeting.title), thing2: clip(giftSummary(grant)), date3: grant.windowEnd },
        page: 'pages/home/index',
        dedupeKey: key,
      },
      now,
    );
  }
  const couponIds: string[] = [];
  const couponProblems: BirthdayGrantRecord['couponProblems'] = [];
  for (const templateId of grant.couponTemplateIds) {
    try {
      const issued = await issueCoupon(ctx, { templateId, openid: grant._openid, channel: 'birthday', sourceKey: `${key}:${templateId}` });
      couponIds.push(issued.coupon._id);
    } catch (e) {
      if (!(e instanceof AppError || (e as Error)?.name === 'AppError') || (e as AppError).code === 'BUSY') throw e;
      couponProblems.push({ templateId, code: (e as AppError).code });
      ctx.log.warn('birthday.coupon_not_issued', { templateId, code: (e as AppError).code });
    }
  }
  const done: Partial<BirthdayGrantRecord> = { status: 'granted', couponIds, couponProblems, grantedAt: now };
  const _ = ctx.db.command;
  await grants.where({ _id: id, status: 'granting' }).update({ data: { ...done, couponIds: _.set(couponIds), couponProblems: _.set(couponProblems) } });
  return (await grants.doc(id).get()).data;
}

/**
 * After a transaction that opened a grant (registration, first birthday): finish it now. A failure is logged,
 * never the member's problem: the grant stays `granting` and the daily job finishes it.
 */
export async function finishOpenedGrant(ctx: Ctx, setup: BirthdaySetup, id: string | null): Promise<void> {
  if (!id) return;
  try {
    await finishGrant(ctx, setup, id);
  } catch (e) {
    ctx.log.error('birthday.finish_failed', { grant: id.slice(-5), err: e instanceof Error ? e.message : String(e) });
  }
}
