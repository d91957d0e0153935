import type { PropsWithChildren, ReactNode } from 'react';
import { Input, Text, View, type InputProps } from '@tarojs/components';
import { noOrphan } from '../NoOrphan';
import './index.scss';

interface FieldProps {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  /** This field's message (the server's, or the form's own check); replaces the hint while set. */
  error?: string;
  /** A character counter, e.g. for a nickname: `{ length, max }`. */
  counter?: { length: number; max: number };
  className?: string;
}

/** A labelled form control with its hint, its error and an optional counter. */
export function Field({ label, optional, hint, error, counter, className = '', children }: PropsWithChildren<FieldProps>) {
  return (
    <View className={`ui-field ${error ? 'ui-field--invalid' : ''} ${className}`}>
      <View className="ui-field__label">
        <Text>{label}</Text>
        {optional && <Text className="ui-field__optional">选填</Text>}
        {counter && (
          <Text className={`ui-field__counter ${counter.length > counter.max ? 'ui-field__counter--over' : ''}`}>
            {counter.length}/{counter.max}
          </Text>
        )}
      </View>
      <View className="ui-field__control">{children}</View>
      {error ? <View className="ui-field__error">{noOrphan(error)}</View> : hint ? <View className="ui-field__hint">{noOrphan(hint)}</View> : null}
    </View>
  );
}

interface InputFieldProps extends Omit<FieldProps, 'counter' | 'className'> {
  /** Classes of the input after `ui-input` (a modifier such as `ui-input--code`, the page's own class). */
  inputClass: string;
  value: string;
  onChange: (value: string) => void;
  type?: InputProps['type'];
  maxlength?: number;
  placeholder?: string;
}

/** A Field holding one text input (the forms' common case): what is typed goes to `onChange`. */
export function InputField({ inputClass, value, onChange, type, maxlength, placeholder, ...field }: InputFieldProps) {
  return (
    <Field {...field}>
      <Input className={`ui-input ${inputClass}`} type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
    </Field>
  );
}
