export interface CodeReaderProps {
  /** A call is under way: the reader waits. */
  busy: boolean;
  /** Resolves true when the code was accepted (the reader then clears itself). */
  onCode: (code: string) => Promise<boolean>;
}
