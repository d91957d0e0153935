import { readFileSync } from 'node:fs';
import { CronExpressionParser } from 'cron-parser';

/** WeChat timer triggers: 7 fields (second minute hour day month weekday year), evaluated in UTC+8. */
export interface TimerTrigger {
  fn: string;
  name: string;
  cron: string;
}

const TRIGGER_TZ = 'Asia/Shanghai';

export function readTriggers(fn: string, configJsonPath: string): TimerTrigger[] {
  let raw: string;
  try {
    raw = readFileSync(configJsonPath, 'utf8');
  } catch {
    return [];
  }
  const cfg = JSON.parse(raw) as { triggers?: { name: string; type: string; config: string }[] };
  const timers = (cfg.triggers ?? []).filter((t) => t.type === 'timer');
  if (timers.length > 1) throw new Error(`${configJsonPath}: WeChat allows one trigger per function`);
  return timers.map((t) => {
    validateCron(t.config, configJsonPath);
    return { fn, name: t.name, cron: t.config };
  });
}

function validateCron(cron: string, where: string): void {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`${where}: timer "${cron}" must have 7 fields (s m h day month weekday year)`);
}

/** The first fire time strictly after `after`, or null if the year field rules out any. */
export function nextFire(cron: string, after: Date): Date | null {
  const fields = cron.trim().split(/\s+/);
  const year = fields[6];
  const it = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: after, tz: TRIGGER_TZ });
  for (let i = 0; i < 400; i++) {
    const at = it.next().toDate();
    if (year === '*' || yearMatches(year, Number(at.toLocaleString('en-US', { timeZone: TRIGGER_TZ, year: 'numeric' })))) {
      return at;
    }
  }
  return null;
}

function yearMatches(field: string, year: number): boolean {
  return field.split(',').some((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? year === a : year >= a && year <= b;
  });
}

/** The last fire time at or before `at`, or null if the year field rules out any (within 400 tries). */
export function previousFire(cron: string, at: Date): Date | null {
  const fields = cron.trim().split(/\s+/);
  const year = fields[6];
  // cron-parser's prev() is strictly before currentDate: start 1 ms later so `at` itself counts.
  const it = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: new Date(at.getTime() + 1), tz: TRIGGER_TZ });
  for (let i = 0; i < 400; i++) {
    const fire = it.prev().toDate();
    if (year === '*' || yearMatches(year, Number(fire.toLocaleString('en-US', { timeZone: TRIGGER_TZ, year: 'numeric' })))) {
      return fire;
    }
  }
  return null;
}

/** Fire times in (from, to], oldest first, at most `max` of them. */
export function firesBetween(cron: string, from: Date, to: Date, max = 100): Date[] {
  const out: Date[] = [];
  let cursor = from;
  while (out.length < max) {
    const at = nextFire(cron, cursor);
    if (!at || at > to) break;
    out.push(at);
    cursor = at;
  }
  return out;
}
