import type { TillCode } from '../../services/staff';

export interface CodeReaderProps {
  /** A call is under way: the reader waits. */
  busy: boolean;
  /** Resolves true when the code was accepted (the reader then clears itself). */
  onCode: (code: TillCode) => Promise<boolean>;
  /** What is read, in words ("会员码" by default; "券码", "提货码"). */
  label?: string;
  /** What the member's digits are called on their screen ("动态码", "券动态码", "提货动态码"). */
  pinLabel?: string;
  /** Where the member finds the code. */
  hint?: string;
  /** Prefix for test classes: `${prefix}-member-no`, `${prefix}-pin`, `${prefix}-submit`, `${prefix}-scan`. */
  classPrefix?: string;
}
