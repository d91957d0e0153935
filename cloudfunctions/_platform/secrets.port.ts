/**
 * Secrets come from the function's environment variables (set in the cloud console), never from the
 * repository. The local cloud makes a random one per start unless the environment gives one.
 */
export type SecretName = 'MEMBER_CODE_SECRET';

export interface SecretsPort {
  get(name: SecretName): string | undefined;
}

export const environmentSecrets: SecretsPort = { get: (name) => process.env[name] || undefined };
