// Actions KubeSphere would refuse, said before they are tried: when KubeSphere answers that the
// caller may not manage the App Store where an action writes (POST /accessreviews), the action is
// disabled with the reason. Only that "no" disables: while the answer loads, or when it cannot be
// had, the action stays enabled and the service decides when it is submitted.
import { Button, Tooltip, type ButtonProps } from '@kubed/components';
import type { ComponentPropsWithoutRef, ReactElement, ReactNode } from 'react';
import styled from 'styled-components';
import { useAccess, useAccessAnywhere } from '../api/queries';
import { asText } from '../i18n';

/** Why the caller may not manage the App Store of `workspace` (undefined: the global store). */
export function manageRefusalText(workspace?: string): string {
  return workspace === undefined
    ? t('ACCESS_MANAGE_REFUSED')
    : t('ACCESS_MANAGE_REFUSED_IN', asText({ workspace }));
}

/**
 * The reason to disable an action that writes to the App Store of `workspace` (undefined: the
 * global store), or undefined when KubeSphere did not refuse it. `needed: false` (a dry run, an
 * action not shown) asks nothing.
 */
export function useManageRefusal(workspace?: string, needed = true): string | undefined {
  const access = useAccess(workspace, { enabled: needed });
  return needed && access.data === false ? manageRefusalText(workspace) : undefined;
}

/** The same, for an action whose scope is chosen later (a new sync): refused where the caller manages nothing. */
export function useManageAnywhereRefusal(): string | undefined {
  return useAccessAnywhere() === false ? manageRefusalText() : undefined;
}

/**
 * What takes the pointer for a disabled button, so that its tooltip shows on hover (a disabled
 * button gets no mouse events), and the keyboard focus, so that it shows on focus too.
 */
const Refused = styled.span`
  display: inline-flex;
  cursor: not-allowed;

  & > button {
    pointer-events: none;
  }
`;

/** A reason shown on hover and focus of what it wraps. */
function RefusalTooltip({ refusal, children }: { refusal: string; children: ReactElement }) {
  return (
    <Tooltip content={<span data-testid="manage-refusal-text">{refusal}</span>} maxWidth={320}>
      {children}
    </Tooltip>
  );
}

export type ManageButtonProps = ButtonProps &
  Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps | 'color'> & {
    /** From useManageRefusal: when given, the button is disabled and says why. */
    refusal: string | undefined;
  };

/** A kube-design Button for an action that manages the App Store. */
export function ManageButton({ refusal, disabled, ...props }: ManageButtonProps) {
  if (refusal === undefined) return <Button {...props} disabled={disabled} />;
  return (
    <RefusalTooltip refusal={refusal}>
      <Refused tabIndex={0} data-testid="manage-refused">
        <Button {...props} disabled />
      </Refused>
    </RefusalTooltip>
  );
}

/** The label of a menu item for an action that manages the App Store: with the reason when refused. */
export function ManageLabel({ refusal, children }: { refusal: string | undefined; children: ReactNode }) {
  if (refusal === undefined) return <>{children}</>;
  return (
    <RefusalTooltip refusal={refusal}>
      <span data-testid="manage-refused">{children}</span>
    </RefusalTooltip>
  );
}
