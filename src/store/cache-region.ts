/**
 * One cached table's entries. A load that overlaps an invalidation is answered but not kept (the generation
 * moved), so an entry is never older than the last invalidation that reached this instance.
 */
export class Region<V> {
  private readonly entries = new Map<string, V>();
  private generation = 0;

  constructor(
    private readonly capacity: number,
    private readonly active: () => boolean,
  ) {}

  async get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = (v) => v !== null): Promise<V> {
    if (!this.active()) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.active() && keep(value)) {
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }
}
