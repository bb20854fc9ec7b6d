import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-indigo-800 text-white hover:bg-indigo-900 border-indigo-800",
  secondary: "bg-white text-gray-900 hover:bg-gray-100 border-gray-700",
  warning: "bg-red-700 text-white hover:bg-red-800 border-red-700",
} as const;

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS };

export function Button({ variant = "primary", className = "", type = "button", ...props }: Props) {
  return (
    <button
      type={type}
      className={`inline-flex min-h-11 items-center justify-center rounded border-2 px-5 py-2 text-base font-semibold disabled:cursor-not-allowed disabled:opacity-70 ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}
