import { useRef, useState, type ReactNode } from 'react';
import { isCloudError } from '../../services/cloud';
import { Button, Page, toast } from '../../ui';
import { newRequestId } from '../../utils/request-id';

/** A day in Beijing `n` days from now, as "YYYY-MM-DD" (the forms' date pickers start there). */
export const beijingDayFromNow = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** "YYYY-MM-DD" + "HH:mm" in Beijing as an ISO instant the server accepts. */
export const beijingInstant = (day: string, time: string) => `${day}T${time}:00+08:00`;

export type ErrorOf = (field: string) => string | undefined;

interface RequestFormPageProps<T> {
  className: string;
  submitText: string;
  submitClass: string;
  /** Sends the form; the request id stays the same while one submission is retried, so nothing is made twice. */
  send: (requestId: string) => Promise<T>;
  onSent: (result: T) => void;
  /** The form's body: `errorOf(field)` is the server's message for that field (first path segment), if any. */
  children: (errorOf: ErrorOf) => ReactNode;
}

/**
 * A page holding one form that creates something with a request id (an event proposal, a campaign, a poll...):
 * the submit button in the footer, the server's INVALID_INPUT shown next to its field and any other error as
 * the server's message in a toast.
 */
export function RequestFormPage<T>({ className, submitText, submitClass, send, onSent, children }: RequestFormPageProps<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field?: string; message: string }>();
  const requestId = useRef<string>();
  const errorOf: ErrorOf = (field) => (problem?.field === field ? problem.message : undefined);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    requestId.current ??= newRequestId();
    try {
      onSent(await send(requestId.current));
    } catch (e) {
      requestId.current = undefined;
      if (isCloudError(e) && e.code === 'INVALID_INPUT' && e.field) {
        setProblem({ field: e.field.split(/[.[]/)[0], message: e.message });
        toast.info(e.message);
      } else toast.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      className={className}
      footer={
        <Button block className={submitClass} loading={busy} loadingText="提交中…" onClick={() => void submit()}>
          {submitText}
        </Button>
      }
    >
      {children(errorOf)}
    </Page>
  );
}
