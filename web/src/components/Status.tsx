/** Waiting and failure, said in words: a loading line announced politely, a failure with its way out. */
import type { ReactNode } from "react";
import { errorSentence } from "../lib/error-messages";
import { Button } from "./Button";
import { Heading } from "./Heading";

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="my-4 text-gray-900">
      {children}
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="my-4 rounded border-l-8 border-red-700 bg-red-50 p-4 text-gray-900">
      <p className="mb-3">{errorSentence(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** An outcome the person just caused ("Your booking has been moved"): announced, and focused. */
export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="status" className="mb-6 rounded border-l-8 border-green-700 bg-green-50 p-4 text-gray-900">
      <Heading level={2} focusOnMount>
        {title}
      </Heading>
      {children}
    </div>
  );
}
