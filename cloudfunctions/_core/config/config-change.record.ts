/**
 * `config_changes`: every change of an operator document the product knows of, append-only. `operator`:
 * saved through `admin.saveDocument` (who and when from the platform). `console`: found changed on a later read
 * (its content hash differs from the last version the product recorded), so who and exactly when are unknown.
 */
export const CONFIG_CHANGES = 'config_changes';

/** `config_versions/{collection}:{id}`: the last content the product saw of each document, and its hash. */
export const CONFIG_VERSIONS = 'config_versions';

export type ConfigChangeSource = 'operator' | 'console';
export type ConfigChangeKind = 'created' | 'edited' | 'deleted';

export interface ConfigChangeRecord {
  /** `app_config/tiers`, `coupon_templates/WELCOME30`. */
  address: string;
  source: ConfigChangeSource;
  kind: ConfigChangeKind;
  /** The operator's openid and name (source `operator`); null for console edits. */
  actor: string | null;
  actorName: string | null;
  /** When saved, or when the console edit was found. */
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  afterHash: string | null;
}

export interface ConfigVersionRecord {
  _id: string;
  address: string;
  hash: string;
  /** Counts every change the product recorded (saved through it or found from the console); the document's `_rev` is the last save's. */
  rev: number;
  snapshot: Record<string, unknown>;
  at: Date;
}

export const versionId = (collection: string, id: string) => `${collection}:${id}`;
