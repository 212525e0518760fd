/** Hit/miss counters of an {@link LruCache}. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries currently held. */
  size: number;
  /** Most entries held at once. */
  capacity: number;
  /** `hits / (hits + misses)`, 0 before the first lookup. */
  hitRate: number;
}

/**
 * A least-recently-used cache on a `Map` (insertion order = recency). Used for embeddings keyed by
 * text: in GRPO the n rollouts of one prompt share one reference text, embedded once per group.
 * @example
 * const cache = new LruCache<string, number>(2);
 * cache.set("a", 1); cache.get("a"); // → 1
 * cache.stats().hits; // → 1
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private hits = 0;
  private misses = 0;

  /**
   * Creates an empty cache.
   * @param capacity - Most entries kept; 0 disables caching (every lookup is a miss).
   */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`Cache capacity must be a non-negative integer, got ${capacity}.`);
    }
  }

  /**
   * Returns the cached value and marks it most recently used; counts a hit or a miss.
   * @param key - Lookup key.
   * @returns The value, or `undefined` on a miss.
   * @example
   * cache.get("missing"); // → undefined
   */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /**
   * Stores a value, evicting the least recently used entry when full.
   * @param key - Key.
   * @param value - Value.
   * @returns Nothing.
   * @example
   * cache.set("k", 1);
   */
  set(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /**
   * Reports hit/miss counters and size.
   * @returns A snapshot of the counters.
   * @example
   * cache.stats().hitRate; // → 0.5
   */
  stats(): CacheStats {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      size: this.entries.size,
      capacity: this.capacity,
      hitRate: lookups === 0 ? 0 : this.hits / lookups,
    };
  }

  /**
   * Drops every entry and resets the counters.
   * @returns Nothing.
   * @example
   * cache.clear();
   */
  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}
