/**
 * A request id for one intended change (RequestId: 8-64 of A-Z a-z 0-9 _ -): made once per form or tap, so a
 * double tap or a retry after a lost answer is the same request and changes nothing twice.
 */
export function newRequestId(): string {
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('');
  return `r${Date.now().toString(36)}${random}`.slice(0, 40);
}
