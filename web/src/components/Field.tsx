/** Form fields as the GOV.UK Design System lays them out: label, hint, error, then the control. */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

const CONTROL = "block w-full rounded border-2 bg-white px-3 py-2 text-base text-gray-900";

function describedBy({ id, hint, error }: FieldProps): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
      <label htmlFor={id} className="mb-1 block font-semibold text-gray-900">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-gray-700">
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
      {children}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="mb-1 font-semibold text-red-700">
      <span className="sr-only">Error: </span>
      {message}
    </p>
  );
}

export function TextField({ id, label, hint, error, className = "", ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${error ? "border-red-700" : "border-gray-800"} ${className}`}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextArea({ id, label, hint, error, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${error ? "border-red-700" : "border-gray-800"}`}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-describedby={describedBy({ id, label, hint, error })}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${error ? "border-red-700" : "border-gray-800"}`}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function Checkbox({ id, label, ...input }: { id: string; label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="mb-3 flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-0.5 size-6 shrink-0 accent-indigo-800" {...input} />
      <label htmlFor={id} className="text-gray-900">
        {label}
      </label>
    </div>
  );
}
