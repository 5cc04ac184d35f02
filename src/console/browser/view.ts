/** What a page of the console is: it draws itself into `root` and may refresh its live numbers (D-63). */
export interface View {
  /** Called every few seconds while the page is visible. */
  refresh?(): Promise<void>;
  dispose?(): void;
}

interface ViewContext {
  /** Decoded path parameters, e.g. `id` of `/console/product-coupons/{id}`. */
  params: Record<string, string>;
  search: URLSearchParams;
  /** Goes to another console URL, adding a history entry. */
  navigate(path: string): void;
}

export type ViewFactory = (root: HTMLElement, ctx: ViewContext) => Promise<View>;
