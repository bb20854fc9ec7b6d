import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Component, type ReactNode } from "react";
import { isTransient } from "../lib/error-messages";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // One quiet retry for a failure that may pass (network, 5xx); then the page says so and offers "Try again".
      // networkMode "always": offline, a request fails at once and says so, instead of waiting
      // (paused, a spinner without end) for the browser to come back online.
      queries: { retry: (failures, error) => failures < 1 && isTransient(error), refetchOnWindowFocus: false, networkMode: "always" },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}

/** The last line of defence: a bug in a page shows a sentence and a way back, never a stack trace. */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error("The page failed", error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="mx-auto max-w-3xl p-6 text-gray-900">
        <h1 className="mb-4 text-3xl font-bold">Sorry, something went wrong</h1>
        <p className="mb-4">This page stopped working. Nothing you booked has been lost.</p>
        <a href="/" className="font-semibold text-indigo-800 underline">
          Start again
        </a>
      </main>
    );
  }
}

export function AppProvider({ children, client }: { children: ReactNode; client: QueryClient }) {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ErrorBoundary>
  );
}
