import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { describeError, isCloudError } from '../services/cloud';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Form errors: a server INVALID_INPUT (or another code that names a field) is shown next to its field,
 * keyed by the field's first path segment ("birthday.day" -> "birthday"). A field the form does not show,
 * and any other failure, becomes a toast.
 */
export function useFieldErrors(fields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});

  const setError = useCallback((field: string, message: string | undefined) => {
    setErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  const clear = useCallback(() => setErrors({}), []);

  const report = useCallback((e: unknown) => {
    const key = isCloudError(e) && e.field ? e.field.split('.')[0] : undefined;
    if (key && fields.includes(key)) {
      setErrors((prev) => ({ ...prev, [key]: describeError(e) }));
      void Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the field list is a constant of the form
  }, []);

  return { errors, setError, clear, report };
}
