export type PutOptions = { contentType: string; cacheControl: string; contentEncoding?: "br" | "gzip" };

/** Where the mirror is written: a folder or a bucket. Keys have no leading slash. */
export type MirrorTarget = {
  readonly name: string;
  put(key: string, body: Buffer, options: PutOptions): Promise<void>;
  remove(key: string): Promise<void>;
  /** The object's bytes, or null when it does not exist. */
  read(key: string): Promise<Buffer | null>;
};
