/** H5 (local cloud): there are no WeChat subscribe messages to ask for. */
export function askSubscriptions(_templateIds: readonly string[]): void {}
