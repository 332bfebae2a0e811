/** A line of a dump with its 1-based number. */
export interface NumberedLine {
  number: number;
  text: string;
}

/** Split text into numbered lines, accepting `\n`, `\r\n` and `\r` endings and dropping a BOM. */
export function splitLines(text: string): NumberedLine[] {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return clean.split(/\r\n|\r|\n/).map((line, index) => ({ number: index + 1, text: line }));
}
