import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface FormFieldProps {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  /** The server's message for this field (INVALID_INPUT with error.field). */
  error?: string;
  className?: string;
}

export function FormField({ label, optional, hint, error, className = '', children }: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={`form-field ${error ? 'form-field--invalid' : ''} ${className}`}>
      <View className="form-field__label">
        <Text>{label}</Text>
        {optional && <Text className="form-field__optional">选填</Text>}
      </View>
      <View className="form-field__control">{children}</View>
      {error ? <View className="form-field__error">{error}</View> : hint ? <View className="form-field__hint">{hint}</View> : null}
    </View>
  );
}
