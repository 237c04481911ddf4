// A labelled form row in the console's form look (label above, help or error below). kube-design's
// FormItem needs an rc-field-form store; these forms are plain controlled React state.
import type { ReactNode } from 'react';
import styled from 'styled-components';

const Row = styled.div`
  display: flex;
  flex-direction: column;
  margin-bottom: 12px;
`;

const Label = styled.label`
  display: inline-flex;
  align-items: center;
  min-height: 32px;
  color: ${({ theme }) => theme.palette.accents_8};
`;

const Required = styled.span`
  margin-left: 3px;
  color: ${({ theme }) => theme.palette.error};
`;

const Description = styled.div`
  margin-bottom: 8px;
  font-size: 12px;
  line-height: 1.67;
  color: ${({ theme }) => theme.palette.accents_5};
`;

const Help = styled.div<{ $error: boolean }>`
  margin-top: 4px;
  font-size: 12px;
  line-height: 1.67;
  color: ${({ theme, $error }) => ($error ? theme.palette.error : theme.palette.accents_5)};
`;

export interface FormFieldProps {
  label: ReactNode;
  /** The id of the control, so the label focuses it. */
  htmlFor?: string;
  /** Between the label and the control, for what must be read first. */
  description?: ReactNode;
  help?: ReactNode;
  /** Shown instead of the help, in red. */
  error?: string;
  required?: boolean;
  children: ReactNode;
}

export function FormField({ label, htmlFor, description, help, error, required, children }: FormFieldProps) {
  const note = error ?? help;
  return (
    <Row>
      <Label htmlFor={htmlFor}>
        {label}
        {required === true && <Required aria-hidden>*</Required>}
      </Label>
      {description !== undefined && <Description>{description}</Description>}
      {children}
      {note !== undefined && (
        <Help $error={error !== undefined} role={error !== undefined ? 'alert' : undefined}>
          {note}
        </Help>
      )}
    </Row>
  );
}
