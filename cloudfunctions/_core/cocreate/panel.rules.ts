/** Pure decisions of product panels (新品测试官): structured feedback checked against the panel's questions. */
import type { PanelQuestion } from './cocreate.record';

export type FeedbackVerdict = { ok: true; answers: Record<string, number | string> } | { ok: false; field: string; reason: string };

/** Every question answered in its kind: a rating 1–5, one of a choice's options, a text (≤ 500 characters). */
export function checkFeedback(questions: readonly PanelQuestion[], answers: Readonly<Record<string, unknown>>): FeedbackVerdict {
  const out: Record<string, number | string> = {};
  for (const q of questions) {
    const a = answers[q.id];
    if (q.kind === 'rating') {
      if (typeof a !== 'number' || !Number.isInteger(a) || a < 1 || a > 5) return { ok: false, field: `answers.${q.id}`, reason: `请为「${q.label}」打 1–5 分` };
      out[q.id] = a;
    } else if (q.kind === 'choice') {
      if (typeof a !== 'string' || !q.options.includes(a)) return { ok: false, field: `answers.${q.id}`, reason: `请选择「${q.label}」` };
      out[q.id] = a;
    } else {
      const text = typeof a === 'string' ? a.trim() : '';
      if (!text) return { ok: false, field: `answers.${q.id}`, reason: `请填写「${q.label}」` };
      if (text.length > 500) return { ok: false, field: `answers.${q.id}`, reason: `「${q.label}」最多 500 个字` };
      out[q.id] = text;
    }
  }
  const unknown = Object.keys(answers).find((k) => !questions.some((q) => q.id === k));
  if (unknown) return { ok: false, field: `answers.${unknown}`, reason: '没有这个问题' };
  return { ok: true, answers: out };
}

export interface FeedbackSummary {
  id: string;
  kind: PanelQuestion['kind'];
  label: string;
  /** rating: average × 10 (an integer: 43 = 4.3); choice: count per option; text: the answers. */
  averageTenths: number | null;
  counts: { option: string; count: number }[];
  texts: string[];
}

export function summarise(questions: readonly PanelQuestion[], all: readonly Record<string, number | string>[]): FeedbackSummary[] {
  return questions.map((q) => {
    const values = all.map((a) => a[q.id]).filter((v) => v !== undefined);
    const ratings = values.filter((v): v is number => typeof v === 'number');
    return {
      id: q.id,
      kind: q.kind,
      label: q.label,
      averageTenths: q.kind === 'rating' && ratings.length ? Math.round((ratings.reduce((s, v) => s + v, 0) * 10) / ratings.length) : null,
      counts: q.kind === 'choice' ? q.options.map((o) => ({ option: o, count: values.filter((v) => v === o).length })) : [],
      texts: q.kind === 'text' ? values.filter((v): v is string => typeof v === 'string') : [],
    };
  });
}
