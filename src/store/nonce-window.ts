/** Keys remembered until they expire; expired ones are dropped lazily, oldest first. */
export class NonceWindow {
  private readonly seen = new Map<string, number>();

  remember(key: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    this.evict(nowMs);
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, expiresAtMs);
    return true;
  }

  private evict(nowMs: number): void {
    for (const [key, until] of this.seen) {
      if (until > nowMs) break;
      this.seen.delete(key);
    }
  }
}
