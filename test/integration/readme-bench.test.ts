/**
 * The README's measured tables are written by the benchmark scripts between marker comments. Wall-clock figures
 * vary by machine and are not checked; what is deterministic is: which actions and jobs are listed, their
 * database operations and their round trips in sequence. A fast re-count must match, else the tables are
 * stale (re-run `npm run bench` / `npm run bench:jobs` / `npm run bench:expiry`).
 */
import { readFileSync } from 'node:fs';
import { MODELLED_LATENCY } from '../../cloudfunctions/_platform/local/database';
import { actionCountCells, countActions, HOT_ACTIONS, parseActionCounts } from '../../scripts/bench/actions';
import { describeLatency } from '../../scripts/bench/bench-cloud';
import { countJob, JOB_BENCHES, parseJobCounts } from '../../scripts/bench/jobs';
import { README_PATH, readSection, tableRows } from '../../scripts/bench/readme-section';
import { timerTriggers, timerWindow } from '../../scripts/bench/timer-window';

const readme = readFileSync(README_PATH, 'utf8');
const section = (name: string) => {
  const s = readSection(readme, name);
  if (s === null) throw new Error(`README.md lacks the <!-- bench:${name} --> section`);
  return s;
};
const regenerate = (script: string) => `stale: run \`${script}\` and commit README.md`;

describe('README measured tables', () => {
  it('were measured at the latency the code models', () => {
    for (const name of ['actions', 'jobs', 'expiry', 'bursts', 'likes', 'comments']) expect(section(name)).toContain(describeLatency(MODELLED_LATENCY));
  });

  it('list every hot action with the operations and round trips (cold → warm) a re-count gives', async () => {
    const listed = parseActionCounts(section('actions'));
    expect(listed.map((cells) => cells[0])).toEqual(HOT_ACTIONS.map((a) => `\`${a.label}\``));
    const counted = (await countActions()).map(actionCountCells);
    expect({ table: listed, why: regenerate('npm run bench') }).toEqual({ table: counted, why: regenerate('npm run bench') });
  });

  it('list every timer job with the per-item operations a re-count gives', async () => {
    const text = section('jobs');
    const [counts, timings] = text.split(/\n\s*\n/).filter((t) => t.trim().startsWith('|'));
    expect(parseJobCounts(counts).map((j) => j.id)).toEqual(JOB_BENCHES.map((j) => j.id));
    expect(tableRows(timings).map((cells) => /`([^`]+)`/.exec(cells[0])?.[1])).toEqual(JOB_BENCHES.map((j) => j.id));
    const counted = [];
    for (const job of JOB_BENCHES) counted.push(await countJob(job));
    expect({ table: parseJobCounts(counts), why: regenerate('npm run bench:jobs') }).toEqual({ table: counted, why: regenerate('npm run bench:jobs') });
  });

  it('cover every timer trigger a function declares, with the runs its config.json gives a day', () => {
    // A new timer job (config.json trigger) needs a JobBench in scripts/bench/jobs.ts: a budget, a resume test, a row here.
    expect(JOB_BENCHES.map((j) => j.id).sort()).toEqual(timerTriggers().map((t) => t.id));
    const [counts, timings] = section('jobs').split(/\n\s*\n/).filter((t) => t.trim().startsWith('|'));
    const listed = (table: string, column: number) => tableRows(table).map((cells) => cells[column]);
    const why = regenerate('npm run bench:jobs');
    expect({ schedules: listed(counts, 1), why }).toEqual({ schedules: JOB_BENCHES.map((j) => timerWindow(j.id).schedule), why });
    expect({ runsPerDay: listed(timings, 7).map((c) => Number(/^(\d+) →/.exec(c)?.[1])), why }).toEqual({
      runsPerDay: JOB_BENCHES.map((j) => timerWindow(j.id).runsPerDay),
      why,
    });
    expect(section('expiry')).toContain(`A night (${timerWindow('points.daily').runsPerDay} runs)`);
  });

  it('give the burst on one mall item at 0 ms and at the modelled latency, never oversold', () => {
    const rows = tableRows(section('bursts'));
    const model = `${MODELLED_LATENCY.opMs} ± ${MODELLED_LATENCY.jitterMs} ms`;
    expect(rows.map((cells) => cells[1])).toEqual(['0 ms', '0 ms', model, model]);
    const stock = Number(/stock (\d+)/.exec(section('bursts'))?.[1]);
    for (const cells of rows) expect(Number(/\((\d+)–(\d+)\)/.exec(cells[2])?.[2])).toBeLessThanOrEqual(stock);
  });

  it('give the bursts on one post (likes, comments) at 0 ms and at the modelled latency: no BUSY, counts exact', () => {
    const model = `${MODELLED_LATENCY.opMs} ± ${MODELLED_LATENCY.jitterMs} ms`;
    for (const name of ['likes', 'comments']) {
      const rows = tableRows(section(name));
      const header = section(name).split('\n').find((l) => l.startsWith('| Latency'))?.split('|').map((c) => c.trim()).slice(1, -1) ?? [];
      const busyColumns = header.flatMap((h, i) => (h.startsWith('BUSY') ? [i] : []));
      expect({ name, latencies: rows.map((cells) => cells[0]), busyColumns: busyColumns.length > 0 }).toEqual({ name, latencies: ['0 ms', model], busyColumns: true });
      for (const cells of rows) {
        const busyMax = busyColumns.map((i) => Number(/\((\d+)–(\d+)\)/.exec(cells[i])?.[2]));
        expect({ name, busyMax, exact: cells[header.indexOf('Counts exact')] }).toEqual({ name, busyMax: busyColumns.map(() => 0), exact: 'yes' });
      }
    }
  });

  it('give the nightly points job at 0 ms and at the modelled latency', () => {
    const rows = tableRows(section('expiry')).map((cells) => cells[0]);
    expect(rows).toEqual(['0 ms', `${MODELLED_LATENCY.opMs} ± ${MODELLED_LATENCY.jitterMs} ms`]);
  });
});
