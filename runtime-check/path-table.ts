/**
 * An exact set of paths kept as UTF-8 bytes outside the JS heap, with an
 * open-addressing hash table in typed arrays. It replaces a Map<string, …>
 * for a snapshot's million paths: no per-path JS string survives, so the
 * garbage collector has nothing to copy or mark, and lookups compare bytes.
 */

const CHUNK_SIZE = 16 * 1024 * 1024;

export class PathTable {
  private readonly chunks: Buffer[] = [Buffer.allocUnsafe(CHUNK_SIZE)];
  private chunkUsed = 0;
  /** Per entry: chunk index * CHUNK_SIZE + offset, byte length, hash, taken flag. */
  private locations = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  private taken = new Uint8Array(1024);
  /** Entry index + 1 per bucket; 0 is empty. */
  private buckets = new Int32Array(2048);
  /** Where the path being looked up was encoded: a scratch buffer, or the arena itself when adding. */
  private probe: Buffer = Buffer.allocUnsafe(4096);
  private probeOffset = 0;
  private probeLength = 0;
  private scratch: Buffer = this.probe;
  /** Number of distinct paths. */
  size = 0;

  /** UTF-8-encodes `path` into `target` at `offset` and returns its hash. */
  private encode(path: string, target: Buffer, offset: number): number {
    this.probe = target;
    this.probeOffset = offset;
    this.probeLength = target.write(path, offset, 'utf8');
    // FNV-1a, then murmur3's finaliser for well-spread low bits.
    let hash = 0x811c9dc5;
    const end = offset + this.probeLength;
    for (let i = offset; i < end; i += 1) {
      hash = Math.imul(hash ^ target[i]!, 0x01000193);
    }
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return (hash ^ (hash >>> 16)) >>> 0;
  }

  private encodeToScratch(path: string): number {
    if (this.scratch.length < path.length * 3) {
      this.scratch = Buffer.allocUnsafe(path.length * 3);
    }
    return this.encode(path, this.scratch, 0);
  }

  private sameAsProbe(entry: number): boolean {
    const location = this.locations[entry]!;
    const chunk = this.chunks[Math.floor(location / CHUNK_SIZE)]!;
    const offset = location % CHUNK_SIZE;
    return (
      this.probe.compare(
        chunk,
        offset,
        offset + this.probeLength,
        this.probeOffset,
        this.probeOffset + this.probeLength,
      ) === 0
    );
  }

  /** Entry index of the path just encoded (the probe), or -1. */
  private find(hash: number): number {
    const mask = this.buckets.length - 1;
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const slot = this.buckets[bucket]!;
      if (slot === 0) {
        return -1;
      }
      const entry = slot - 1;
      if (this.hashes[entry] === hash && this.lengths[entry] === this.probeLength && this.sameAsProbe(entry)) {
        return entry;
      }
    }
  }

  private insertBucket(entry: number): void {
    const mask = this.buckets.length - 1;
    let bucket = this.hashes[entry]! & mask;
    while (this.buckets[bucket] !== 0) {
      bucket = (bucket + 1) & mask;
    }
    this.buckets[bucket] = entry + 1;
  }

  private grow(): void {
    if (this.size === this.locations.length) {
      const capacity = this.size * 2;
      const locations = new Float64Array(capacity);
      locations.set(this.locations);
      this.locations = locations;
      const lengths = new Uint32Array(capacity);
      lengths.set(this.lengths);
      this.lengths = lengths;
      const hashes = new Uint32Array(capacity);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const taken = new Uint8Array(capacity);
      taken.set(this.taken);
      this.taken = taken;
    }
    if (this.size * 2 >= this.buckets.length) {
      this.buckets = new Int32Array(this.buckets.length * 2);
      for (let entry = 0; entry < this.size; entry += 1) {
        this.insertBucket(entry);
      }
    }
  }

  /** Adds a path (if new) and returns its entry index. */
  add(path: string): number {
    // Encoded straight into the arena; the bytes are only kept if the path is new.
    if (this.chunkUsed + path.length * 3 > CHUNK_SIZE) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK_SIZE, path.length * 3)));
      this.chunkUsed = 0;
    }
    const chunkIndex = this.chunks.length - 1;
    const hash = this.encode(path, this.chunks[chunkIndex]!, this.chunkUsed);
    const existing = this.find(hash);
    if (existing !== -1) {
      return existing;
    }
    this.grow();
    const entry = this.size;
    this.locations[entry] = chunkIndex * CHUNK_SIZE + this.chunkUsed;
    this.lengths[entry] = this.probeLength;
    this.hashes[entry] = hash;
    this.chunkUsed += this.probeLength;
    this.size += 1;
    this.insertBucket(entry);
    return entry;
  }

  /** Marks the path as matched and returns its entry index; -1 if absent or already taken. */
  take(path: string): number {
    const entry = this.lookup(path);
    if (entry === -1 || this.isTaken(entry)) {
      return -1;
    }
    this.takeEntry(entry);
    return entry;
  }

  /** The entry index of the path, or -1. */
  lookup(path: string): number {
    return this.find(this.encodeToScratch(path));
  }

  isTaken(entry: number): boolean {
    return this.taken[entry] === 1;
  }

  /** Marks an entry as matched. */
  takeEntry(entry: number): void {
    this.taken[entry] = 1;
  }

  pathOf(entry: number): string {
    const location = this.locations[entry]!;
    const chunk = this.chunks[Math.floor(location / CHUNK_SIZE)]!;
    const offset = location % CHUNK_SIZE;
    return chunk.toString('utf8', offset, offset + this.lengths[entry]!);
  }

  /** Entries never taken, in insertion order. */
  *untaken(): Generator<number> {
    for (let entry = 0; entry < this.size; entry += 1) {
      if (this.taken[entry] === 0) {
        yield entry;
      }
    }
  }
}
