/**
 * Secrets come from the function's environment variables (set in the cloud console), never from the
 * repository. The local cloud makes a random one per start unless the environment gives one.
 */
/**
 * MEMBER_CODE_SECRET signs member, coupon and pickup codes; JOB_RUN_SECRET lets an operator run a timer job by
 * hand from the cloud console's test panel (see _platform/runtime/run-job.ts).
 */
export type SecretName = 'MEMBER_CODE_SECRET' | 'JOB_RUN_SECRET';

export interface SecretsPort {
  get(name: SecretName): string | undefined;
}

export const environmentSecrets: SecretsPort = { get: (name) => process.env[name] || undefined };
