/** What travels to a cloud function: the function routes by `action` and validates `input`. */
export interface CloudEvent {
  action: string;
  input: unknown;
}

/**
 * Sends one event to one cloud function and resolves with the function's raw result (a Result envelope).
 * Rejects only when the call could not be made (network, platform); a business failure is a resolved
 * `{ ok: false }`.
 */
export type Transport = (fn: string, event: CloudEvent) => Promise<unknown>;

/** Called once at app launch (weapp: wx.cloud.init). */
export type TransportInit = () => void;
