export interface CodeReaderProps {
  /** A call is under way: the reader waits. */
  busy: boolean;
  /** Resolves true when the code was accepted (the reader then clears itself). */
  onCode: (code: string) => Promise<boolean>;
  /** What is read, in words ("会员码" by default; "券码", "自提码"). */
  label?: string;
  /** WeChat: the line above the scan button. */
  hint?: string;
  /** Extra classes for tests: the H5 paste box and the submit / scan button. */
  inputClassName?: string;
  submitClassName?: string;
}
