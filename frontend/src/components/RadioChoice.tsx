// kube-design's RadioGroup, made safe for controlled use. Its context memoizes the change handler
// until the value changes, so a handler closing over other state (the rest of a form) runs with
// stale state; and it calls the handler again whenever the value prop changes. This wrapper hands
// it one stable handler that forwards real changes to the latest `onChange`.
import { RadioGroup } from '@kubed/components';
import { useCallback, useRef, type ReactNode } from 'react';

export interface RadioChoiceProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  children: ReactNode;
}

export function RadioChoice<T extends string>({ value, onChange, disabled, children }: RadioChoiceProps<T>) {
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  const forward = useCallback((next: T) => {
    if (next !== latest.current.value) latest.current.onChange(next);
  }, []);
  return (
    <RadioGroup value={value} disabled={disabled} onChange={forward}>
      {children}
    </RadioGroup>
  );
}
