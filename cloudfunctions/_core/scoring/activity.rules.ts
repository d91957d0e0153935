/**
 * Per-member daily activity buckets, the only input of scoring. Each event adds a small delta to its member's
 * bucket for one Beijing day in the same write as the event, so the nightly job reads one document per member
 * instead of their events. Pure: no I/O, no clock.
 */

/** Counters of one member on one Beijing day. Short keys: a year of buckets stays a small document. */
export interface DayBucket {
  /** Purchases recorded (a fully refunded one is taken back). */
  pu?: number;
  /** Spend in fen (refunds taken back). */
  sp?: number;
  /** Comments written on others' posts. */
  cg?: number;
  /** Comments from others on this member's posts of that day. */
  cr?: number;
  /** Likes from others (not self, not from accounts younger than 24 h) on this member's posts of that day. */
  lr?: number;
  /** Favourites from others (same rules) on this member's posts of that day. */
  fr?: number;
  /** Campaign check-in days. */
  cd?: number;
  /** Visible posts written that day. */
  po?: number;
  /** Votes cast in polls. */
  vo?: number;
  /** Offline events attended (the host scanned the member's code). */
  ev?: number;
}
export type BucketField = keyof DayBucket;
export const BUCKET_FIELDS: readonly BucketField[] = ['pu', 'sp', 'cg', 'cr', 'lr', 'fr', 'cd', 'po', 'vo', 'ev'];
/** Fields that show the member was active (the 沉睡 layer): everything but spend, which always comes with pu. */
const ACTIVE_FIELDS: readonly BucketField[] = ['pu', 'cg', 'cr', 'lr', 'fr', 'cd', 'po', 'vo', 'ev'];

/** `member_activity/{openid}`. */
export interface ActivityState {
  /** Buckets by Beijing day 'YYYY-MM-DD'. */
  days: Record<string, DayBucket>;
  /** Spend in fen by Beijing month 'YYYY-MM' (12-month spend and the 3-month trend need more than the window). */
  months: Record<string, number>;
  /** Last day with any activity (only ever moves forward). */
  lastActiveDay: string | null;
}
export const EMPTY_ACTIVITY: ActivityState = { days: {}, months: {}, lastActiveDay: null };

/** What one event adds (or, negative, takes back) on one day. */
export type ActivityDelta = Partial<Record<BucketField, number>>;

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' day, by integer arithmetic (days_from_civil): the nightly job
 * computes an age for every bucket of every member, and Date.parse costs ten times more.
 */
export function dayIndex(day: string): number {
  const c = (i: number) => day.charCodeAt(i) - 48;
  let y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return dayIndex(to) - dayIndex(from);
}

/** Whether a delta marks activity (a positive count in an activity field). */
export function isActivity(delta: ActivityDelta): boolean {
  for (const f of ACTIVE_FIELDS) if ((delta[f] ?? 0) > 0) return true;
  return false;
}

/**
 * The field paths and increments one event writes: `days.<day>.<field>` and, for spend, `months.<month>`.
 * The database applies them as atomic increments, so concurrent events never lose a count.
 */
export function incrementsFor(day: string, delta: ActivityDelta, opts: { dayKept?: boolean } = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of opts.dayKept === false ? [] : BUCKET_FIELDS) {
    const n = delta[f];
    if (n) out[`days.${day}.${f}`] = n;
  }
  if (delta.sp) out[`months.${day.slice(0, 7)}`] = delta.sp;
  return out;
}

/** The same event applied to a state in memory (what the increments do in the database). */
export function applyDelta(state: ActivityState, day: string, delta: ActivityDelta): ActivityState {
  const copy: ActivityState = { days: { ...state.days }, months: { ...state.months }, lastActiveDay: state.lastActiveDay };
  if (state.days[day]) copy.days[day] = { ...state.days[day] };
  addInto(copy, day, delta);
  return copy;
}

