/**
 * The local cloud's clock: the time it stamps on EventBridge events and schedules. Real time,
 * unless a test (or `npm start -- --today`) sets it to another day, from which it keeps running:
 * the programme is planned as of the event's day, so a season of 2020 can be replayed locally.
 */
export class LocalClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the clock reads `instant`, and runs on from there. */
  set(instant: string): void {
    const at = Date.parse(instant);
    if (Number.isNaN(at)) throw new Error(`Not a date or time: "${instant}" (write it as YYYY-MM-DD or an ISO instant)`);
    this.offsetMs = at - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
