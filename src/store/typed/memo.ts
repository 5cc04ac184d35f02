/** `make` remembered per key; past `max` keys everything is forgotten and made again as asked. */
export function memo<K, V>(make: (key: K) => V, max = Number.POSITIVE_INFINITY): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      if (made.size >= max) made.clear();
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
