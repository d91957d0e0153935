/** Small, pure helpers for the points pages (the server decides every number; these only pick and word). */

/** The base reward of streak day `day` (1-based): the last entry repeats, as the server's streak rule does. */
export function rewardForDay(rewards: readonly number[], day: number): number {
  if (rewards.length === 0) return 0;
  return rewards[Math.max(1, Math.min(day, rewards.length)) - 1];
}
