/** Matches concrete request paths against `{placeholder}` templates, for 404 / 405 / 501 decisions (D-18). */
export class PathTable {
  private readonly entries: { pattern: RegExp; method: string; template: string }[] = [];

  add(method: string, template: string): void {
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    this.entries.push({ pattern: new RegExp(`^${escaped}$`), method, template });
  }

  /** The methods registered for templates matching this path. */
  methodsFor(path: string): string[] {
    return this.entries.filter((e) => e.pattern.test(path)).map((e) => e.method);
  }
}
