/**
 * One `Idempotency-Key` per attempt: the same request sent again (a double click, "try again" after
 * a network failure or a 503) carries the same key, so the API replays its first answer instead of
 * booking twice; a different request (another slot, corrected details) gets a new key, because the
 * API refuses a key reused with another body.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; getRandomValues everywhere (RFC 9562 version 4).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class AttemptKeys {
  private last: { request: string; key: string } | null = null;

  keyFor(request: unknown): string {
    const serialised = JSON.stringify(request);
    if (this.last?.request !== serialised) this.last = { request: serialised, key: newKey() };
    return this.last.key;
  }

  /** After a success: the next request is a new attempt even if it is the same again. */
  settle(): void {
    this.last = null;
  }
}
