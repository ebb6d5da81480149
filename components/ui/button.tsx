"use client";
import type { ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button-class";

interface SubmitButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  pendingLabel?: string;
  /** For forms submitted through useActionForm, which useFormStatus cannot see. */
  pending?: boolean;
}

/** A submit button that says what is happening while its form is being sent. */
export function SubmitButton({ variant = "primary", pendingLabel, pending: pendingProp, children, className, ...rest }: SubmitButtonProps) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  return (
    <button type="submit" disabled={pending || rest.disabled} aria-busy={pending || undefined} className={`${buttonClass(variant)} ${className ?? ""}`} {...rest}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
