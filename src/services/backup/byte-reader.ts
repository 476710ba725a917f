/** Reads exact byte counts from a stream of chunks (a file stream, a decrypted payload) without gathering it all. */
export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly source: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
      } else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }

  /** Exactly `n` bytes; fewer only when the stream ends first (the caller decides whether that is damage). */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const take = Math.min(n, this.buffered);
    const parts: Buffer[] = [];
    let got = 0;
    while (got < take) {
      const first = this.chunks[0];
      const want = take - got;
      if (first.length <= want) {
        parts.push(first);
        this.chunks.shift();
        got += first.length;
      } else {
        parts.push(first.subarray(0, want));
        this.chunks[0] = first.subarray(want);
        got += want;
      }
    }
    this.buffered -= take;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, take);
  }

  /** Up to `max` bytes, as soon as any are there; an empty buffer at the end of the stream. */
  async readSome(max: number): Promise<Buffer> {
    await this.fill(1);
    if (this.buffered === 0) return Buffer.alloc(0);
    return this.read(Math.min(max, this.chunks[0].length));
  }

  /** True when nothing is left. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buffered === 0;
  }
}
