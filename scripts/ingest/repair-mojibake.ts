/**
 * Double-encoded UTF-8 ("mojibake"): text that was UTF-8, read once as Windows-1252 and saved
 * again as UTF-8, so that `é` reads "Ã©", `°` "Â°", `и` "Ð¸" and `’` "â€™". Each run of
 * characters that Windows-1252 can write is turned back into its bytes; where those bytes are a
 * UTF-8 sequence that was lost in this way (a lead byte and its continuation bytes, nothing
 * else), it becomes that character again. Text that reads correctly is never touched: a run
 * only changes when every byte of it belongs to such a sequence.
 *
 * fix-utf8 (the npm package) was weighed: it is a fixed table of Latin characters, so Greek,
 * Cyrillic or any symbol outside it stays broken, and it cannot say where it changed anything.
 */

/** Windows-1252's bytes 0x80–0x9F, as the WHATWG decoder reads them (undefined bytes are C1 controls). */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** The Windows-1252 byte of a character, or -1 when the encoding cannot write it. */
function cp1252Byte(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0xa0 && code <= 0xff) return code;
  const high = HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : -1;
}

/** How many bytes a UTF-8 sequence that starts with this lead byte has (0: not a lead byte of a multi-byte sequence). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Lead bytes as Windows-1252 reads them, followed by one to three continuation bytes so read.
 * `×` (0xD7, Hebrew's lead byte) is left out: "3×²" is more likely a formula than mojibake.
 */
const CANDIDATE = /[\u00C2-\u00D6\u00D8-\u00F4][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/g;

const strict = new TextDecoder('utf-8', { fatal: true });

/** One repair, for messages: where it was in the text and what it became. */
export interface MojibakeRepair {
  /** Offset of the broken run in the original text. */
  offset: number;
  from: string;
  to: string;
}

/** Repair double-encoded UTF-8 in a text; returns the text and every place changed. */
export function repairMojibake(text: string): { text: string; repairs: MojibakeRepair[] } {
  const repairs: MojibakeRepair[] = [];
  if (!/[\u00C2-\u00F4]/.test(text)) return { text, repairs };
  const repaired = text.replace(CANDIDATE, (run, offset: number) => {
    const bytes = [...run].map(cp1252Byte);
    if (bytes.includes(-1)) return run;
    const length = sequenceLength(bytes[0]);
    if (length === 0 || bytes.length < length) return run;
    // Only the sequence itself: a continuation-looking character after it stays as it is.
    const sequence = bytes.slice(0, length);
    let char: string;
    try {
      char = strict.decode(Uint8Array.from(sequence));
    } catch {
      return run;
    }
    // A C1 control or a noncharacter is not what anyone wrote.
    if (/[\u0080-\u009F\uFFFE\uFFFF]/.test(char)) return run;
    const from = [...run].slice(0, length).join('');
    repairs.push({ offset, from, to: char });
    return char + [...run].slice(length).join('');
  });
  return { text: repaired, repairs };
}
