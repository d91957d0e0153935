import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { describeError, isCloudError } from '../services/cloud';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Form errors: a server INVALID_INPUT (or another code that names a field) is shown next to its field,
 * keyed by the field's first path segment ("birthday.day" -> "birthday"); anything else becomes a toast.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});

  const setError = useCallback((field: string, message: string | undefined) => {
    setErrors((prev) => ({ ...prev, [field]: message }));
  }, []);

  const clear = useCallback(() => setErrors({}), []);

  const report = useCallback((e: unknown) => {
    if (isCloudError(e) && e.field) {
      const key = e.field.split('.')[0];
      setErrors((prev) => ({ ...prev, [key]: e.message }));
      return;
    }
    void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
  }, []);

  return { errors, setError, clear, report };
}
