/** Text is encoded and handed on in pieces of about this many characters. */
const PIECE = 1 << 20;

/**
 * A response whose body is the given strings one after the other, made as it is read, a piece
 * at a time. The whole-site files (search records, papers.json, the `.bib` bundle: 180, 60 and
 * 45 MB at 100,000 papers) were each one string, then its bytes, then a copy of the bytes, all
 * at once and the three side by side: about 1 GB more at the build's peak. Made this way, only
 * the bytes Astro collects are held whole.
 */
export function streamedResponse(parts: () => Iterable<string>, contentType: string): Response {
  const encoder = new TextEncoder();
  let iterator: Iterator<string> | undefined;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      iterator ??= parts()[Symbol.iterator]();
      let piece = '';
      while (piece.length < PIECE) {
        const next = iterator.next();
        if (next.done) {
          if (piece !== '') controller.enqueue(encoder.encode(piece));
          controller.close();
          return;
        }
        piece += next.value;
      }
      controller.enqueue(encoder.encode(piece));
    },
  });
  return new Response(body, { headers: { 'Content-Type': contentType } });
}

/** The parts of a JSON array of `items`, each serialized when it is reached: the same text as `JSON.stringify([...items])`. */
export function* jsonArray(items: Iterable<unknown>): Generator<string> {
  let first = true;
  yield '[';
  for (const item of items) {
    yield `${first ? '' : ','}${JSON.stringify(item) ?? 'null'}`;
    first = false;
  }
  yield ']';
}
