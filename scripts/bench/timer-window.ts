/**
 * What a timer job's trigger gives it in a day, read from the function's `config.json` (the same file deploy and
 * the local cloud read): how many runs, and when. The benchmarks multiply a run's capacity by these runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { firesBetween, readTriggers, type TimerTrigger } from '../../cloudfunctions/_platform/local/timer-schedule';
import { ROOT } from './bench-cloud';

const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions');
/** A Beijing day (2026-12-01 00:00 to 24:00 UTC+8); the triggers in use do not depend on the date. */
const DAY_START = Date.parse('2026-11-30T16:00:00Z');
const DAY_MS = 86_400_000;

/** Every timer trigger of every deployable function, as `<function>.<trigger>` ids. */
export function timerTriggers(): (TimerTrigger & { id: string })[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(FUNCTIONS_DIR, d.name, 'config.json')))
    .flatMap((d) => readTriggers(d.name, join(FUNCTIONS_DIR, d.name, 'config.json')))
    .map((t) => ({ ...t, id: `${t.fn}.${t.name}` }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface TimerWindow {
  cron: string;
  /** Runs the trigger makes in one Beijing day. */
  runsPerDay: number;
  /** When, in words: `daily 02:30`, `every 10 min, 00:05–05:55`, `every 5 min`. */
  schedule: string;
  /** Some run falls in MEMBER_HOURS: members' requests share the environment's database quota with it. */
  inMemberHours: boolean;
}

/** Beijing hours [from, to) in which members are about; a job running then leaves them connections. */
export const MEMBER_HOURS = { from: 7, to: 23 };

const beijingTime = (at: Date) => at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Describes fire times within one day. */
export function describeFires(fires: readonly Date[]): string {
  if (fires.length === 0) return 'never';
  if (fires.length === 1) return `daily ${beijingTime(fires[0])}`;
  const gaps = new Set(fires.slice(1).map((at, i) => at.getTime() - fires[i].getTime()));
  if (gaps.size > 1) return `daily ${fires.map(beijingTime).join(', ')}`;
  const gap = [...gaps][0];
  const every = gap % 3_600_000 === 0 ? `every ${gap / 3_600_000} h` : `every ${gap / 60_000} min`;
  return fires.length * gap === DAY_MS ? every : `${every}, ${beijingTime(fires[0])}–${beijingTime(fires[fires.length - 1])}`;
}

export function timerWindow(id: string): TimerWindow {
  const trigger = timerTriggers().find((t) => t.id === id);
  if (!trigger) throw new Error(`no timer trigger ${id} in cloudfunctions/*/config.json`);
  const fires = firesBetween(trigger.cron, new Date(DAY_START - 1), new Date(DAY_START + DAY_MS - 1), 24 * 60 * 60);
  const hour = (at: Date) => Number(beijingTime(at).slice(0, 2));
  const inMemberHours = fires.some((at) => hour(at) >= MEMBER_HOURS.from && hour(at) < MEMBER_HOURS.to);
  return { cron: trigger.cron, runsPerDay: fires.length, schedule: describeFires(fires), inMemberHours };
}