/** `applyDelta` in place, for code that owns the state (a recomputation, the benchmark). */
export function addInto(state: ActivityState, day: string, delta: ActivityDelta): void {
  // A new bucket gets every field at once: one object shape for all buckets keeps the property accesses below fast.
  const b = (state.days[day] ??= { pu: 0, sp: 0, cg: 0, cr: 0, lr: 0, fr: 0, cd: 0, po: 0, vo: 0, ev: 0 });
  // Unrolled: this runs for every event of a recomputation or a benchmark, and a loop over keys costs 3x.
  if (delta.pu) b.pu = (b.pu ?? 0) + delta.pu;
  if (delta.cg) b.cg = (b.cg ?? 0) + delta.cg;
  if (delta.cr) b.cr = (b.cr ?? 0) + delta.cr;
  if (delta.lr) b.lr = (b.lr ?? 0) + delta.lr;
  if (delta.fr) b.fr = (b.fr ?? 0) + delta.fr;
  if (delta.cd) b.cd = (b.cd ?? 0) + delta.cd;
  if (delta.po) b.po = (b.po ?? 0) + delta.po;
  if (delta.vo) b.vo = (b.vo ?? 0) + delta.vo;
  if (delta.ev) b.ev = (b.ev ?? 0) + delta.ev;
  if (delta.sp) {
    b.sp = (b.sp ?? 0) + delta.sp;
    const month = monthOf(day);
    state.months[month] = (state.months[month] ?? 0) + delta.sp;
  }
  if (isActivity(delta) && (state.lastActiveDay === null || day > state.lastActiveDay)) state.lastActiveDay = day;
}

let lastDay = '';
let lastMonth = '';
/** 'YYYY-MM' of a day; consecutive events mostly share a day, so the last answer is kept. */
function monthOf(day: string): string {
  if (day !== lastDay) {
    lastDay = day;
    lastMonth = day.slice(0, 7);
  }
  return lastMonth;
}

/** Counters summed over the window ending `today` (window days, today included); negatives count as 0. */
export interface WindowTotals {
  /** Σ purchases × (window − age): purchases weighted by recency (today = window, the window's first day = 1). */
  recentPurchases: number;
  purchases: number;
  commentsGiven: number;
  commentsReceived: number;
  likesReceived: number;
  favouritesReceived: number;
  campaignDays: number;
  posts: number;
  votes: number;
  eventsAttended: number;
}

export function windowTotals(days: Record<string, DayBucket>, today: string, windowDays: number): WindowTotals {
  const t: WindowTotals = {
    recentPurchases: 0,
    purchases: 0,
    commentsGiven: 0,
    commentsReceived: 0,
    likesReceived: 0,
    favouritesReceived: 0,
    campaignDays: 0,
    posts: 0,
    votes: 0,
    eventsAttended: 0,
  };
  const todayIndex = dayIndex(today);
  for (const day in days) {
    const age = todayIndex - dayIndex(day);
    if (age < 0 || age >= windowDays) continue;
    const b = days[day];
    const pu = Math.max(0, b.pu ?? 0);
    t.purchases += pu;
    t.recentPurchases += pu * (windowDays - age);
    t.commentsGiven += Math.max(0, b.cg ?? 0);
    t.commentsReceived += Math.max(0, b.cr ?? 0);
    t.likesReceived += Math.max(0, b.lr ?? 0);
    t.favouritesReceived += Math.max(0, b.fr ?? 0);
    t.campaignDays += Math.max(0, b.cd ?? 0);
    t.posts += Math.max(0, b.po ?? 0);
    t.votes += Math.max(0, b.vo ?? 0);
    t.eventsAttended += Math.max(0, b.ev ?? 0);
  }
  return t;
}

/** 'YYYY-MM' `n` months before `month`. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const idx = y * 12 + (m - 1) - n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Spend over `count` calendar months ending `skip` months before `month` (0 = this month included). */
export function spendOver(months: Record<string, number>, month: string, count: number, skip = 0): number {
  let sum = 0;
  for (let i = skip; i < skip + count; i++) sum += Math.max(0, months[monthsBefore(month, i)] ?? 0);
  return sum;
}

/**
 * Keys the nightly job may drop: days before the window (kept 30 days longer, so it writes a member about once
 * a month) and months older than 12 + 6 (the 3-month trend needs 6). Removing them is a write of distinct
 * fields, safe alongside concurrent increments of today's bucket.
 */
export function staleKeys(state: ActivityState, today: string, windowDays: number): string[] {
  const dayKeys = Object.keys(state.days).filter((d) => daysBetween(d, today) >= windowDays);
  const oldest = dayKeys.reduce((m, d) => Math.max(m, daysBetween(d, today)), 0);
  const out = oldest >= windowDays + 30 ? dayKeys.map((d) => `days.${d}`) : [];
  const month = today.slice(0, 7);
  const keepFrom = monthsBefore(month, 17);
  for (const m of Object.keys(state.months)) if (m < keepFrom) out.push(`months.${m}`);
  return out;
}

/**
 * Whether a take-back (a refund, a hidden post) may touch `day`'s bucket: only inside the window, where it still
 * counts; outside it the bucket may already be pruned and must not come back negative.
 */
export function dayStillKept(day: string, today: string, windowDays: number): boolean {
  return daysBetween(day, today) < windowDays;
}
